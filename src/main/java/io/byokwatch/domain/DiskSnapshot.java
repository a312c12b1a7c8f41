package io.byokwatch.domain;

import java.time.Instant;

/**
 * A managed disk snapshot ({@code Microsoft.Compute/snapshots}). The Azure Disk CSI driver takes one per Kubernetes
 * VolumeSnapshot, tags it with the VolumeSnapshot's name and namespace, and names the disk it copies in
 * {@code creationData.sourceResourceId}. {@code incremental} and {@code timeCreated} are null when the record does not
 * say.
 */
public record DiskSnapshot(ResourceId id, String name, String location, Tags tags, DiskEncryption encryption,
                           ResourceId sourceResourceId, Boolean incremental, Instant timeCreated) {
    public DiskSnapshot {
        tags = tags == null ? Tags.NONE : tags;
        encryption = encryption == null ? DiskEncryption.NOT_IN_RECORD : encryption;
    }

    public String subscriptionId() {
        return id.subscriptionId();
    }

    public String resourceGroup() {
        return id.resourceGroup();
    }

    /** Taken by the Azure Disk CSI driver: its created-by tag, or a VolumeSnapshot name tag. */
    public boolean csiCreated() {
        return CsiTags.createdByAzureDiskDriver(tags) || tags.get(CsiTags.SNAPSHOT_NAME) != null;
    }

    /** The VolumeSnapshot it was taken for, or null when its tags do not say. */
    public VolumeSnapshotRef volumeSnapshot() {
        return CsiTags.volumeSnapshot(tags);
    }

    /** The disk it copies: {@code creationData.sourceResourceId}, else the CSI driver's {@code source_volume_id} tag. */
    public ResourceId sourceDiskId() {
        if (sourceResourceId != null) {
            return sourceResourceId;
        }
        return ResourceId.orNull(tags.get(CsiTags.SOURCE_VOLUME_ID));
    }

    /** {@code snapshot snap-1 (VolumeSnapshot payments/db-nightly)}. */
    public String describe() {
        VolumeSnapshotRef vs = volumeSnapshot();
        return "snapshot " + name + (vs == null ? "" : " (VolumeSnapshot " + vs.describe() + ")");
    }
}
