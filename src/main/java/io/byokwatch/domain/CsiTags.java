package io.byokwatch.domain;

/**
 * The tags the Azure Disk CSI driver writes on what it creates (kubernetes-sigs/azuredisk-csi-driver,
 * {@code pkg/azureconstants} and {@code CreateManagedDisk}/{@code CreateSnapshot}), and what they tell about a disk or
 * snapshot. Tag names are case-insensitive in Azure, so {@link Tags#get} matches them in any case.
 */
public final class CsiTags {
    /** cloud-provider-azure {@code consts.CreatedByTag}: set by the CSI driver on disks and snapshots. */
    public static final String CREATED_BY = "k8s-azure-created-by";
    /** What the legacy in-tree {@code kubernetes.io/azure-disk} provisioner wrote instead. */
    public static final String LEGACY_CREATED_BY = "created-by";
    /** The value of both: {@code AzureDiskDriverTag}. */
    public static final String AZURE_DISK_DRIVER = "kubernetes-azure-dd";
    public static final String PV_NAME = "kubernetes.io-created-for-pv-name";
    public static final String PVC_NAME = "kubernetes.io-created-for-pvc-name";
    public static final String PVC_NAMESPACE = "kubernetes.io-created-for-pvc-namespace";
    public static final String SNAPSHOT_NAME = "kubernetes.io-created-for-snapshot-name";
    public static final String SNAPSHOT_NAMESPACE = "kubernetes.io-created-for-snapshot-namespace";
    /** The disk a CSI snapshot was taken of (its ARM id), also in {@code creationData.sourceResourceId}. */
    public static final String SOURCE_VOLUME_ID = "source_volume_id";

    private CsiTags() {
    }

    /** True when the Azure Disk CSI driver (or the legacy in-tree provisioner) created the resource. */
    public static boolean createdByAzureDiskDriver(Tags tags) {
        return AZURE_DISK_DRIVER.equalsIgnoreCase(trimmed(tags.get(CREATED_BY)))
                || AZURE_DISK_DRIVER.equalsIgnoreCase(trimmed(tags.get(LEGACY_CREATED_BY)));
    }

    /** The claim a CSI disk was provisioned for, or null when the disk carries none of the PV/PVC tags. */
    public static PersistentVolumeClaimRef claim(Tags tags) {
        String pv = trimmed(tags.get(PV_NAME));
        String pvc = trimmed(tags.get(PVC_NAME));
        String namespace = trimmed(tags.get(PVC_NAMESPACE));
        return pv == null && pvc == null && namespace == null ? null : new PersistentVolumeClaimRef(pv, pvc, namespace);
    }

    /** The VolumeSnapshot a CSI snapshot was taken for, or null when the snapshot carries neither tag. */
    public static VolumeSnapshotRef volumeSnapshot(Tags tags) {
        String name = trimmed(tags.get(SNAPSHOT_NAME));
        String namespace = trimmed(tags.get(SNAPSHOT_NAMESPACE));
        return name == null && namespace == null ? null : new VolumeSnapshotRef(name, namespace);
    }

    private static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        String t = value.trim();
        return t.isEmpty() ? null : t;
    }
}
