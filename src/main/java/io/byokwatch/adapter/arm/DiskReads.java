package io.byokwatch.adapter.arm;

import com.google.gson.JsonObject;
import io.byokwatch.adapter.snapshot.ArmMapper;
import io.byokwatch.domain.DiskOwners;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Lookup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Managed disks and snapshots: point reads by id through {@link ArmReads}, and the persistent-volume disks of clusters
 * through Resource Graph over the watched scopes, filtered on the Azure Disk CSI driver's tag.
 *
 * <p>Two ways to find a cluster's disks. An event re-evaluates one cluster or a few, so they are asked per cluster
 * (disks in its node resource group or attached to a machine there): one page, cached for the TTL, so a burst of PV
 * writes for one cluster shares it. A sweep asks for every cluster, so once {@link #sweeping} says every cluster was
 * just listed, every CSI disk is read in one paged query and indexed by the node resource groups each could belong to.
 *
 * <p>Either way the listing comes from Resource Graph, which lags ARM; the disks (snapshots) the view is fresh for, the
 * ones an event is about, are read from ARM after their change and replace, join or leave the listing accordingly.
 */
final class DiskReads {
    private static final String DISK_INDEX = "index: csi disks";
    private static final String SNAPSHOT_INDEX = "index: csi snapshots";
    private static final String SWEEP = "sweep: every cluster listed";
    private static final int IDS_PER_QUERY = 200;

    private final ArmReads reads;
    private final GraphReads graph;
    private final ReadCache cache;
    private final Object indexLock = new Object();

    DiskReads(ArmReads reads, GraphReads graph, ReadCache cache) {
        this.reads = reads;
        this.graph = graph;
        this.cache = cache;
    }

    Lookup<ManagedDisk> disk(ResourceId id, Freshness view) {
        if (!ArmType.MANAGED_DISK.matches(id)) {
            return Lookup.unknown(id + " is not a managed disk id (.../providers/Microsoft.Compute/disks/<name>)");
        }
        return reads.read(id, ArmType.MANAGED_DISK, ArmMapper::disk, view);
    }

    Lookup<DiskSnapshot> snapshot(ResourceId id, Freshness view) {
        if (!ArmType.DISK_SNAPSHOT.matches(id)) {
            return Lookup.unknown(id + " is not a disk snapshot id (.../providers/Microsoft.Compute/snapshots/<name>)");
        }
        return reads.read(id, ArmType.DISK_SNAPSHOT, ArmMapper::diskSnapshot, view);
    }

    /** Every cluster was just listed: the disks of every cluster are likely asked next, so read them all at once. */
    void sweeping() {
        cache.put(SWEEP, Boolean.TRUE);
    }

    Lookup<List<ManagedDisk>> dataDisksOf(ManagedCluster cluster, Freshness view) {
        ResourceId group = cluster.nodeResourceGroupId();
        if (group == null) {
            return Lookup.unknown("persistent-volume disks of cluster " + cluster.name() + " cannot be told: ARM gave"
                    + " no nodeResourceGroup for it");
        }
        Listing<ManagedDisk> listed;
        try {
            GroupIndex<ManagedDisk> index = index(DISK_INDEX, Kql.csiDisks(), ArmMapper::disk, ManagedDisk::id,
                    DiskOwners::candidateGroups, "managed disk", false);
            listed = index != null ? index.in(group)
                    : listing(Kql.csiDisksAndSnapshotsOf(group), Kql.DISK_TYPE, ArmMapper::disk, ManagedDisk::id,
                            "managed disk");
        } catch (ArmReadException e) {
            return Lookup.unavailable("persistent-volume disks of cluster " + cluster.name() + " were not listed: "
                    + e.getMessage());
        }
        if (listed.unreadable() != null) {
            return Lookup.unknown("persistent-volume disks of cluster " + cluster.name() + " cannot all be read: "
                    + listed.unreadable());
        }
        return withFresh(listed.items(), view, ArmType.MANAGED_DISK, ArmMapper::disk, ManagedDisk::id,
                d -> d.csiCreated() && DiskOwners.owns(cluster, d), "persistent-volume disks of cluster " + cluster.name());
    }

    /** CSI snapshots in the node resource group, of a disk there, or of one of the cluster's disks elsewhere. */
    Lookup<List<DiskSnapshot>> dataDiskSnapshotsOf(ManagedCluster cluster, Freshness view) {
        Lookup<List<ManagedDisk>> disks = dataDisksOf(cluster, view);
        if (!(disks instanceof Lookup.Found<List<ManagedDisk>> found)) {
            return disks.map(d -> List.of());
        }
        ResourceId group = cluster.nodeResourceGroupId();
        Set<ResourceId> diskIds = new LinkedHashSet<>();
        found.value().forEach(d -> diskIds.add(d.id()));
        Predicate<DiskSnapshot> belongs = s -> s.csiCreated() && (DiskOwners.candidateGroups(s, null).contains(group)
                || (s.sourceDiskId() != null && diskIds.contains(s.sourceDiskId())));
        String what = "persistent-volume snapshots of cluster " + cluster.name();
        List<DiskSnapshot> listed = new ArrayList<>();
        try {
            GroupIndex<DiskSnapshot> index = index(SNAPSHOT_INDEX, Kql.csiSnapshots(), ArmMapper::diskSnapshot,
                    DiskSnapshot::id, s -> DiskOwners.candidateGroups(s, null), "disk snapshot", false);
            if (index != null) {
                index.all().stream().filter(belongs).forEach(listed::add);
            } else {
                // the group's snapshots came with its disks (the same query, answered from the cache); only the
                // snapshots of the cluster's disks in other groups need a query of their own
                List<ResourceId> elsewhere = diskIds.stream().filter(id -> !group.equals(DiskOwners.groupOf(id))).toList();
                List<String> queries = new ArrayList<>();
                queries.add(Kql.csiDisksAndSnapshotsOf(group));
                batches(elsewhere).forEach(batch -> queries.add(Kql.csiSnapshotsOfDisks(batch)));
                for (String kql : queries) {
                    Listing<DiskSnapshot> part = listing(kql, Kql.SNAPSHOT_TYPE, ArmMapper::diskSnapshot,
                            DiskSnapshot::id, "disk snapshot");
                    if (part.unreadable() != null) {
                        return Lookup.unknown(what + " cannot all be read: " + part.unreadable());
                    }
                    part.items().stream().filter(belongs).forEach(listed::add);
                }
            }
        } catch (ArmReadException e) {
            return Lookup.unavailable(what + " were not listed: " + e.getMessage());
        }
        return withFresh(listed, view, ArmType.DISK_SNAPSHOT, ArmMapper::diskSnapshot, DiskSnapshot::id, belongs, what);
    }

    /**
     * Every CSI disk in the watched scopes that none of the clusters owns. A row the mapper refuses is counted in the
     * read statistics and left out: it cannot be judged an orphan.
     */
    Lookup<List<ManagedDisk>> orphans(List<ManagedCluster> clusters) {
        GroupIndex<ManagedDisk> index;
        try {
            index = index(DISK_INDEX, Kql.csiDisks(), ArmMapper::disk, ManagedDisk::id, DiskOwners::candidateGroups,
                    "managed disk", true);
        } catch (ArmReadException e) {
            return Lookup.unavailable("CSI disks were not listed: " + e.getMessage());
        }
        DiskOwners owners = new DiskOwners(clusters);
        return Lookup.found(index.all().stream().filter(d -> d.csiCreated() && owners.owners(d).isEmpty()).toList());
    }

    /** CSI disks using one of the sets; the query also answers {@link #snapshotsUsingSets} from the cache. */
    Lookup<List<ManagedDisk>> disksUsingSets(Collection<ResourceId> setIds) {
        return usingSets(setIds, Kql.DISK_TYPE, ArmMapper::disk, ManagedDisk::id, "managed disk");
    }

    Lookup<List<DiskSnapshot>> snapshotsUsingSets(Collection<ResourceId> setIds) {
        return usingSets(setIds, Kql.SNAPSHOT_TYPE, ArmMapper::diskSnapshot, DiskSnapshot::id, "disk snapshot");
    }

    /** The CSI disks or snapshots ({@code type}) whose encryption names one of the sets, in the watched scopes. */
    private <T> Lookup<List<T>> usingSets(Collection<ResourceId> setIds, String type, Function<JsonObject, T> mapper,
                                          Function<T, ResourceId> idOf, String what) {
        List<ResourceId> ids = List.copyOf(new LinkedHashSet<>(setIds));
        Map<ResourceId, T> found = new TreeMap<>();
        try {
            for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
                String kql = Kql.csiDisksAndSnapshotsWithSets(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)));
                for (ResourceGraph.Scope scope : graph.watchedScopes()) {
                    for (JsonObject row : graph.rows(kql, scope)) {
                        if (!type.equalsIgnoreCase(JsonText.of(row, "type"))) {
                            continue;
                        }
                        T item = graph.map(row, mapper, what);
                        if (item != null) {
                            found.putIfAbsent(idOf.apply(item), item);
                        }
                    }
                }
            }
        } catch (ArmReadException e) {
            return Lookup.unavailable(what + "s using " + ids.size() + " disk encryption set(s) were not listed: "
                    + e.getMessage());
        }
        return Lookup.found(List.copyOf(found.values()));
    }

    /**
     * The cached index; else a new one when asked to build or in a sweep; else null: ask per cluster. Rows are read
     * through {@link GraphReads#map}, which counts the ones it refuses.
     */
    private <T> GroupIndex<T> index(String key, String kql, Function<JsonObject, T> mapper, Function<T, ResourceId> idOf,
                                    Function<T, Set<ResourceId>> groups, String what, boolean build) {
        GroupIndex<T> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        if (!build && cache.get(SWEEP) == null) {
            return null;
        }
        // clusters of a fan-out are evaluated in parallel: one of them builds the index, the others wait for it
        synchronized (indexLock) {
            GroupIndex<T> built = cache.get(key);
            return built != null ? built : buildIndex(key, kql, mapper, idOf, groups, what);
        }
    }

    private <T> GroupIndex<T> buildIndex(String key, String kql, Function<JsonObject, T> mapper,
                                         Function<T, ResourceId> idOf, Function<T, Set<ResourceId>> groups, String what) {
        GroupIndex<T> index = new GroupIndex<>();
        for (ResourceGraph.Scope scope : graph.watchedScopes()) {
            for (JsonObject row : graph.rows(kql, scope)) {
                T item = graph.map(row, mapper, what);
                if (item == null) {
                    index.unreadable(row, what);
                } else {
                    index.add(idOf.apply(item), item, groups);
                }
            }
        }
        cache.put(key, index);
        return index;
    }

    /** The rows of one {@code type} a query returned, mapped; a query may answer for several types at once. */
    private <T> Listing<T> listing(String kql, String type, Function<JsonObject, T> mapper, Function<T, ResourceId> idOf,
                                   String what) {
        Map<ResourceId, T> items = new TreeMap<>();
        for (ResourceGraph.Scope scope : graph.watchedScopes()) {
            for (JsonObject row : graph.rows(kql, scope)) {
                if (!type.equalsIgnoreCase(JsonText.of(row, "type"))) {
                    continue;
                }
                T item = graph.map(row, mapper, what);
                if (item == null) {
                    return new Listing<>(List.of(), unreadableRow(row, what));
                }
                items.putIfAbsent(idOf.apply(item), item);
            }
        }
        return new Listing<>(List.copyOf(items.values()), null);
    }

    private static String unreadableRow(JsonObject row, String what) {
        return "Resource Graph returned a " + what + " byokwatch cannot read (" + JsonText.of(row, "id") + ")";
    }

    /** The ids in batches a query can carry; none when there are none. */
    private static List<List<ResourceId>> batches(List<ResourceId> ids) {
        List<List<ResourceId>> batches = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            batches.add(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)));
        }
        return batches;
    }

    /**
     * The listing with the resources this view is fresh for read from ARM after their change: a found one replaces
     * its listed copy when it {@code belongs}, else leaves; an absent one leaves; one that cannot be read leaves the
     * answer unknown, as the change it carries is not seen.
     */
    private <T> Lookup<List<T>> withFresh(List<T> listed, Freshness view, ArmType type, Function<JsonObject, T> mapper,
                                          Function<T, ResourceId> idOf, Predicate<T> belongs, String what) {
        List<ResourceId> changed = view.changed(type.type());
        Map<ResourceId, T> byId = new TreeMap<>();
        listed.forEach(x -> byId.put(idOf.apply(x), x));
        for (ResourceId id : changed) {
            Lookup<T> now = reads.read(id, type, mapper, view);
            if (now instanceof Lookup.Found<T> f) {
                if (belongs.test(f.value())) {
                    byId.put(id, f.value());
                } else {
                    byId.remove(id);
                }
            } else if (now instanceof Lookup.Absent<T>) {
                byId.remove(id);
            } else {
                Lookup.Unknown<T> u = (Lookup.Unknown<T>) now;
                String reason = what + " are not known: the changed " + type.label() + " " + id.name()
                        + " was not read: " + u.reason();
                return u.retryable() ? Lookup.unavailable(reason) : Lookup.unknown(reason);
            }
        }
        return Lookup.found(List.copyOf(byId.values()));
    }

    /** Mapped rows; {@code unreadable} names the first row the mapper refused, else null. */
    private record Listing<T>(List<T> items, String unreadable) {
    }

    /**
     * Every listed item by id, and by each node resource group it could belong to; the groups an unreadable row could
     * belong to (by its id and {@code managedBy}) answer unknown.
     */
    private static final class GroupIndex<T> {
        private final Map<ResourceId, T> all = new TreeMap<>();
        private final Map<ResourceId, List<T>> byGroup = new HashMap<>();
        private final Map<ResourceId, String> unreadableByGroup = new HashMap<>();

        void add(ResourceId id, T item, Function<T, Set<ResourceId>> groups) {
            if (all.putIfAbsent(id, item) != null) {
                return;
            }
            for (ResourceId g : groups.apply(item)) {
                byGroup.computeIfAbsent(g, k -> new ArrayList<>()).add(item);
            }
        }

        void unreadable(JsonObject row, String what) {
            for (String field : List.of("id", "managedBy")) {
                ResourceId id = ResourceId.orNull(JsonText.of(row, field));
                ResourceId g = id == null ? null : DiskOwners.groupOf(id);
                if (g != null) {
                    unreadableByGroup.putIfAbsent(g, unreadableRow(row, what));
                }
            }
        }

        Listing<T> in(ResourceId group) {
            return new Listing<>(byGroup.getOrDefault(group, List.of()), unreadableByGroup.get(group));
        }

        Collection<T> all() {
            return all.values();
        }
    }
}
