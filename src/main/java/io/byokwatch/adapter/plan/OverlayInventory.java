package io.byokwatch.adapter.plan;

import io.byokwatch.domain.AccessPolicy;
import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RoleDefinition;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The estate as it will be after a plan is applied: what the plan creates or changes, over what exists (the base
 * inventory first, since it is read from Azure; then what the plan's prior state shows), minus what it destroys.
 * Values the plan leaves open are unknown here with the plan's reason, never absent; a key asked for in a vault the
 * plan creates is absent unless the plan creates it too, since a new vault holds nothing else.
 */
final class OverlayInventory implements Inventory {
    private final Inventory base;
    private final PlanLayer planned;
    private final PlanLayer state;
    private final Map<ResourceId, String> destroyed = new HashMap<>();
    private final Map<String, String> destroyedHosts = new HashMap<>();
    private final Map<String, String> destroyedKeys = new HashMap<>();
    private final Map<String, Set<String>> revokedPolicies = new HashMap<>();
    private final Set<String> revokedAssignments = new HashSet<>();
    private final Map<ResourceId, String> openIds = new HashMap<>();
    private final Map<String, String> openHosts = new HashMap<>();
    private final Map<String, String> newVaultHosts = new HashMap<>();

    OverlayInventory(Inventory base, PlanLayer planned, PlanLayer state) {
        this.base = base;
        this.planned = planned;
        this.state = state;
    }

    /** A resource the plan destroys (and does not recreate); {@code address} says where. */
    void destroyed(ResourceId id, String address) {
        destroyed.put(id, address);
    }

    void destroyedVault(String host, String address) {
        destroyedHosts.put(host.toLowerCase(Locale.ROOT), address);
    }

    void destroyedKey(KeyRef ref, String address) {
        destroyedKeys.put(ref.keyId(), address);
    }

    void revokedPolicy(String vaultHost, String objectId) {
        revokedPolicies.computeIfAbsent(vaultHost.toLowerCase(Locale.ROOT), k -> new HashSet<>())
                .add(objectId.toLowerCase(Locale.ROOT));
    }

    void revokedAssignment(String id) {
        revokedAssignments.add(id.toLowerCase(Locale.ROOT));
    }

    /** An id standing in for a value the plan leaves open: look-ups of it are unknown with the reason. */
    void open(ResourceId id, String reason) {
        openIds.put(id, reason);
    }

    void openHost(String host, String reason) {
        openHosts.put(host.toLowerCase(Locale.ROOT), reason);
    }

    /** A vault the plan creates: it can hold only the keys the plan creates in it. */
    void newVault(String host, String address) {
        newVaultHosts.put(host.toLowerCase(Locale.ROOT), address);
    }

    @Override
    public List<ManagedCluster> clusters() {
        Map<ResourceId, ManagedCluster> all = new LinkedHashMap<>();
        base.clusters().forEach(c -> all.put(c.id(), c));
        state.clusters.values().forEach(c -> all.putIfAbsent(c.id(), c));
        planned.clusters.values().forEach(c -> all.put(c.id(), c));
        for (ResourceId id : planned.pools.keySet()) {
            ManagedCluster c = all.get(id);
            if (c == null) {
                c = cluster(id).orNull();
            }
            if (c != null) {
                all.put(id, withPools(c));
            }
        }
        destroyed.keySet().forEach(all::remove);
        return List.copyOf(all.values());
    }

    @Override
    public Lookup<ManagedCluster> cluster(ResourceId id) {
        if (destroyed.containsKey(id)) {
            return Lookup.absent("destroyed by this plan (" + destroyed.get(id) + ")");
        }
        ManagedCluster c = planned.clusters.get(id);
        if (c != null) {
            return Lookup.found(withPools(c));
        }
        Lookup<ManagedCluster> existing = existing(base.cluster(id), state.clusters.get(id), id);
        return existing.map(this::withPools);
    }

    @Override
    public Lookup<DiskEncryptionSet> diskEncryptionSet(ResourceId id) {
        if (openIds.containsKey(id)) {
            return Lookup.unknown(openIds.get(id));
        }
        if (destroyed.containsKey(id)) {
            return Lookup.absent("destroyed by this plan (" + destroyed.get(id) + ")");
        }
        DiskEncryptionSet s = planned.sets.get(id);
        return s != null ? Lookup.found(s) : existing(base.diskEncryptionSet(id), state.sets.get(id), id);
    }

    @Override
    public Lookup<KeyVault> vaultByHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (openHosts.containsKey(h)) {
            return Lookup.unknown(openHosts.get(h));
        }
        if (destroyedHosts.containsKey(h)) {
            return Lookup.absent("destroyed by this plan (" + destroyedHosts.get(h) + ")");
        }
        KeyVault v = planned.vault(h);
        Lookup<KeyVault> found = v != null ? Lookup.found(v) : existingVault(h);
        return found.map(vault -> withPolicies(vault, h));
    }

    @Override
    public Lookup<VaultKey> key(KeyRef ref) {
        String h = ref.vaultHost();
        if (openHosts.containsKey(h)) {
            return Lookup.unknown(openHosts.get(h));
        }
        if (destroyedKeys.containsKey(ref.keyId())) {
            return Lookup.absent("destroyed by this plan (" + destroyedKeys.get(ref.keyId()) + ")");
        }
        VaultKey k = planned.key(ref);
        if (k != null) {
            return Lookup.found(k);
        }
        if (newVaultHosts.containsKey(h)) {
            return Lookup.absent("vault " + ref.vaultName() + " is created by this plan (" + newVaultHosts.get(h)
                    + ") and the plan creates no key " + ref.name() + " in it");
        }
        Lookup<VaultKey> fromBase = base.key(ref);
        if (fromBase instanceof Lookup.Found<VaultKey>) {
            return fromBase;
        }
        VaultKey known = state.key(ref);
        return known != null ? Lookup.found(known) : fromBase;
    }

    /**
     * Assignments at or above the scope. Where the base inventory cannot say, the planned ones are the whole answer
     * only when every identity that reaches keys in that vault is created by this plan: a principal that does not
     * exist yet holds no assignment anywhere else.
     */
    @Override
    public Lookup<List<RoleAssignment>> roleAssignmentsAt(ResourceId scope) {
        List<RoleAssignment> plannedHere = new ArrayList<>();
        for (RoleAssignment a : planned.roleAssignments.values()) {
            if (a.scope() != null && scope.isUnder(a.scope())) {
                plannedHere.add(a);
            }
        }
        Lookup<List<RoleAssignment>> fromBase = base.roleAssignmentsAt(scope);
        List<RoleAssignment> existing = fromBase.orNull();
        if (existing == null) {
            List<RoleAssignment> fromState = new ArrayList<>();
            for (RoleAssignment a : state.roleAssignments.values()) {
                if (a.scope() != null && scope.isUnder(a.scope())) {
                    fromState.add(a);
                }
            }
            if (!onlyNewPrincipalsReach(scope)) {
                return fromBase instanceof Lookup.Unknown<List<RoleAssignment>> u ? fromBase
                        : Lookup.unknown("role assignments at " + scope + " are not known");
            }
            existing = fromState;
        }
        Map<String, RoleAssignment> all = new LinkedHashMap<>();
        existing.forEach(a -> all.put(a.id().toLowerCase(Locale.ROOT), a));
        plannedHere.forEach(a -> all.put(a.id().toLowerCase(Locale.ROOT), a));
        revokedAssignments.forEach(all::remove);
        return Lookup.found(List.copyOf(all.values()));
    }

    /** A key the plan creates or opens is judged as the overlay's key; an existing one by the base's versions. */
    @Override
    public Lookup<VaultKey> keyVersion(KeyRef ref) {
        Lookup<VaultKey> key = key(ref.versionless());
        if (!(key instanceof Lookup.Found<VaultKey>) || planned.key(ref.versionless()) != null) {
            return Inventory.super.keyVersion(ref);
        }
        return base.keyVersion(ref);
    }

    @Override
    public Lookup<List<VaultKey>> keyVersions(KeyRef key) {
        return base.keyVersions(key);
    }

    @Override
    public Lookup<RoleDefinition> roleDefinition(RoleAssignment assignment) {
        return base.roleDefinition(assignment);
    }

    @Override
    public Lookup<List<RoleAssignment>> managedHsmRoleAssignments(KeyVault hsm) {
        return base.managedHsmRoleAssignments(hsm);
    }

    @Override
    public Lookup<List<ResourceId>> vaultsUnder(ResourceId scope) {
        return base.vaultsUnder(scope);
    }

    @Override
    public String detailsMissing(ResourceId id) {
        return base.detailsMissing(id);
    }

    @Override
    public List<DiskEncryptionSet> diskEncryptionSetsUsingVault(String vaultHost) {
        String h = vaultHost.toLowerCase(Locale.ROOT);
        Map<ResourceId, DiskEncryptionSet> all = new LinkedHashMap<>();
        base.diskEncryptionSetsUsingVault(h).forEach(s -> all.put(s.id(), s));
        all.keySet().removeAll(planned.sets.keySet());
        indexes().setsByHost(state).getOrDefault(h, List.of()).forEach(s -> all.putIfAbsent(s.id(), s));
        indexes().setsByHost(planned).getOrDefault(h, List.of()).forEach(s -> all.put(s.id(), s));
        destroyed.keySet().forEach(all::remove);
        return List.copyOf(all.values());
    }

    @Override
    public List<ManagedCluster> clustersUsingDiskEncryptionSets(Collection<ResourceId> setIds) {
        List<ManagedCluster> fromState = new ArrayList<>();
        List<ManagedCluster> fromPlan = new ArrayList<>();
        for (ResourceId id : setIds) {
            fromState.addAll(indexes().clustersBySet(state).getOrDefault(id, List.of()));
            fromPlan.addAll(indexes().clustersBySet(planned).getOrDefault(id, List.of()));
        }
        return select(base.clustersUsingDiskEncryptionSets(setIds), fromState, fromPlan);
    }

    @Override
    public List<ManagedCluster> clustersWithKmsKeyIn(String vaultHost) {
        String h = vaultHost.toLowerCase(Locale.ROOT);
        return select(base.clustersWithKmsKeyIn(h), indexes().clustersByKmsHost(state).getOrDefault(h, List.of()),
                indexes().clustersByKmsHost(planned).getOrDefault(h, List.of()));
    }

    /** Base clusters, except those the plan changes (they are judged as planned), plus the plan's own; none destroyed. */
    private List<ManagedCluster> select(List<ManagedCluster> fromBase, List<ManagedCluster> fromState,
                                        List<ManagedCluster> fromPlan) {
        Map<ResourceId, ManagedCluster> all = new LinkedHashMap<>();
        fromBase.forEach(c -> all.put(c.id(), c));
        all.keySet().removeAll(planned.clusters.keySet());
        fromState.forEach(c -> all.putIfAbsent(c.id(), c));
        fromPlan.forEach(c -> all.put(c.id(), c));
        destroyed.keySet().forEach(all::remove);
        List<ManagedCluster> out = new ArrayList<>();
        all.values().forEach(c -> out.add(withPools(c)));
        return out;
    }

    private Indexes indexes;

    /** Built at the first look-up, once the plan has been read in full: the reverse look-ups ask once per vault. */
    private Indexes indexes() {
        if (indexes == null) {
            indexes = new Indexes();
        }
        return indexes;
    }

    private static final class Indexes {
        private final Map<PlanLayer, Map<String, List<DiskEncryptionSet>>> setsByHost = new HashMap<>();
        private final Map<PlanLayer, Map<ResourceId, List<ManagedCluster>>> clustersBySet = new HashMap<>();
        private final Map<PlanLayer, Map<String, List<ManagedCluster>>> clustersByKmsHost = new HashMap<>();

        Map<String, List<DiskEncryptionSet>> setsByHost(PlanLayer layer) {
            return setsByHost.computeIfAbsent(layer, l -> {
                Map<String, List<DiskEncryptionSet>> m = new HashMap<>();
                l.sets.values().stream().filter(s -> s.activeKey() != null)
                        .forEach(s -> m.computeIfAbsent(s.activeKey().vaultHost(), k -> new ArrayList<>()).add(s));
                return m;
            });
        }

        Map<ResourceId, List<ManagedCluster>> clustersBySet(PlanLayer layer) {
            return clustersBySet.computeIfAbsent(layer, l -> {
                Map<ResourceId, List<ManagedCluster>> m = new HashMap<>();
                l.clusters.values().stream().filter(c -> c.diskEncryptionSetId() != null)
                        .forEach(c -> m.computeIfAbsent(c.diskEncryptionSetId(), k -> new ArrayList<>()).add(c));
                return m;
            });
        }

        Map<String, List<ManagedCluster>> clustersByKmsHost(PlanLayer layer) {
            return clustersByKmsHost.computeIfAbsent(layer, l -> {
                Map<String, List<ManagedCluster>> m = new HashMap<>();
                l.clusters.values().stream().filter(c -> c.kms().key() != null)
                        .forEach(c -> m.computeIfAbsent(c.kms().key().vaultHost(), k -> new ArrayList<>()).add(c));
                return m;
            });
        }
    }

    private boolean onlyNewPrincipalsReach(ResourceId scope) {
        KeyVault vault = null;
        for (KeyVault v : planned.vaultsByHost.values()) {
            if (scope.isUnder(v.id())) {
                vault = v;
            }
        }
        if (vault == null) {
            return false;
        }
        List<DiskEncryptionSet> sets = diskEncryptionSetsUsingVault(vault.host());
        if (sets.isEmpty()) {
            return false;
        }
        for (DiskEncryptionSet s : sets) {
            if (!planned.sets.containsKey(s.id()) || s.identity().knownPrincipalIds().isEmpty()) {
                return false;
            }
            for (String principal : s.identity().knownPrincipalIds()) {
                if (!StandIns.isPrincipal(principal)) {
                    return false;
                }
            }
        }
        return true;
    }

    private <T> Lookup<T> existing(Lookup<T> fromBase, T fromState, ResourceId id) {
        if (fromBase instanceof Lookup.Found<T>) {
            return fromBase;
        }
        if (fromState != null) {
            return Lookup.found(fromState);
        }
        if (id.subscriptionId() != null && id.subscriptionId().equals(TfResolver.UNKNOWN_SEGMENT)) {
            return Lookup.unknown(id.name() + " is not in the plan, and its subscription is known only after apply");
        }
        if (TemplateValues.isStandIn(id.toString())) {
            return Lookup.unknown(id.name() + " is not deployed by the template, and its subscription or resource group is"
                    + " known only at deployment; give --subscription and --resource-group to look it up");
        }
        return fromBase;
    }

    private Lookup<KeyVault> existingVault(String host) {
        Lookup<KeyVault> fromBase = base.vaultByHost(host);
        if (fromBase instanceof Lookup.Found<KeyVault>) {
            return fromBase;
        }
        KeyVault known = state.vault(host);
        return known != null ? Lookup.found(known) : fromBase;
    }

    private ManagedCluster withPools(ManagedCluster c) {
        Map<String, AgentPool> extra = planned.pools.get(c.id());
        Map<String, AgentPool> fromState = state.pools.get(c.id());
        if (extra == null && fromState == null) {
            return c;
        }
        Map<String, AgentPool> pools = new LinkedHashMap<>();
        c.agentPools().forEach(p -> pools.put(p.name().toLowerCase(Locale.ROOT), p));
        if (fromState != null) {
            fromState.forEach(pools::putIfAbsent);
        }
        if (extra != null) {
            pools.putAll(extra);
        }
        destroyed.keySet().forEach(id -> pools.values().removeIf(p -> p.id().equals(id)));
        return c.withAgentPools(new ArrayList<>(pools.values()));
    }

    private KeyVault withPolicies(KeyVault v, String host) {
        List<AccessPolicy> added = new ArrayList<>(state.extraPolicies.getOrDefault(host, List.of()));
        added.addAll(planned.extraPolicies.getOrDefault(host, List.of()));
        Set<String> revoked = revokedPolicies.getOrDefault(host, Set.of());
        if (added.isEmpty() && revoked.isEmpty()) {
            return v;
        }
        List<AccessPolicy> policies = new ArrayList<>();
        for (AccessPolicy p : v.accessPolicies()) {
            if (p.objectId() == null || !revoked.contains(p.objectId().toLowerCase(Locale.ROOT))) {
                policies.add(p);
            }
        }
        policies.addAll(added);
        return new KeyVault(v.id(), v.name(), v.host(), v.managedHsm(), v.softDelete(), v.purgeProtection(),
                v.softDeleteRetentionDays(), v.rbacAuthorization(), policies, v.sku(), v.publicNetworkAccess(), v.tenantId());
    }
}
