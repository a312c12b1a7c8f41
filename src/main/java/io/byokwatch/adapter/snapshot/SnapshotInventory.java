package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.DiskOwners;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RoleDefinition;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
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
 * <li><b>Role assignments:</b> none in the files for the scope's subscription is unknown. Otherwise the answer is
 * found: the assignments at the scope and every scope above it, and the management-group assignments that lie above
 * it. {@code az role assignment list --all --include-inherited} for one subscription returns the management-group
 * assignments above that subscription, so an assignment read from a file whose other assignments all lie in one
 * subscription is placed above it; one from a file that mixes subscriptions (or holds nothing else) cannot be placed
 * and is returned marked {@link RoleAssignment#unplaced()}.</li>
 * <li><b>Summaries</b> (records without properties, see {@link Summary}) prove that a resource exists and that its
 * subscription was listed, so they count for "exported"; a look-up that finds only a summary is unknown, naming the
 * command that prints the full record.</li>
 * <li><b>Identities, private KMS vaults, private endpoints</b> ({@link KmsPathIndex}): the clusters and disk
 * encryption sets using a user-assigned identity, the clusters whose KMS reaches a vault privately and the vaults a
 * private endpoint is connected to are found among the full records; a summary or unreadable record of the kind asked
 * about turns a miss into unknown, as do files without any disk encryption set or vault.</li>
 * <li><b>Key versions</b> are found from version exports and from any key record that names its version; a version
 * the files do not hold is unknown.</li>
 * </ul>
 * Records that describe the same resource are combined as {@link SnapshotMerge} describes, and what that had to
 * decide is in {@link #notes()}; node pools whose cluster is not in the files are dropped.
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
    /** Management-group assignments by the one subscription whose export they came with ({@code --include-inherited}). */
    private final Map<String, Set<RoleAssignment>> placedManagementGroupAssignments = new HashMap<>();
    /** Subscriptions with at least one exported assignment: only there is "no granting assignment" a fact. */
    private final Set<String> subscriptionsWithAssignments = new HashSet<>();
    private final Map<ResourceId, Summary> summariesById = new HashMap<>();
    private final Map<String, Summary> vaultSummariesByHost = new HashMap<>();
    private final Map<String, Map<String, VaultKey>> versionsByKey;
    private final Set<String> keysWithVersionLists = new HashSet<>();
    private final Map<String, RoleDefinition> roleDefinitions = new HashMap<>();
    private final List<String> notes;
    private final Set<ResourceId> fullClusterIds;
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
    private final KmsPathIndex kmsPaths;

    public SnapshotInventory(Snapshot snapshot) {
        this.snapshot = snapshot;
        SnapshotMerge merge = new SnapshotMerge(snapshot);
        Map<ResourceId, ManagedCluster> merged = merge.clusters();
        for (Summary summary : snapshot.summaries()) {
            summariesById.putIfAbsent(summary.id(), summary);
        }
        this.fullClusterIds = Set.copyOf(merged.keySet());
        // a cluster seen only as a summary is still a cluster in scope: its verdict says what is missing
        for (Summary summary : summariesById.values()) {
            if (summary.kind() == ResourceKind.MANAGED_CLUSTER && !merged.containsKey(summary.id())) {
                // no KMS facts either: neither "off" nor any other state
                merged.put(summary.id(), new ManagedCluster(summary.id(), summary.name(), null, summary.tags(), null,
                        new KmsProfile(false, null, null, null, null, summary.describe()), List.of(), null));
            }
        }
        this.clustersById = merged;
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
        setsById.putAll(merge.byId(snapshot.diskEncryptionSets(), DiskEncryptionSet::id, "disk encryption set"));
        for (Summary summary : summariesById.values()) {
            switch (summary.kind()) {
                case DISK_ENCRYPTION_SET -> {
                    if (!setsById.containsKey(summary.id())) {
                        count(setsPerSubscription, subscription(summary.id()));
                    }
                }
                case KEY_VAULT, MANAGED_HSM -> vaultSummariesByHost.put(summary.name().toLowerCase(Locale.ROOT)
                        + (summary.kind() == ResourceKind.MANAGED_HSM ? ".managedhsm.azure.net" : ".vault.azure.net"), summary);
                default -> {
                }
            }
        }
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
        for (KeyVault v : merge.byId(snapshot.vaults(), KeyVault::id, "key vault").values()) {
            vaultsById.put(v.id(), v);
            vaultsByHost.put(v.host(), v);
        }
        vaultsById.values().forEach(v -> count(vaultsPerSubscriptionAndKind, subscription(v.id()) + kindSuffix(v.managedHsm())));
        summariesById.values().stream()
                .filter(sm -> (sm.kind() == ResourceKind.KEY_VAULT || sm.kind() == ResourceKind.MANAGED_HSM)
                        && !vaultsById.containsKey(sm.id()))
                .forEach(sm -> count(vaultsPerSubscriptionAndKind, subscription(sm.id())
                        + kindSuffix(sm.kind() == ResourceKind.MANAGED_HSM)));
        this.kmsPaths = new KmsPathIndex(clusters, setsById.values(), vaultsById.values(), snapshot);
        this.keysById = merge.keys(vaultsByHost);
        keysById.values().forEach(k -> count(keysPerHost, k.ref().vaultHost()));
        this.versionsByKey = merge.keyVersions();
        // a version record without a key type comes from a listing (list-versions, ARM versions list)
        snapshot.keyVersions().stream().filter(v -> v.keyType() == null).forEach(v -> keysWithVersionLists.add(v.ref().keyId()));
        for (RoleDefinition d : snapshot.roleDefinitions()) {
            roleDefinitions.put(d.guid(), d);
        }
        List<RoleAssignment> assignments = merge.roleAssignments();
        Map<Path, Set<String>> subscriptionsByFile = new HashMap<>();
        for (RoleAssignment a : assignments) {
            Origin origin = snapshot.origin(a);
            if (a.scope().subscriptionId() != null) {
                String sub = a.scope().subscriptionId().toLowerCase(Locale.ROOT);
                subscriptionsWithAssignments.add(sub);
                if (origin != null) {
                    subscriptionsByFile.computeIfAbsent(origin.file(), f -> new HashSet<>()).add(sub);
                }
            }
            if (!a.scope().key().startsWith(MANAGEMENT_GROUPS)) {
                assignmentsByScope.computeIfAbsent(a.scope().key(), k -> new ArrayList<>()).add(a);
            }
        }
        for (RoleAssignment a : assignments) {
            if (!a.scope().key().startsWith(MANAGEMENT_GROUPS)) {
                continue;
            }
            Origin origin = snapshot.origin(a);
            Set<String> subs = origin == null ? Set.of() : subscriptionsByFile.getOrDefault(origin.file(), Set.of());
            if (subs.size() == 1) {
                placedManagementGroupAssignments.computeIfAbsent(subs.iterator().next(), k -> new LinkedHashSet<>()).add(a);
            } else {
                managementGroupAssignments.add(a);
            }
        }
        this.notes = merge.notes();
        this.owners = new DiskOwners(clusters);
        this.disksById = SnapshotMerge.disks(snapshot);
        this.diskSnapshotsById = SnapshotMerge.diskSnapshots(snapshot);
        indexDisks();
    }

    /** What combining overlapping records had to decide (which of two differing copies was used, and why). */
    public List<String> notes() {
        return notes;
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
        Unreadable blocking = unreadable(ResourceKind.MANAGED_CLUSTER, id);
        return blocking != null ? Lookup.unknown(blocking.describe())
                : missing(id, clustersPerSubscription, "AKS cluster", "az aks list");
    }

    @Override
    public Lookup<DiskEncryptionSet> diskEncryptionSet(ResourceId id) {
        DiskEncryptionSet s = setsById.get(id);
        if (s != null) {
            return Lookup.found(s);
        }
        if (summariesById.containsKey(id)) {
            return Lookup.unknown(summariesById.get(id).describe());
        }
        Unreadable blocking = unreadable(ResourceKind.DISK_ENCRYPTION_SET, id);
        return blocking != null ? Lookup.unknown(blocking.describe())
                : missing(id, setsPerSubscription, "disk encryption set", "az disk-encryption-set list");
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
        Summary summary = named != null && summariesById.containsKey(named) ? summariesById.get(named)
                : vaultSummariesByHost.get(publicHost(h));
        if (summary != null) {
            return Lookup.unknown(summary.describe());
        }
        int exported = named == null ? 0
                : vaultsPerSubscriptionAndKind.getOrDefault(subscription(named) + kindSuffix(hsm), 0);
        Unreadable blocking = unreadable(hsm ? ResourceKind.MANAGED_HSM : ResourceKind.KEY_VAULT, named);
        if (exported > 0 && blocking != null) {
            return Lookup.unknown(blocking.describe());
        }
        if (exported > 0) {
            return Lookup.absent((hsm ? "managed HSM " : "key vault ") + named.name() + " (" + named + ") is not among the "
                    + plural(exported, hsm ? "managed HSM" : "key vault") + " exported for subscription "
                    + named.subscriptionId());
        }
        return Lookup.unknown("no " + (hsm ? "managed HSM" : "key vault") + " serving " + h
                + " is in the inventory; add the output of `az keyvault show " + (hsm ? "--hsm-name " : "--name ")
                + Bash.q(vaultName) + "`");
    }

    @Override
    public Lookup<VaultKey> key(KeyRef ref) {
        VaultKey k = keysById.get(ref.keyId());
        if (k != null) {
            return Lookup.found(k);
        }
        int exported = keysPerHost.getOrDefault(ref.vaultHost(), 0);
        String vault = ref.vaultName();
        Unreadable blocking = unreadable(ResourceKind.VAULT_KEY, null);
        if (exported > 0 && blocking != null) {
            return Lookup.unknown(blocking.describe());
        }
        if (exported > 0) {
            return Lookup.absent("key " + ref.name() + " is not among the " + plural(exported, "key")
                    + " exported from vault " + vault + ": deleted, or never created");
        }
        return Lookup.unknown("no keys from vault " + vault + " are in the inventory; add the ARM vaults/keys GET of each"
                + " key, or `az keyvault key show " + (ref.inManagedHsm() ? "--hsm-name " : "--vault-name ") + Bash.q(vault)
                + " -n " + Bash.q(ref.name()) + "`");
    }

    @Override
    public Lookup<List<RoleAssignment>> roleAssignmentsAt(ResourceId scope) {
        String subscription = scope.subscriptionId();
        for (Unreadable u : snapshot.unreadable()) {
            // an unreadable assignment could be the grant that matters, as in the live inventory
            if (u.kind() == ResourceKind.ROLE_ASSIGNMENT && (u.id() == null || u.id().subscriptionId() == null
                    || u.id().subscriptionId().equalsIgnoreCase(subscription))) {
                return Lookup.unknown(u.describe());
            }
        }
        if (subscription == null || !subscriptionsWithAssignments.contains(subscription.toLowerCase(Locale.ROOT))) {
            return Lookup.unknown("role assignments of subscription " + subscription + " are not in the inventory; add `az role"
                    + " assignment list --all --include-inherited --subscription " + Bash.q(subscription) + "`");
        }
        Set<RoleAssignment> found = new LinkedHashSet<>(placedManagementGroupAssignments.getOrDefault(
                subscription.toLowerCase(Locale.ROOT), Set.of()));
        managementGroupAssignments.forEach(a -> found.add(a.asUnplaced()));
        String key = scope.key();
        for (int slash = key.indexOf('/', 1); slash > 0; slash = key.indexOf('/', slash + 1)) {
            found.addAll(assignmentsByScope.getOrDefault(key.substring(0, slash), List.of()));
        }
        found.addAll(assignmentsByScope.getOrDefault(key, List.of()));
        return Lookup.found(List.copyOf(found));
    }

    @Override
    public Lookup<VaultKey> keyVersion(KeyRef ref) {
        if (ref.version() == null) {
            return key(ref);
        }
        Lookup<VaultKey> key = key(ref.versionless());
        if (key instanceof Lookup.Absent<VaultKey> || key instanceof Lookup.Unknown<VaultKey>) {
            return key;
        }
        VaultKey version = versionsByKey.getOrDefault(ref.keyId(), Map.of()).get(ref.version().toLowerCase(Locale.ROOT));
        if (version != null) {
            return Lookup.found(version);
        }
        String vault = ref.vaultName();
        String flag = ref.inManagedHsm() ? "--hsm-name " : "--vault-name ";
        return Lookup.unknown("the attributes of version " + ref.version() + " of key " + ref.name() + ", which the disk"
                + " encryption set is pinned to, are not in the inventory"
                + (keysWithVersionLists.contains(ref.keyId()) ? " (the exported version list does not name it)" : "")
                + "; add `az keyvault key list-versions " + flag + Bash.q(vault) + " -n " + Bash.q(ref.name())
                + "` or the ARM vaults/keys/" + ref.name() + "/versions/" + ref.version() + " body");
    }

    @Override
    public Lookup<List<VaultKey>> keyVersions(KeyRef key) {
        Map<String, VaultKey> versions = versionsByKey.get(key.keyId());
        if (versions == null || !keysWithVersionLists.contains(key.keyId())) {
            return Lookup.unknown("no version list of key " + key.name() + " is in the inventory; add `az keyvault key"
                    + " list-versions " + (key.inManagedHsm() ? "--hsm-name " : "--vault-name ") + Bash.q(key.vaultName())
                    + " -n " + Bash.q(key.name()) + "`");
        }
        return Lookup.found(List.copyOf(versions.values()));
    }

    @Override
    public Lookup<RoleDefinition> roleDefinition(RoleAssignment assignment) {
        String guid = assignment.roleDefinitionGuid() == null ? "" : assignment.roleDefinitionGuid().toLowerCase(Locale.ROOT);
        RoleDefinition d = roleDefinitions.get(guid);
        if (d != null) {
            return Lookup.found(d);
        }
        boolean hsmScope = assignment.scope() != null && assignment.scope().key().contains("/microsoft.keyvault/managedhsms/");
        return Lookup.unknown("role definition " + guid + " is not in the inventory; add " + (hsmScope
                ? "`az keyvault role definition list --hsm-name " + Bash.q(assignment.scope().topLevel().name()) + "`"
                : "`az role definition list --custom-role-only true`") + " output");
    }

    @Override
    public Lookup<List<RoleAssignment>> managedHsmRoleAssignments(KeyVault hsm) {
        for (Unreadable u : snapshot.unreadable()) {
            if (u.kind() == ResourceKind.HSM_ROLE_ASSIGNMENT && hsm.name().equalsIgnoreCase(u.owner())) {
                return Lookup.unknown(u.describe());
            }
        }
        List<RoleAssignment> local = snapshot.managedHsmRoleAssignments().get(hsm.name().toLowerCase(Locale.ROOT));
        if (local == null) {
            return Lookup.unknown("Managed HSM " + hsm.name() + " keeps its role assignments in its own local RBAC, which"
                    + " ARM does not expose; add `az keyvault role assignment list --hsm-name " + Bash.q(hsm.name())
                    + "` saved as " + hsm.name() + ".hsm-role-assignments.json");
        }
        List<RoleAssignment> mapped = new ArrayList<>();
        for (RoleAssignment a : local) {
            // loaded before the HSM's record may have been: re-anchor the scope below this HSM's id
            mapped.add(new RoleAssignment(a.id(), a.principalId(), a.principalType(), a.roleDefinitionGuid(),
                    a.roleDefinitionName(), reanchor(a.scope(), hsm.id()), a.unplaced()));
        }
        return Lookup.found(mapped);
    }

    @Override
    public Lookup<List<ResourceId>> vaultsUnder(ResourceId scope) {
        Set<ResourceId> found = new java.util.TreeSet<>();
        vaultsById.keySet().stream().filter(id -> id.isUnder(scope)).forEach(found::add);
        summariesById.values().stream().filter(sm -> (sm.kind() == ResourceKind.KEY_VAULT || sm.kind() == ResourceKind.MANAGED_HSM)
                && sm.id().isUnder(scope)).forEach(sm -> found.add(sm.id()));
        return Lookup.found(List.copyOf(found));
    }

    @Override
    public String detailsMissing(ResourceId id) {
        Summary summary = summariesById.get(id);
        if (summary == null || fullClusterIds.contains(id) || setsById.containsKey(id) || vaultsById.containsKey(id)) {
            return null;
        }
        return summary.describe();
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
    public Lookup<List<ManagedCluster>> clustersUsingIdentity(ResourceId userAssignedIdentityId) {
        return kmsPaths.clustersUsingIdentity(userAssignedIdentityId);
    }

    @Override
    public Lookup<List<DiskEncryptionSet>> diskEncryptionSetsUsingIdentity(ResourceId userAssignedIdentityId) {
        return kmsPaths.setsUsingIdentity(userAssignedIdentityId);
    }

    @Override
    public Lookup<List<ManagedCluster>> clustersWithPrivateKmsVault(ResourceId vaultId) {
        return kmsPaths.clustersWithPrivateKmsVault(vaultId);
    }

    @Override
    public Lookup<List<KeyVault>> vaultsConnectedTo(ResourceId privateEndpointId) {
        return kmsPaths.vaultsConnectedTo(privateEndpointId);
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
        return Lookup.unknown("no " + what + "s from subscription " + sub + " are in the inventory; add the output of `"
                + listCommand + " --subscription " + Bash.q(sub) + "`");
    }

    /** An unreadable record of the kind that may be this resource (same id, or its id unreadable too), or null. */
    private Unreadable unreadable(ResourceKind kind, ResourceId id) {
        for (Unreadable u : snapshot.unreadable()) {
            if (u.kind() == kind && (u.id() == null || id == null || u.id().equals(id))) {
                return u;
            }
        }
        return null;
    }

    /** A host as the public cloud spells it, which is the only host a summary (no vaultUri) can be known by. */
    private static String publicHost(String host) {
        int dot = host.indexOf('.');
        String name = dot < 0 ? host : host.substring(0, dot);
        return name + (host.contains(".managedhsm.") ? ".managedhsm.azure.net" : ".vault.azure.net");
    }

    private static ResourceId reanchor(ResourceId scope, ResourceId hsmId) {
        String key = scope.key();
        int keys = key.indexOf("/keys/");
        return keys < 0 ? hsmId : hsmId.child("keys", scope.name());
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
