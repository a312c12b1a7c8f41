package io.byokwatch.domain;

/** The Kubernetes VolumeSnapshot a CSI disk snapshot was taken for, from its tags; either part may be null. */
public record VolumeSnapshotRef(String name, String namespace) {

    /** {@code namespace/name} with whatever parts are known. */
    public String describe() {
        if (name == null) {
            return "namespace " + namespace;
        }
        return namespace == null ? name : namespace + "/" + name;
    }
}
