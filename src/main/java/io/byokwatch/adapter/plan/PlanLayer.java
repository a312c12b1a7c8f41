package io.byokwatch.adapter.plan;

import io.byokwatch.domain.AccessPolicy;
import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.VaultKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Records of one kind of knowledge a plan brings: what it will create or change, or what its prior state shows as
 * existing. Node pools and access policies declared as resources of their own are kept apart, because they attach to
 * a cluster or vault that may come from another layer.
 */
final class PlanLayer {
    final Map<ResourceId, ManagedCluster> clusters = new LinkedHashMap<>();
    final Map<ResourceId, Map<String, AgentPool>> pools = new LinkedHashMap<>();
    final Map<ResourceId, DiskEncryptionSet> sets = new LinkedHashMap<>();
    final Map<String, KeyVault> vaultsByHost = new LinkedHashMap<>();
    final Map<String, List<AccessPolicy>> extraPolicies = new LinkedHashMap<>();
    final Map<String, VaultKey> keys = new LinkedHashMap<>();
    final Map<String, RoleAssignment> roleAssignments = new LinkedHashMap<>();

    void cluster(ManagedCluster c) {
        clusters.put(c.id(), c);
    }

    void pool(ResourceId clusterId, AgentPool pool) {
        pools.computeIfAbsent(clusterId, k -> new LinkedHashMap<>()).put(pool.name().toLowerCase(Locale.ROOT), pool);
    }

    void set(DiskEncryptionSet s) {
        sets.put(s.id(), s);
    }

    void vault(KeyVault v) {
        vaultsByHost.put(v.host(), v);
    }

    void accessPolicy(String vaultHost, AccessPolicy policy) {
        extraPolicies.computeIfAbsent(vaultHost.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(policy);
    }

    void key(VaultKey k) {
        keys.put(k.ref().keyId(), k);
    }

    void roleAssignment(RoleAssignment a) {
        roleAssignments.put(a.id().toLowerCase(Locale.ROOT), a);
    }

    KeyVault vault(String host) {
        return vaultsByHost.get(host);
    }

    VaultKey key(KeyRef ref) {
        return keys.get(ref.keyId());
    }
}
