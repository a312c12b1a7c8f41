package io.byokwatch.domain;

/**
 * The Kubernetes objects a CSI disk was provisioned for, from its tags: the PersistentVolume, and the claim and its
 * namespace. Any part may be null when the tag is missing; the people who fix a finding think in namespace/PVC.
 */
public record PersistentVolumeClaimRef(String pvName, String pvcName, String namespace) {

    /** {@code namespace/pvc (PV pv)} with whatever parts are known, e.g. {@code payments/data-db-0 (PV pvc-1f2e...)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (pvcName != null) {
            sb.append(namespace == null ? "" : namespace + "/").append(pvcName);
        } else if (namespace != null) {
            sb.append("namespace ").append(namespace);
        }
        if (pvName != null) {
            sb.append(sb.length() == 0 ? "PV " + pvName : " (PV " + pvName + ")");
        }
        return sb.toString();
    }
}
