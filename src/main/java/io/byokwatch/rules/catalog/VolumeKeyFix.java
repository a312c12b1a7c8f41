package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.PersistentVolumeClaimRef;
import io.byokwatch.domain.ResourceId;

import java.util.Map;

/**
 * The fix for persistent volumes that are not on the key they should be (AKS "Bring your own keys (BYOK) with Azure
 * disks"): the Azure Disk CSI driver encrypts a new disk with a customer key only when its StorageClass names a
 * {@code diskEncryptionSetID}, it needs the cluster identity to read the set, and a StorageClass change never re-keys
 * an existing disk, so each existing PVC moves by snapshot, new disk on the set and rebind.
 */
final class VolumeKeyFix {
    static final String STORAGE_CLASS = "managed-csi-cmk";

    private VolumeKeyFix() {
    }

    /**
     * @param volume the disk or snapshot to move
     * @param setId  the set to move it to: the cluster's own (or an allowed one) when known, else null for a placeholder
     */
    static String script(ManagedCluster c, KeyConsumer volume, ResourceId setId) {
        String rg = Bash.q(c.resourceGroup());
        String cluster = Bash.q(c.name());
        Script s = new Script("A StorageClass that names a disk encryption set makes new PVCs on it; the set applies"
                + " only to new PVCs, so the existing " + (volume.kind() == KeyConsumer.Kind.SNAPSHOT ? "snapshot" : "disk")
                + " is copied onto the set and its claim rebound, and the cluster identity needs Reader on the set or"
                + " provisioning fails");
        if (setId != null) {
            s.cmd("DES_ID=$(az disk-encryption-set show -g " + Bash.q(setId.resourceGroup()) + " -n " + Bash.q(setId.name())
                    + " --query id -o tsv)");
        } else {
            s.set("DES_ID", "DES-ID", "the id of a disk encryption set on your key (the cluster's, or one the policy allows)");
        }
        s.cmd("CLUSTER_PRINCIPAL=" + clusterPrincipal(c, rg, cluster));
        s.cmd("az role assignment create --role Reader --assignee-object-id \"$CLUSTER_PRINCIPAL\""
                + " --assignee-principal-type ServicePrincipal --scope \"$DES_ID\"");
        s.say("The class, made the default so that PVCs naming no class get it (or name it in storageClassName):");
        // YAML in flow style on one line: every channel shows a remediation line by line, and bash reads it whole
        s.cmd("kubectl apply -f - <<< \"{apiVersion: storage.k8s.io/v1, kind: StorageClass, metadata: {name: "
                + STORAGE_CLASS + ", annotations: {storageclass.kubernetes.io/is-default-class: 'true'}},"
                + " provisioner: disk.csi.azure.com, parameters: {skuName: Premium_LRS, diskEncryptionSetID: $DES_ID},"
                + " reclaimPolicy: Delete, volumeBindingMode: WaitForFirstConsumer, allowVolumeExpansion: true}\"");
        s.cmd("kubectl annotate storageclass managed-csi storageclass.kubernetes.io/is-default-class=false --overwrite",
                "one default class only");
        if (volume.kind() == KeyConsumer.Kind.SNAPSHOT) {
            return s.say("A snapshot is re-keyed by copying it onto the set, then deleting the platform-key copy:")
                    .cmd("az snapshot create -g " + Bash.q(volume.id().resourceGroup()) + " -n " + Bash.q(volume.name() + "-cmk")
                            + " --source " + Bash.q(volume.id()) + " --disk-encryption-set \"$DES_ID\""
                            + " --encryption-type EncryptionAtRestWithCustomerKey")
                    .terraform("the Azure Disk CSI driver creates these disks, not Terraform: declare the StorageClass"
                            + " with kubernetes_storage_class_v1 (parameters.diskEncryptionSetID ="
                            + " azurerm_disk_encryption_set.<set>.id) and an azurerm_role_assignment (Reader) for the"
                            + " cluster identity on the set.");
        }
        PersistentVolumeClaimRef claim = volume.claim();
        String ns = claim != null && claim.namespace() != null ? claim.namespace() : null;
        String pvc = claim != null && claim.pvcName() != null ? claim.pvcName() : null;
        String diskRg = Bash.q(volume.id().resourceGroup());
        String newDisk = Bash.q(volume.name() + "-cmk");
        s.say("Move the existing claim: stop the pods that mount it, copy the disk onto the set, rebind the claim");
        if (ns == null || pvc == null) {
            s.set("NS", "NAMESPACE", "the claim's namespace").set("PVC", "PVC-NAME", "the claim's name");
        } else {
            s.cmd("NS=" + Bash.q(ns)).cmd("PVC=" + Bash.q(pvc));
        }
        String pv = claim != null && claim.pvName() != null ? claim.pvName() : volume.name();
        s.cmd("PV=" + Bash.q(pv))
                .cmd("SIZE=$(az disk show --ids " + Bash.q(volume.id()) + " --query diskSizeGB -o tsv)");
        return s.cmd("az snapshot create -g " + diskRg + " -n " + Bash.q(volume.name() + "-move") + " --source "
                        + Bash.q(volume.id()) + " --incremental true")
                .cmd("az disk create -g " + diskRg + " -n " + newDisk + " --source " + Bash.q(volume.name() + "-move")
                        + " --disk-encryption-set \"$DES_ID\" --encryption-type EncryptionAtRestWithCustomerKey")
                .cmd("NEW_DISK_ID=$(az disk show -g " + diskRg + " -n " + newDisk + " --query id -o tsv)")
                .say("A PV on the new disk, claimed by a new claim of the same name (the old claim's access mode"
                        + " and size), replaces the old claim once its data is verified:")
                .cmd("kubectl patch pv \"$PV\" -p '{\"spec\":{\"persistentVolumeReclaimPolicy\":\"Retain\"}}'",
                        "deleting the old claim must not delete the old disk")
                .cmd("kubectl get pvc -n \"$NS\" \"$PVC\" -o yaml > \"$PVC\".old.yaml")
                .cmd("kubectl delete pvc -n \"$NS\" \"$PVC\"")
                .cmd("kubectl apply -f - <<< \"{apiVersion: v1, kind: PersistentVolume, metadata: {name: $PV-cmk},"
                        + " spec: {capacity: {storage: ${SIZE}Gi}, accessModes: [ReadWriteOnce],"
                        + " persistentVolumeReclaimPolicy: Retain, storageClassName: " + STORAGE_CLASS + ","
                        + " claimRef: {namespace: $NS, name: $PVC}, csi: {driver: disk.csi.azure.com,"
                        + " volumeHandle: $NEW_DISK_ID}}}\"")
                .cmd("kubectl apply -f - <<< \"{apiVersion: v1, kind: PersistentVolumeClaim, metadata: {namespace: $NS,"
                        + " name: $PVC}, spec: {accessModes: [ReadWriteOnce], storageClassName: " + STORAGE_CLASS + ","
                        + " volumeName: $PV-cmk, resources: {requests: {storage: ${SIZE}Gi}}}}\"")
                .terraform("the Azure Disk CSI driver creates these disks, not Terraform: declare the StorageClass with"
                        + " kubernetes_storage_class_v1 (parameters.diskEncryptionSetID = azurerm_disk_encryption_set."
                        + "<set>.id, is-default-class annotation) and an azurerm_role_assignment (Reader) for the"
                        + " cluster identity on the set.");
    }

    /** How the script gets the cluster identity's principal: known, a user-assigned identity's, or the system one. */
    private static String clusterPrincipal(ManagedCluster c, String rg, String cluster) {
        ManagedIdentity id = c.identity();
        if (id.systemAssigned() && id.principalId() != null) {
            return Bash.q(id.principalId());
        }
        if (id.userAssignedType() && !id.userAssigned().isEmpty()) {
            Map.Entry<ResourceId, String> first = id.userAssigned().entrySet().iterator().next();
            return first.getValue() != null ? Bash.q(first.getValue())
                    : "$(az identity show --ids " + Bash.q(first.getKey()) + " --query principalId -o tsv)";
        }
        return "$(az aks show -g " + rg + " -n " + cluster + " --query identity.principalId -o tsv)";
    }
}
