package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.DiskOwners;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KeyVersion;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The estate as exported to files. Every index is built once, so each look-up costs O(1) or O(result).
 *
 * <p>A file export is never known to be complete, so "not in the files" must not read as "does not exist" unless the
 * files show that the place it would be was exported. The rules for {@link Lookup#absent} versus
 * {@link Lookup#unknown}:
 * <ul>
 * <li><b>Clusters and disk encryption sets</b> are exported per subscription ({@code az aks list},
 * {@code az disk-encryption-set list}). One missing from a subscription that has others of its type in the files is
 * absent; from a subscription with none of its type, unknown.</li>
 * <li><b>Vaults</b> are asked for by data-plane host, which carries no subscription. A host is absent only when a
 * disk encryption set or cluster KMS profile names the ARM id of the vault behind it, and vaults of the same kind
 * (vault or Managed HSM) from that id's subscription were exported, just not this one. Any other miss is unknown.
 * When the named vault was exported under another host (an export without {@code vaultUri} gets the public-cloud
 * host), it is found by that id.</li>
 * <li><b>Keys</b> are exported per vault ({@code az keyvault key list}, ARM {@code vaults/keys}). A key missing from
 * a vault host that has other keys in the files is absent (deleted and purged, or never created); from a host with
 * none, unknown. A deleted key (from {@code list-deleted}) is found, with {@code deletedOn} set.</li>
 * <li><b>Managed disks and disk snapshots</b> are exported per subscription ({@code az disk list},
 * {@code az snapshot list}, or the Resource Graph query in the README), like clusters: one missing from a subscription
 * with others of its type in the files is absent, otherwise unknown. A cluster's persistent-volume disks (snapshots)
 * are known, possibly none, when disks (snapshots) of the cluster's subscription were exported and the cluster record
 * names its node resource group; otherwise unknown. Ownership is {@link DiskOwners}'; a CSI disk no cluster in the
 * files owns is an orphan. Files without any disk make orphans and the disks behind a set unknown: an older export
 * recipe, not an estate without disks.</li>
 * <li><b>Role assignments:</b> none in the files at all is unknown. Otherwise the answer is found: the assignments at
 * the scope and every scope above it, plus all management-group assignments, since the files do not say which
 * management groups hold the subscription.</li>
 * </ul>
 * Records that describe the same resource are combined as {@link SnapshotMerge} describes; node pools whose cluster
 * is not in the files are dropped.
 */
public final class SnapshotInventory implements Inventory {
    private static final String MANAGEMENT_GROUPS = "/providers/microsoft.management/managementgroups/";
    private static final String NO_DISKS = "no managed disks are in the inventory; add the output of az disk list"
            + " (or the Resource Graph query in the README)";

    private final Snapshot snapshot;
    private final List<ManagedCluster> clusters;
    private final Map<ResourceId, ManagedCluster> clustersById;
    private final Map<ResourceId, DiskEncryptionSet> setsById = new HashMap<>();
    private final Map<String, KeyVault> vaultsByHost = new HashMap<>();
    private final Map<ResourceId, KeyVault> vaultsById = new HashMap<>();
    private final Map<String, VaultKey> keysById;
    private final Map<String, List<KeyVersion>> versionsByKey = new HashMap<>();
    private final Map<String, Integer> clustersPerSubscription = new HashMap<>();
    private final Map<String, Integer> setsPerSubscription = new HashMap<>();
    private final Map<String, Integer> vaultsPerSubscriptionAndKind = new HashMap<>();
    private final Map<String, Integer> keysPerHost = new HashMap<>();
    private final Map<String, ResourceId> vaultIdsNamedByHost = new HashMap<>();
    private final Map<String, List<DiskEncryptionSet>> setsByVaultHost = new HashMap<>();
    private final Map<ResourceId, List<ManagedCluster>> clustersBySet = new HashMap<>();
    private final Map<String, List<ManagedCluster>> clustersByKmsHost = new HashMap<>();
    private final Map<String, List<RoleAssignment>> assignmentsByScope = new HashMap<>();
    private final List<RoleAssignment> managementGroupAssignments = new ArrayList<>();
    /** Subscriptions with at least one exported assignment: only there is "no granting assignment" a fact. */
    private final Set<String> subscriptionsWithAssignments = new HashSet<>();
    private final Map<ResourceId, ManagedDisk> disksById;
    private final Map<ResourceId, DiskSnapshot> diskSnapshotsById;
    private final Map<String, Integer> disksPerSubscription = new HashMap<>();
    private final Map<String, Integer> snapshotsPerSubscription = new HashMap<>();
    private final Map<ResourceId, List<ManagedDisk>> dataDisksByCluster = new HashMap<>();
    private final Map<ResourceId, List<DiskSnapshot>> dataDiskSnapshotsByCluster = new HashMap<>();
    private final List<ManagedDisk> orphanCsiDisks = new ArrayList<>();
    private final Map<ResourceId, List<ManagedDisk>> disksBySet = new HashMap<>();
    private final Map<ResourceId, List<DiskSnapshot>> snapshotsBySet = new HashMap<>();
    private final DiskOwners owners;

    public SnapshotInventory(Snapshot snapshot) {
        this.snapshot = snapshot;
        this.clustersById = SnapshotMerge.clusters(snapshot);
        this.clusters = clustersById.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
        for (ManagedCluster c : clusters) {
            count(clustersPerSubscription, subscription(c.id()));
            if (c.diskEncryptionSetId() != null) {
                clustersBySet.computeIfAbsent(c.diskEncryptionSetId(), k -> new ArrayList<>()).add(c);
            }
            KeyRef kmsKey = c.kms().key();
            if (kmsKey != null) {
                clustersByKmsHost.computeIfAbsent(kmsKey.vaultHost(), k -> new ArrayList<>()).add(c);
                if (c.kms().keyVaultResourceId() != null) {
                    vaultIdsNamedByHost.putIfAbsent(kmsKey.vaultHost(), c.kms().keyVaultResourceId());
                }
            }
        }
        snapshot.diskEncryptionSets().forEach(s -> setsById.put(s.id(), s));
        for (DiskEncryptionSet s : setsById.values()) {
            count(setsPerSubscription, subscription(s.id()));
            if (s.activeKey() != null) {
                setsByVaultHost.computeIfAbsent(s.activeKey().vaultHost(), k -> new ArrayList<>()).add(s);
                if (s.sourceVaultId() != null) {
                    vaultIdsNamedByHost.putIfAbsent(s.activeKey().vaultHost(), s.sourceVaultId());
                }
            }
        }
        setsByVaultHost.values().forEach(list -> list.sort((a, b) -> a.id().compareTo(b.id())));
        for (KeyVault v : snapshot.vaults()) {
            vaultsById.put(v.id(), v);
            vaultsByHost.put(v.host(), v);
        }
        vaultsById.values().forEach(v -> count(vaultsPerSubscriptionAndKind, subscription(v.id()) + kindSuffix(v.managedHsm())));
        this.keysById = SnapshotMerge.keys(snapshot, vaultsByHost);
        keysById.values().forEach(k -> count(keysPerHost, k.ref().vaultHost()));
        for (KeyVersion v : snapshot.keyVersions()) {
            List<KeyVersion> versions = versionsByKey.computeIfAbsent(v.ref().keyId(), k -> new ArrayList<>());
            if (versions.stream().noneMatch(x -> x.version().equalsIgnoreCase(v.version()))) {
                versions.add(v);
            }
        }
        versionsByKey.values().forEach(list -> list.sort(NEWEST_FIRST));
        List<RoleAssignment> assignments = SnapshotMerge.roleAssignments(snapshot);
        for (RoleAssignment a : assignments) {
            if (a.scope().subscriptionId() != null) {
                subscriptionsWithAssignments.add(a.scope().subscriptionId().toLowerCase(Locale.ROOT));
            }
            if (a.scope().key().startsWith(MANAGEMENT_GROUPS)) {
                managementGroupAssignments.add(a);
            } else {
                assignmentsByScope.computeIfAbsent(a.scope().key(), k -> new ArrayList<>()).add(a);
            }
        }
        this.owners = new DiskOwners(clusters);
        this.disksById = SnapshotMerge.disks(snapshot);
        this.diskSnapshotsById = SnapshotMerge.diskSnapshots(snapshot);
        indexDisks();
    }

    private void indexDisks() {
        // in load order; lists are sorted when asked for, ten disks at a time rather than 100,000 up front
        for (ManagedDisk d : disksById.values()) {
            count(disksPerSubscription, subscription(d.id()));
            if (!d.csiCreated()) {
                continue;
            }
            ResourceId set = d.encryption().diskEncryptionSetId();
            if (set != null) {
                disksBySet.computeIfAbsent(set, k -> new ArrayList<>()).add(d);
            }
            List<ManagedCluster> owning = owners.owners(d);
            if (owning.isEmpty()) {
                orphanCsiDisks.add(d);
            }
            owning.forEach(c -> dataDisksByCluster.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(d));
        }
        orphanCsiDisks.sort((a, b) -> a.id().compareTo(b.id()));
        for (DiskSnapshot snap : diskSnapshotsById.values()) {
            count(snapshotsPerSubscription, subscription(snap.id()));
            if (!snap.csiCreated()) {
                continue;
            }
            ResourceId set = snap.encryption().diskEncryptionSetId();
            if (set != null) {
                snapshotsBySet.computeIfAbsent(set, k -> new ArrayList<>()).add(snap);
            }
            owners.owners(snap, disksById::get).forEach(c ->
                    dataDiskSnapshotsByCluster.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(snap));
        }
    }

    /** Loads the files at the path and indexes them. */
    public static SnapshotInventory load(Path fileOrFolder) {
        return new SnapshotInventory(SnapshotLoader.load(fileOrFolder));
    }

    /** What was loaded, including the problems and skipped types to report to the user. */
    public Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public List<ManagedCluster> clusters() {
        return clusters;
    }

    @Override
    public Lookup<ManagedCluster> cluster(ResourceId id) {
        ManagedCluster c = clustersById.get(id);
        if (c != null) {
            return Lookup.found(c);
        }
        return missing(id, clustersPerSubscription, "AKS cluster", "az aks list");
    }

    @Override
    public Lookup<DiskEncryptionSet> diskEncryptionSet(ResourceId id) {
        DiskEncryptionSet s = setsById.get(id);
        if (s != null) {
            return Lookup.found(s);
        }
        return missing(id, setsPerSubscription, "disk encryption set", "az disk-encryption-set list");
    }

    @Override
    public Lookup<KeyVault> vaultByHost(String host) {
        String h = Scalars.normaliseHost(host);
        KeyVault v = vaultsByHost.get(h);
        if (v != null) {
            return Lookup.found(v);
        }
        boolean hsm = h.contains(".managedhsm.");
        String vaultName = h.contains(".") ? h.substring(0, h.indexOf('.')) : h;
        ResourceId named = vaultIdsNamedByHost.get(h);
        if (named != null && vaultsById.containsKey(named)) {
            return Lookup.found(vaultsById.get(named));
        }
        int exported = named == null ? 0
                : vaultsPerSubscriptionAndKind.getOrDefault(subscription(named) + kindSuffix(hsm), 0);
        if (exported > 0) {
            return Lookup.absent((hsm ? "managed HSM " : "key vault ") + named.name() + " (" + named + ") is not among the "
                    + plural(exported, hsm ? "managed HSM" : "key vault") + " exported for subscription "
                    + named.subscriptionId());
        }
        return Lookup.unknown("no " + (hsm ? "managed HSM" : "key vault") + " serving " + h
                + " is in the inventory; add the output of az keyvault show " + (hsm ? "--hsm-name " : "--name ") + vaultName);
    }

    @Override
    public Lookup<VaultKey> key(KeyRef ref) {
        VaultKey k = keysById.get(ref.keyId());
        if (k != null) {
            return Lookup.found(k);
        }
        int exported = keysPerHost.getOrDefault(ref.vaultHost(), 0);
        String vault = ref.vaultName();
        if (exported > 0) {
            return Lookup.absent("key " + ref.name() + " is not among the " + plural(exported, "key")
                    + " exported from vault " + vault + ": deleted, or never created");
        }
        return Lookup.unknown("no keys from vault " + vault + " are in the inventory; add az keyvault key list "
                + (ref.inManagedHsm() ? "--hsm-name " : "--vault-name ") + vault + " or ARM vaults/keys");
    }

    /** Newest first; a version whose creation time the export lacks sorts last, as its age is unknown. */
    private static final Comparator<KeyVersion> NEWEST_FIRST = Comparator.comparing(KeyVersion::created,
            Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(KeyVersion::version);

    @Override
    public Lookup<List<KeyVersion>> keyVersions(KeyRef ref) {
        List<KeyVersion> versions = versionsByKey.get(ref.keyId());
        if (versions != null) {
            return Lookup.found(List.copyOf(versions));
        }
        Lookup<VaultKey> key = key(ref);
        if (key instanceof Lookup.Absent<VaultKey> a) {
            return Lookup.absent(a.evidence());
        }
        String vault = ref.vaultName();
        return Lookup.unknown("the versions of key " + ref.name() + " in " + vault + " are not in the inventory; add az keyvault"
                + " key list-versions " + (ref.inManagedHsm() ? "--hsm-name " : "--vault-name ") + vault + " -n " + ref.name()
                + " or ARM vaults/keys/" + ref.name() + "/versions");
    }

    @Override
    public Lookup<List<RoleAssignment>> roleAssignmentsAt(ResourceId scope) {
        String subscription = scope.subscriptionId();
        if (subscription == null || !subscriptionsWithAssignments.contains(subscription.toLowerCase(Locale.ROOT))) {
            return Lookup.unknown("role assignments of subscription " + subscription + " are not in the inventory; add az role"
                    + " assignment list --all --include-inherited --scope " + scope.topLevel());
        }
        Set<RoleAssignment> found = new LinkedHashSet<>(managementGroupAssignments);
        String key = scope.key();
        for (int slash = key.indexOf('/', 1); slash > 0; slash = key.indexOf('/', slash + 1)) {
            found.addAll(assignmentsByScope.getOrDefault(key.substring(0, slash), List.of()));
        }
        found.addAll(assignmentsByScope.getOrDefault(key, List.of()));
        return Lookup.found(List.copyOf(found));
    }

    @Override
    public List<DiskEncryptionSet> diskEncryptionSetsUsingVault(String vaultHost) {
        return List.copyOf(setsByVaultHost.getOrDefault(Scalars.normaliseHost(vaultHost), List.of()));
    }

    @Override
    public List<ManagedCluster> clustersUsingDiskEncryptionSets(Collection<ResourceId> setIds) {
        Map<ResourceId, ManagedCluster> found = new LinkedHashMap<>();
        for (ResourceId id : setIds) {
            clustersBySet.getOrDefault(id, List.of()).forEach(c -> found.put(c.id(), c));
        }
        return found.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    @Override
    public List<ManagedCluster> clustersWithKmsKeyIn(String vaultHost) {
        return List.copyOf(clustersByKmsHost.getOrDefault(Scalars.normaliseHost(vaultHost), List.of()));
    }

    @Override
    public Lookup<ManagedDisk> disk(ResourceId id) {
        ManagedDisk d = disksById.get(id);
        if (d != null) {
            return Lookup.found(d);
        }
        return missing(id, disksPerSubscription, "managed disk", "az disk list");
    }

    @Override
    public Lookup<DiskSnapshot> diskSnapshot(ResourceId id) {
        DiskSnapshot snap = diskSnapshotsById.get(id);
        if (snap != null) {
            return Lookup.found(snap);
        }
        return missing(id, snapshotsPerSubscription, "disk snapshot", "az snapshot list");
    }

    @Override
    public Lookup<List<ManagedDisk>> dataDisksOf(ManagedCluster cluster) {
        String unknown = notCovered(cluster, disksPerSubscription, "persistent-volume disks", "managed disks",
                "az disk list");
        return unknown != null ? Lookup.unknown(unknown)
                : Lookup.found(sortedById(dataDisksByCluster.getOrDefault(cluster.id(), List.of()), ManagedDisk::id));
    }

    @Override
    public Lookup<List<DiskSnapshot>> dataDiskSnapshotsOf(ManagedCluster cluster) {
        String unknown = notCovered(cluster, snapshotsPerSubscription, "persistent-volume snapshots", "disk snapshots",
                "az snapshot list");
        return unknown != null ? Lookup.unknown(unknown)
                : Lookup.found(sortedById(dataDiskSnapshotsByCluster.getOrDefault(cluster.id(), List.of()),
                DiskSnapshot::id));
    }

    @Override
    public Lookup<List<ManagedDisk>> orphanCsiDisks() {
        return disksById.isEmpty() ? Lookup.unknown(NO_DISKS) : Lookup.found(List.copyOf(orphanCsiDisks));
    }

    @Override
    public Lookup<List<ManagedDisk>> dataDisksUsingDiskEncryptionSets(Collection<ResourceId> setIds) {
        if (disksById.isEmpty()) {
            return Lookup.unknown(NO_DISKS);
        }
        return Lookup.found(using(setIds, disksBySet, ManagedDisk::id));
    }

    @Override
    public Lookup<List<DiskSnapshot>> dataDiskSnapshotsUsingDiskEncryptionSets(Collection<ResourceId> setIds) {
        if (diskSnapshotsById.isEmpty()) {
            return Lookup.unknown("no disk snapshots are in the inventory; add the output of az snapshot list (or the"
                    + " Resource Graph query in the README)");
        }
        return Lookup.found(using(setIds, snapshotsBySet, DiskSnapshot::id));
    }

    @Override
    public List<ManagedCluster> clustersWithNodeResourceGroups(Collection<ResourceId> groups) {
        return owners.clustersIn(groups);
    }

    /** Why the cluster's disks (or snapshots) cannot be told from these files, or null when they can. */
    private static String notCovered(ManagedCluster cluster, Map<String, Integer> perSubscription, String what,
                                     String exported, String listCommand) {
        if (cluster.nodeResourceGroupId() == null) {
            return what + " of cluster " + cluster.name() + " cannot be told: its record has no nodeResourceGroup;"
                    + " export the full cluster with az aks list or az aks show";
        }
        String sub = cluster.subscriptionId();
        if (perSubscription.getOrDefault(sub.toLowerCase(Locale.ROOT), 0) == 0) {
            return "no " + exported + " from subscription " + sub + " are in the inventory, so the " + what
                    + " of cluster " + cluster.name() + " were not checked; add the output of " + listCommand
                    + " --subscription " + sub + " (or the Resource Graph query in the README)";
        }
        return null;
    }

    private static <T> List<T> sortedById(List<T> items, Function<T, ResourceId> id) {
        return items.stream().sorted((a, b) -> id.apply(a).compareTo(id.apply(b))).toList();
    }

    private static <T> List<T> using(Collection<ResourceId> setIds, Map<ResourceId, List<T>> bySet,
                                     Function<T, ResourceId> id) {
        Map<ResourceId, T> found = new TreeMap<>();
        for (ResourceId set : setIds) {
            bySet.getOrDefault(set, List.of()).forEach(x -> found.putIfAbsent(id.apply(x), x));
        }
        return List.copyOf(found.values());
    }

    private static <T> Lookup<T> missing(ResourceId id, Map<String, Integer> perSubscription, String what,
                                         String listCommand) {
        String sub = id.subscriptionId();
        if (sub == null) {
            return Lookup.unknown(id + " names no subscription, so the inventory cannot say whether the " + what
                    + " exists");
        }
        int exported = perSubscription.getOrDefault(sub.toLowerCase(Locale.ROOT), 0);
        if (exported > 0) {
            return Lookup.absent(what + " " + id.name() + " is not among the " + plural(exported, what)
                    + " exported for subscription " + sub);
        }
        return Lookup.unknown("no " + what + "s from subscription " + sub + " are in the inventory; add the output of "
                + listCommand + " --subscription " + sub);
    }

    private static String subscription(ResourceId id) {
        String sub = id.subscriptionId();
        return sub == null ? "" : sub.toLowerCase(Locale.ROOT);
    }

    private static String kindSuffix(boolean managedHsm) {
        return managedHsm ? "|hsm" : "|vault";
    }

    private static void count(Map<String, Integer> counts, String key) {
        counts.merge(key, 1, Integer::sum);
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
