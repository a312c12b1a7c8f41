package io.byokwatch.domain;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A managed disk ({@code Microsoft.Compute/disks}) as the rules see it. {@code managedBy} is the machine the disk is
 * attached to (a VM scale set VM, or a VM), null when unattached; {@code managedByExtended} lists the machines of a
 * shared disk. {@code diskState} ({@code Attached}, {@code Unattached}, {@code Reserved}...) and {@code timeCreated}
 * are null when the record does not say. What the Azure Disk CSI driver wrote on it is read from {@code tags}.
 */
public record ManagedDisk(ResourceId id, String name, String location, Tags tags, DiskEncryption encryption,
                          ResourceId managedBy, List<ResourceId> managedByExtended, String diskState,
                          Instant timeCreated) {
    public ManagedDisk {
        tags = tags == null ? Tags.NONE : tags;
        encryption = encryption == null ? DiskEncryption.NOT_IN_RECORD : encryption;
        managedByExtended = managedByExtended == null ? List.of() : List.copyOf(managedByExtended);
    }

    public String subscriptionId() {
        return id.subscriptionId();
    }

    public String resourceGroup() {
        return id.resourceGroup();
    }

    /** Created by the Azure Disk CSI driver ({@code k8s-azure-created-by}) or the legacy in-tree provisioner. */
    public boolean csiCreated() {
        return CsiTags.createdByAzureDiskDriver(tags);
    }

    /** The PV, PVC and namespace the disk was provisioned for, or null when its tags do not say. */
    public PersistentVolumeClaimRef claim() {
        return CsiTags.claim(tags);
    }

    /** Attached to at least one machine, by {@code managedBy}, {@code managedByExtended} or {@code diskState}. */
    public boolean attached() {
        return managedBy != null || !managedByExtended.isEmpty() || "Attached".equalsIgnoreCase(diskState);
    }

    /** Every machine the disk is attached to: {@code managedBy} first, then the other machines of a shared disk. */
    public List<ResourceId> attachedTo() {
        if (managedBy == null) {
            return managedByExtended;
        }
        if (managedByExtended.isEmpty()) {
            return List.of(managedBy);
        }
        LinkedHashSet<ResourceId> all = new LinkedHashSet<>();
        all.add(managedBy);
        all.addAll(managedByExtended);
        return List.copyOf(all);
    }

    /** {@code disk pvc-1f2e... (payments/data-db-0)}: the disk, and the claim when its tags name one. */
    public String describe() {
        PersistentVolumeClaimRef claim = claim();
        if (claim == null) {
            return "disk " + name;
        }
        // the driver names a disk after its PV, so the PV is only worth repeating when it differs
        PersistentVolumeClaimRef shown = name.equalsIgnoreCase(claim.pvName())
                ? new PersistentVolumeClaimRef(null, claim.pvcName(), claim.namespace()) : claim;
        String text = shown.describe();
        return "disk " + name + (text.isEmpty() ? "" : " (" + text + ")");
    }
}
