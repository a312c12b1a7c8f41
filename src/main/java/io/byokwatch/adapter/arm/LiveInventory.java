package io.byokwatch.adapter.arm;

import com.azure.core.http.HttpClient;
import com.google.gson.JsonObject;
import io.byokwatch.adapter.snapshot.ArmMapper;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KmsState;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RoleDefinition;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The estate as ARM and Resource Graph say it is now. Point reads ({@link #cluster}, {@link #diskEncryptionSet},
 * vaults, keys, role assignments) are ARM GETs mapped by {@link ArmMapper}, the same mapper snapshot files go
 * through; lists and reverse look-ups are Resource Graph queries whose rows go through it too.
 *
 * <p>Answers: 200 is found; 404 is absent ("ARM returned 404 Not Found for ..."); 403 is unknown, naming the read
 * permission byokwatch's identity lacks; anything else (after bounded retries), a spent read budget or an unreachable
 * endpoint is unknown with the status and ARM's error code. List methods that cannot get a complete answer throw
 * {@link ArmReadException} instead of returning a short list.
 *
 * <p>Scope: clusters are listed in the configured subscriptions and management group. Vaults and disk encryption
 * sets are looked up in every subscription the identity can read, since keys often live in a central subscription
 * outside the watched ones. For a management group, which subscriptions belong to it is whatever Resource Graph
 * returns for it; its clusters are then queried 1,000 subscriptions at a time, as Resource Graph requires, and no
 * faster than its 15 queries in 5 seconds.
 *
 * <p>Persistent-volume disks and snapshots ({@link DiskReads}): the Azure Disk CSI driver's disks are found through
 * Resource Graph in the watched scopes (per cluster on the event path, all at once after {@link #clusters()}); a disk
 * a StorageClass put in an unwatched subscription is not seen. Disks and snapshots an event is about are read from
 * ARM.
 *
 * <p>Freshness: answers are cached for the configured TTL, so a burst of events costs one read per resource.
 * {@link #withFresh} gives a view in which the resource an event is about (and its cluster, for a node pool) is
 * answered only by an ARM read sent after the change: one already cached if it was sent late enough, else a new one.
 * So the changed resource is never seen as it was before the change, while duplicates and late events about it share
 * one read. Resource Graph lags ARM by seconds to minutes; reverse look-ups carry that lag, point reads do not, and a
 * Graph row never counts as a read after a change.
 */
public final class LiveInventory implements Inventory {
    private static final int SET_IDS_PER_QUERY = 200;
    /** Above this many clusters affected by one change, their disks are read through one index, as in a sweep. */
    static final int FAN_OUT_INDEX = 20;

    private final ArmSettings settings;
    private final ReadStats stats;
    private final ArmReads reads;
    private final GraphReads graph;
    private final VaultDirectory vaults;
    private final ManagedHsmRoles hsmRoles;
    private final DiskReads disks;
    private final ClusterListing clusterLists;
    private final Clock clock;
    private final Freshness view;

    /** Production: the default HTTP client, the system clock, real sleeping. */
    public LiveInventory(ArmSettings settings) {
        this(settings, null, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /**
     * @param httpClient the SDK HTTP client, or null for the default one (a proxy, or a test's trust store)
     */
    public LiveInventory(ArmSettings settings, HttpClient httpClient, Clock clock, Sleeper sleeper) {
        this(settings, httpClient, clock, sleeper, host -> "https://" + host);
    }

    /** @param hsmBaseUrl a Managed HSM's data-plane base URL by host: {@code https://<host>}, or a fake in tests */
    LiveInventory(ArmSettings settings, HttpClient httpClient, Clock clock, Sleeper sleeper,
                  java.util.function.Function<String, String> hsmBaseUrl) {
        this.settings = settings;
        this.stats = new ReadStats();
        ReadBudget budget = new ReadBudget(settings.readsPerMinute(), clock);
        ArmTransport transport = new ArmTransport(settings, httpClient, clock, sleeper, budget, stats);
        ReadCache cache = new ReadCache(settings.cacheTtl(), clock);
        this.reads = new ArmReads(settings, clock, transport, cache, stats);
        this.graph = new GraphReads(settings, new ResourceGraph(transport, new GraphPacer(clock, sleeper)), cache, stats);
        this.vaults = new VaultDirectory(settings.cloud(), reads, graph, cache, stats);
        this.hsmRoles = new ManagedHsmRoles(settings, httpClient, clock, sleeper, budget, stats, cache, hsmBaseUrl);
        this.disks = new DiskReads(reads, graph, cache);
        this.clusterLists = new ClusterListing(transport, cache, stats);
        this.clock = clock;
        this.view = Freshness.NONE;
    }

    private LiveInventory(LiveInventory base, Freshness view) {
        this.settings = base.settings;
        this.stats = base.stats;
        this.reads = base.reads;
        this.graph = base.graph;
        this.vaults = base.vaults;
        this.hsmRoles = base.hsmRoles;
        this.disks = base.disks;
        this.clusterLists = base.clusterLists;
        this.clock = base.clock;
        this.view = view;
    }

    @Override
    public Inventory freshFor(ResourceId changed) {
        return withFresh(changed);
    }

    @Override
    public Inventory freshFor(ResourceId changed, Instant changedBy) {
        return withFresh(changed, changedBy);
    }

    /** A view that reads {@code changed} from ARM now, whatever the cache holds. */
    public LiveInventory withFresh(ResourceId changed) {
        return withFresh(changed, Freshness.READ_NOW);
    }

    /**
     * A view for one change event: the first read of {@code changed} (and of its cluster when it is a node pool, of
     * its vault when it is the vault's access policies) is answered by a cached ARM read only if that read was sent
     * after {@code changedBy}, else it goes to ARM and refreshes the cache; that answer then serves every later read
     * of it in this view. Everything else, the cache, the budget and the counts are shared with this inventory.
     */
    public LiveInventory withFresh(ResourceId changed, Instant changedBy) {
        return new LiveInventory(this, view.with(changed, changedBy));
    }

    /**
     * True when the resource's subscription is one of the configured ones or, with a management group configured,
     * one Resource Graph lists under that group.
     *
     * @throws ArmReadException when the management group's subscriptions cannot be listed
     */
    @Override
    public boolean inScope(ResourceId id) {
        return graph.inScope(id);
    }

    /** What reading has cost so far, for this inventory and every view of it. */
    public ReadStats stats() {
        return stats;
    }

    /** Every cluster in the watched scopes; a sweep, so the disks of every cluster are then read in one query. */
    @Override
    public List<ManagedCluster> clusters() {
        Map<ResourceId, ManagedCluster> found = new TreeMap<>();
        for (ResourceGraph.Scope scope : graph.watchedScopes()) {
            clustersFrom(graph.rows(Kql.clusters(), scope)).forEach(c -> found.putIfAbsent(c.id(), c));
        }
        disks.sweeping();
        return List.copyOf(found.values());
    }

    @Override
    public Lookup<ManagedCluster> cluster(ResourceId id) {
        if (!ArmType.MANAGED_CLUSTER.matches(id)) {
            return Lookup.unknown(id + " is not an AKS cluster id (.../providers/Microsoft.ContainerService/"
                    + "managedClusters/<name>)");
        }
        Lookup<ManagedCluster> answer = reads.readAt(id, ArmType.MANAGED_CLUSTER, ArmMapper::cluster, view);
        if (answer.orNull() != null) {
            vaults.remember(answer.orNull());
        }
        return answer;
    }

    @Override
    public Lookup<DiskEncryptionSet> diskEncryptionSet(ResourceId id) {
        if (!ArmType.DISK_ENCRYPTION_SET.matches(id)) {
            return Lookup.unknown(id + " is not a disk encryption set id (.../providers/Microsoft.Compute/"
                    + "diskEncryptionSets/<name>)");
        }
        Lookup<DiskEncryptionSet> answer = reads.read(id, ArmType.DISK_ENCRYPTION_SET, ArmMapper::diskEncryptionSet, view);
        if (answer.orNull() != null) {
            vaults.remember(answer.orNull());
        }
        return answer;
    }

    @Override
    public Lookup<KeyVault> vaultByHost(String host) {
        return vaults.vaultByHost(host, view);
    }

    /** The key's management-plane resource ({@code {vault}/keys/{name}}), which carries its rotation policy. */
    @Override
    public Lookup<VaultKey> key(KeyRef ref) {
        Lookup<KeyVault> vault = vaultByHost(ref.vaultHost());
        if (vault instanceof Lookup.Absent<KeyVault> a) {
            return Lookup.absent("key " + ref.name() + " cannot exist without its vault: " + a.evidence());
        }
        if (vault instanceof Lookup.Unknown<KeyVault> u) {
            return Lookup.unknown("key " + ref.name() + " was not read because its vault was not: " + u.reason());
        }
        KeyVault kv = vault.orNull();
        ResourceId keyId = kv.id().child("keys", ref.name());
        return reads.read(keyId, kv.managedHsm() ? ArmType.MANAGED_HSM_KEY : ArmType.VAULT_KEY, ArmMapper::key, view);
    }

    /**
     * A pinned version: the current version answers from the key's own read; any other from {@code
     * {vault}/keys/{name}/versions/{version}} (same api-version), which carries that version's attributes and type.
     */
    @Override
    public Lookup<VaultKey> keyVersion(KeyRef ref) {
        if (ref.version() == null) {
            return key(ref);
        }
        Lookup<VaultKey> key = key(ref.versionless());
        VaultKey current = key.orNull();
        if (current == null) {
            return key;
        }
        if (ref.version().equalsIgnoreCase(current.currentVersion())) {
            return key;
        }
        boolean hsm = current.id().isType("microsoft.keyvault/managedhsms/keys");
        ResourceId versionId = current.id().child("versions", ref.version());
        return reads.read(versionId, hsm ? ArmType.MANAGED_HSM_KEY_VERSION : ArmType.VAULT_KEY_VERSION,
                ArmMapper::keyVersion, view);
    }

    /** Every version of the key ({@code {vault}/keys/{name}/versions}, every page). */
    @Override
    public Lookup<List<VaultKey>> keyVersions(KeyRef ref) {
        Lookup<VaultKey> key = key(ref.versionless());
        VaultKey current = key.orNull();
        if (current == null) {
            return key.map(k -> List.of());
        }
        boolean hsm = current.id().isType("microsoft.keyvault/managedhsms/keys");
        return reads.list(current.id(), "versions", hsm ? ArmType.MANAGED_HSM_KEY_VERSION : ArmType.VAULT_KEY_VERSION,
                ArmMapper::keyVersion);
    }

    @Override
    public Lookup<List<RoleAssignment>> roleAssignmentsAt(ResourceId scope) {
        return reads.roleAssignmentsAt(scope, view);
    }

    /**
     * The role's definition, read at the assignment's subscription or management group (where it is assignable, so
     * where ARM serves it); Reader may read role definitions.
     */
    @Override
    public Lookup<RoleDefinition> roleDefinition(RoleAssignment assignment) {
        if (assignment.roleDefinitionGuid() == null || assignment.scope() == null) {
            return Lookup.unknown("the role assignment " + assignment.id() + " names no role definition or scope");
        }
        ResourceId scope = assignment.scope();
        String base = scope.subscriptionId() != null ? "/subscriptions/" + scope.subscriptionId()
                : scope.key().startsWith("/providers/microsoft.management/managementgroups/") ? "/providers/Microsoft.Management"
                + "/managementGroups/" + scope.name() : "";
        ResourceId id = ResourceId.parse(base + "/providers/Microsoft.Authorization/roleDefinitions/"
                + assignment.roleDefinitionGuid());
        return reads.read(id, ArmType.ROLE_DEFINITION, ArmMapper::roleDefinition, view);
    }

    /** Resource Graph over every subscription byokwatch can read; a partial answer throws rather than pass as whole. */
    @Override
    public Lookup<List<ResourceId>> vaultsUnder(ResourceId scope) {
        List<ResourceId> found = new ArrayList<>();
        for (JsonObject row : graph.rows(Kql.vaultsUnder(scope), ResourceGraph.Scope.VISIBLE)) {
            ResourceId id = ResourceId.orNull(JsonText.of(row, "id"));
            if (id != null) {
                found.add(id);
            }
        }
        return Lookup.found(List.copyOf(found));
    }

    @Override
    public Lookup<List<RoleAssignment>> managedHsmRoleAssignments(KeyVault hsm) {
        return hsmRoles.assignments(hsm);
    }

    /** Sets whose active or previous key URL names this host, with or without {@code :443}, in any case. */
    @Override
    public List<DiskEncryptionSet> diskEncryptionSetsUsingVault(String vaultHost) {
        if (vaults.cloudOf(Kql.normaliseHost(vaultHost)) != null) {
            return List.of();
        }
        Map<ResourceId, DiskEncryptionSet> found = new TreeMap<>();
        for (JsonObject row : graph.rows(Kql.setsUsingVault(vaultHost), ResourceGraph.Scope.VISIBLE)) {
            DiskEncryptionSet set = graph.map(row, ArmMapper::diskEncryptionSet, "disk encryption set");
            if (set != null) {
                reads.offer(set.id(), set);
                vaults.remember(set);
                found.putIfAbsent(set.id(), set);
            }
        }
        return List.copyOf(found.values());
    }

    /** One Resource Graph query per {@value #SET_IDS_PER_QUERY} set ids (and per watched scope), not one per set. */
    @Override
    public List<ManagedCluster> clustersUsingDiskEncryptionSets(Collection<ResourceId> setIds) {
        List<ResourceId> ids = List.copyOf(new LinkedHashSet<>(setIds));
        Map<ResourceId, ManagedCluster> found = new TreeMap<>();
        for (int from = 0; from < ids.size(); from += SET_IDS_PER_QUERY) {
            String kql = Kql.clustersUsingSets(ids.subList(from, Math.min(ids.size(), from + SET_IDS_PER_QUERY)));
            for (ResourceGraph.Scope scope : graph.watchedScopes()) {
                clustersFrom(graph.rows(kql, scope)).forEach(c -> found.putIfAbsent(c.id(), c));
            }
        }
        fanningOut(found.size());
        return List.copyOf(found.values());
    }

    /**
     * Many clusters about to be re-evaluated (a shared set or key changed): their persistent-volume disks are then read
     * in one indexed query, as in a sweep, instead of one query per cluster.
     */
    private void fanningOut(int clusters) {
        if (clusters > FAN_OUT_INDEX) {
            disks.sweeping();
        }
    }

    @Override
    public List<ManagedCluster> clustersWithKmsKeyIn(String vaultHost) {
        if (vaults.cloudOf(Kql.normaliseHost(vaultHost)) != null) {
            return List.of();
        }
        Map<ResourceId, ManagedCluster> found = new TreeMap<>();
        for (ResourceGraph.Scope scope : graph.watchedScopes()) {
            clustersFrom(graph.rows(Kql.clustersWithKmsKeyIn(vaultHost), scope)).forEach(c -> found.putIfAbsent(c.id(), c));
        }
        fanningOut(found.size());
        return List.copyOf(found.values());
    }

    /**
     * Settled from the cluster's own record when it shows the state (an ARM read, or a Resource Graph row showing a
     * customer key or the KMS data encryption block); otherwise from ARM's list of the clusters of its subscription,
     * read with {@link ApiVersions#MANAGED_CLUSTERS}: one request per subscription and TTL, whatever the number of
     * clusters asked about.
     */
    @Override
    public Lookup<KmsState> kmsState(ManagedCluster cluster) {
        KmsState recorded = cluster.kms().state();
        if (recorded.kind() != KmsState.Kind.UNKNOWN || cluster.subscriptionId() == null) {
            return Inventory.super.kmsState(cluster);
        }
        Lookup<java.util.Map<ResourceId, ManagedCluster>> listed = clusterLists.clustersOf(cluster.subscriptionId(),
                clock.instant());
        if (!(listed instanceof Lookup.Found<java.util.Map<ResourceId, ManagedCluster>> found)) {
            return listed.map(m -> null);
        }
        ManagedCluster now = found.value().get(cluster.id());
        if (now == null) {
            return Lookup.unknown("cluster " + cluster.name() + " is not in ARM's list of the AKS clusters of"
                    + " subscription " + cluster.subscriptionId() + " (deleted since it was read, or unreadable)");
        }
        return Inventory.super.kmsState(now);
    }

    /** Resource Graph, watched scopes; each row confirmed by the mapped identity map. */
    @Override
    public Lookup<List<ManagedCluster>> clustersUsingIdentity(ResourceId userAssignedIdentityId) {
        try {
            Map<ResourceId, ManagedCluster> found = new TreeMap<>();
            for (ResourceGraph.Scope scope : graph.watchedScopes()) {
                clustersFrom(graph.rows(Kql.clustersUsingIdentity(userAssignedIdentityId), scope)).stream()
                        .filter(c -> c.usesIdentity(userAssignedIdentityId)).forEach(c -> found.putIfAbsent(c.id(), c));
            }
            return Lookup.found(List.copyOf(found.values()));
        } catch (ArmReadException e) {
            return Lookup.unavailable("clusters using identity " + userAssignedIdentityId.name() + " were not listed: "
                    + e.getMessage());
        }
    }

    /** Resource Graph over every subscription byokwatch can read, as for sets by vault: sets live anywhere. */
    @Override
    public Lookup<List<DiskEncryptionSet>> diskEncryptionSetsUsingIdentity(ResourceId userAssignedIdentityId) {
        try {
            Map<ResourceId, DiskEncryptionSet> found = new TreeMap<>();
            for (JsonObject row : graph.rows(Kql.setsUsingIdentity(userAssignedIdentityId), ResourceGraph.Scope.VISIBLE)) {
                DiskEncryptionSet set = graph.map(row, ArmMapper::diskEncryptionSet, "disk encryption set");
                if (set != null && set.identity().userAssigned().containsKey(userAssignedIdentityId)) {
                    reads.offer(set.id(), set);
                    found.putIfAbsent(set.id(), set);
                }
            }
            return Lookup.found(List.copyOf(found.values()));
        } catch (ArmReadException e) {
            return Lookup.unavailable("disk encryption sets using identity " + userAssignedIdentityId.name()
                    + " were not listed: " + e.getMessage());
        }
    }

    @Override
    public Lookup<List<ManagedCluster>> clustersWithPrivateKmsVault(ResourceId vaultId) {
        try {
            Map<ResourceId, ManagedCluster> found = new TreeMap<>();
            for (ResourceGraph.Scope scope : graph.watchedScopes()) {
                clustersFrom(graph.rows(Kql.clustersWithPrivateKmsVault(vaultId), scope)).stream()
                        .filter(c -> c.kms().privateVaultIs(vaultId)).forEach(c -> found.putIfAbsent(c.id(), c));
            }
            return Lookup.found(List.copyOf(found.values()));
        } catch (ArmReadException e) {
            return Lookup.unavailable("clusters reaching vault " + vaultId.name() + " privately were not listed: "
                    + e.getMessage());
        }
    }

    /**
     * Resource Graph over every subscription byokwatch can read. A vault it cannot read is not listed, so an empty
     * answer names no vault rather than proving there is none; routing then falls back on the endpoint's group.
     */
    @Override
    public Lookup<List<KeyVault>> vaultsConnectedTo(ResourceId privateEndpointId) {
        try {
            Map<ResourceId, KeyVault> found = new TreeMap<>();
            for (JsonObject row : graph.rows(Kql.vaultsConnectedTo(privateEndpointId), ResourceGraph.Scope.VISIBLE)) {
                KeyVault vault = graph.map(row, ArmMapper::vault, "key vault");
                if (vault != null && vault.network().connects(privateEndpointId)) {
                    found.putIfAbsent(vault.id(), vault);
                }
            }
            return Lookup.found(List.copyOf(found.values()));
        } catch (ArmReadException e) {
            return Lookup.unavailable("vaults connected to private endpoint " + privateEndpointId.name()
                    + " were not listed: " + e.getMessage());
        }
    }

    @Override
    public Lookup<ManagedDisk> disk(ResourceId id) {
        return disks.disk(id, view);
    }

    @Override
    public Lookup<DiskSnapshot> diskSnapshot(ResourceId id) {
        return disks.snapshot(id, view);
    }

    /**
     * CSI disks (Resource Graph, watched scopes) in the cluster's node resource group or attached to a machine there,
     * with the disks this view is fresh for read from ARM. Unavailable when Resource Graph cannot answer completely.
     */
    @Override
    public Lookup<List<ManagedDisk>> dataDisksOf(ManagedCluster cluster) {
        return disks.dataDisksOf(cluster, view);
    }

    @Override
    public Lookup<List<DiskSnapshot>> dataDiskSnapshotsOf(ManagedCluster cluster) {
        return disks.dataDiskSnapshotsOf(cluster, view);
    }

    /** CSI disks in the watched scopes that no watched cluster owns. */
    @Override
    public Lookup<List<ManagedDisk>> orphanCsiDisks() {
        return disks.orphans(clusters());
    }

    @Override
    public Lookup<List<ManagedDisk>> dataDisksUsingDiskEncryptionSets(Collection<ResourceId> setIds) {
        return disks.disksUsingSets(setIds);
    }

    @Override
    public Lookup<List<DiskSnapshot>> dataDiskSnapshotsUsingDiskEncryptionSets(Collection<ResourceId> setIds) {
        return disks.snapshotsUsingSets(setIds);
    }

    /** One Resource Graph query per {@value #SET_IDS_PER_QUERY} group names and watched scope. */
    @Override
    public List<ManagedCluster> clustersWithNodeResourceGroups(Collection<ResourceId> groups) {
        Set<ResourceId> wanted = new LinkedHashSet<>(groups);
        List<String> names = wanted.stream().map(ResourceId::resourceGroup).filter(n -> n != null)
                .map(n -> n.toLowerCase(Locale.ROOT)).distinct().sorted().toList();
        Map<ResourceId, ManagedCluster> found = new TreeMap<>();
        for (int from = 0; from < names.size(); from += SET_IDS_PER_QUERY) {
            String kql = Kql.clustersWithNodeResourceGroups(names.subList(from, Math.min(names.size(),
                    from + SET_IDS_PER_QUERY)));
            for (ResourceGraph.Scope scope : graph.watchedScopes()) {
                clustersFrom(graph.rows(kql, scope)).stream().filter(c -> wanted.contains(c.nodeResourceGroupId()))
                        .forEach(c -> found.putIfAbsent(c.id(), c));
            }
        }
        return List.copyOf(found.values());
    }

    /** Maps cluster rows; each also answers later point reads of that cluster until the TTL ends. */
    private List<ManagedCluster> clustersFrom(List<JsonObject> rows) {
        List<ManagedCluster> clusters = new ArrayList<>(rows.size());
        for (JsonObject row : rows) {
            ManagedCluster c = graph.map(row, ArmMapper::cluster, "AKS cluster");
            if (c != null) {
                reads.offer(c.id(), c);
                vaults.remember(c);
                clusters.add(c);
            }
        }
        return clusters;
    }
}
