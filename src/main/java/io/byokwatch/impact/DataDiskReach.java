package io.byokwatch.impact;

import io.byokwatch.domain.DiskOwners;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * From a persistent-volume disk, a snapshot, or the disk encryption sets they use, to the clusters they belong to:
 * the clusters whose node resource group holds them or the machines they are attached to ({@link DiskOwners}). Reads
 * go from the disk's side, so a deleted disk still reaches the cluster whose node resource group it sat in.
 */
final class DataDiskReach {

    private DataDiskReach() {
    }

    /** A write or delete of a managed disk. */
    static Impact disk(ResourceId id, Inventory inv) {
        Lookup<ManagedDisk> now = inv.disk(id);
        failIfUnavailable(now, "managed disk " + id.name());
        ManagedDisk disk = now.orNull();
        Set<ResourceId> groups = disk != null ? DiskOwners.candidateGroups(disk) : ownGroup(id);
        Set<ResourceId> clusters = clustersIn(groups, inv);
        String label = disk != null ? disk.describe() : "disk " + id.name() + (now instanceof Lookup.Absent<ManagedDisk>
                ? " (deleted)" : " (not readable)");
        return Impact.reaches(clusters, label + " -> " + VaultReach.count(clusters.size(), "cluster")
                + (clusters.isEmpty() ? noOwner(disk != null) : ""));
    }

    /** A write or delete of a disk snapshot: its group's cluster, and the cluster of the disk it copies. */
    static Impact snapshot(ResourceId id, Inventory inv) {
        Lookup<DiskSnapshot> now = inv.diskSnapshot(id);
        failIfUnavailable(now, "disk snapshot " + id.name());
        DiskSnapshot snapshot = now.orNull();
        Set<ResourceId> groups;
        if (snapshot == null) {
            groups = ownGroup(id);
        } else {
            ResourceId source = snapshot.sourceDiskId();
            groups = DiskOwners.candidateGroups(snapshot, source == null ? null : inv.disk(source).orNull());
        }
        Set<ResourceId> clusters = clustersIn(groups, inv);
        String label = snapshot != null ? snapshot.describe() : "snapshot " + id.name()
                + (now instanceof Lookup.Absent<DiskSnapshot> ? " (deleted)" : " (not readable)");
        return Impact.reaches(clusters, label + " -> " + VaultReach.count(clusters.size(), "cluster")
                + (clusters.isEmpty() ? noOwner(snapshot != null) : ""));
    }

    /** The clusters whose persistent-volume disks or snapshots use one of the sets. */
    static Set<ResourceId> clustersUsing(Collection<ResourceId> setIds, Inventory inv) {
        if (setIds.isEmpty()) {
            return Set.of();
        }
        Set<ResourceId> groups = new LinkedHashSet<>();
        Lookup<List<ManagedDisk>> disks = inv.dataDisksUsingDiskEncryptionSets(setIds);
        failIfUnavailable(disks, "the persistent-volume disks using " + VaultReach.count(setIds.size(),
                "disk encryption set"));
        List<ManagedDisk> found = disks.orNull();
        if (found != null) {
            found.forEach(d -> groups.addAll(DiskOwners.candidateGroups(d)));
        }
        Lookup<List<DiskSnapshot>> snapshots = inv.dataDiskSnapshotsUsingDiskEncryptionSets(setIds);
        failIfUnavailable(snapshots, "the persistent-volume snapshots using " + VaultReach.count(setIds.size(),
                "disk encryption set"));
        List<DiskSnapshot> snaps = snapshots.orNull();
        if (snaps != null) {
            snaps.forEach(s -> groups.addAll(DiskOwners.candidateGroups(s, null)));
        }
        return clustersIn(groups, inv);
    }

    private static Set<ResourceId> clustersIn(Set<ResourceId> groups, Inventory inv) {
        Set<ResourceId> clusters = new TreeSet<>();
        if (!groups.isEmpty()) {
            inv.clustersWithNodeResourceGroups(groups).forEach(c -> clusters.add(c.id()));
        }
        return clusters;
    }

    private static Set<ResourceId> ownGroup(ResourceId id) {
        ResourceId group = DiskOwners.groupOf(id);
        return group == null ? Set.of() : Set.of(group);
    }

    private static String noOwner(boolean read) {
        return read ? " (no watched cluster's node resource group holds it or a machine it is attached to)"
                : " (no watched cluster's node resource group holds it; the next sweep updates any cluster that used it)";
    }

    /** Routing on a read that failed for now would drop the event's clusters: fail, so that it is redelivered. */
    private static void failIfUnavailable(Lookup<?> answer, String what) {
        if (answer instanceof Lookup.Unknown<?> u && u.retryable()) {
            throw new RoutingUnavailableException(what + " could not be read for now, so the clusters it reaches are"
                    + " not known; the event is retried: " + u.reason());
        }
    }
}
