package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RotationPolicy;
import io.byokwatch.domain.VaultKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Combines records that describe the same resource, because exports overlap: {@code az aks list} and
 * {@code az aks nodepool show}, {@code key list} and {@code key list-deleted}, ARM keys and data-plane keys.
 */
final class SnapshotMerge {
    private SnapshotMerge() {
    }

    /** One record per cluster id (the later file wins), with separately read pools replacing inline ones by name. */
    static Map<ResourceId, ManagedCluster> clusters(Snapshot snapshot) {
        Map<ResourceId, Map<String, AgentPool>> separatePools = new LinkedHashMap<>();
        for (AgentPool pool : snapshot.agentPools()) {
            separatePools.computeIfAbsent(pool.id().topLevel(), k -> new LinkedHashMap<>()).put(lower(pool.name()), pool);
        }
        Map<ResourceId, ManagedCluster> clusters = new LinkedHashMap<>();
        for (ManagedCluster cluster : snapshot.clusters()) {
            clusters.put(cluster.id(), cluster);
        }
        clusters.replaceAll((id, cluster) -> {
            Map<String, AgentPool> separate = separatePools.get(id);
            if (separate == null) {
                return cluster;
            }
            Map<String, AgentPool> pools = new LinkedHashMap<>();
            cluster.agentPools().forEach(p -> pools.put(lower(p.name()), p));
            pools.putAll(separate); // a point read of the pool is newer than the cluster's inline copy
            return cluster.withAgentPools(new ArrayList<>(pools.values()));
        });
        return clusters;
    }

    /**
     * One record per key (host + name). A deleted record beats a live one, since a name cannot be both and missing a
     * deletion is the dangerous mistake; otherwise the later file wins. What the winner lacks (the rotation policy,
     * an ARM id) is taken from the other record, a separately exported policy, or the vault serving its host.
     */
    static Map<String, VaultKey> keys(Snapshot snapshot, Map<String, KeyVault> vaultsByHost) {
        Map<String, VaultKey> keys = new LinkedHashMap<>();
        for (VaultKey key : snapshot.keys()) {
            keys.merge(key.ref().keyId(), key, SnapshotMerge::preferred);
        }
        Map<String, RotationPolicy> policies = new LinkedHashMap<>();
        snapshot.rotationPolicies().forEach((ref, policy) -> policies.put(ref.keyId(), policy));
        keys.replaceAll((keyId, key) -> {
            VaultKey merged = key;
            if (!merged.rotationPolicyKnown() && policies.containsKey(keyId)) {
                merged = with(merged, merged.id(), policies.get(keyId), true);
            }
            KeyVault vault = vaultsByHost.get(merged.ref().vaultHost());
            if (merged.id() == null && vault != null) {
                merged = with(merged, vault.id().child("keys", merged.name()), merged.rotationPolicy(),
                        merged.rotationPolicyKnown());
            }
            return merged;
        });
        return keys;
    }

    /**
     * One record per disk id. A record that knows the disk's encryption beats a stub that does not (a generic
     * {@code az resource list} next to {@code az disk list}); otherwise the later file wins.
     */
    static Map<ResourceId, ManagedDisk> disks(Snapshot snapshot) {
        Map<ResourceId, ManagedDisk> disks = new LinkedHashMap<>();
        for (ManagedDisk disk : snapshot.disks()) {
            disks.merge(disk.id(), disk, (earlier, later) ->
                    earlier.encryption().known() && !later.encryption().known() ? earlier : later);
        }
        return disks;
    }

    /** One record per snapshot id, as for {@link #disks}. */
    static Map<ResourceId, DiskSnapshot> diskSnapshots(Snapshot snapshot) {
        Map<ResourceId, DiskSnapshot> snapshots = new LinkedHashMap<>();
        for (DiskSnapshot s : snapshot.diskSnapshots()) {
            snapshots.merge(s.id(), s, (earlier, later) ->
                    earlier.encryption().known() && !later.encryption().known() ? earlier : later);
        }
        return snapshots;
    }

    /** One record per assignment id: {@code az role assignment list} at several scopes repeats inherited ones. */
    static List<RoleAssignment> roleAssignments(Snapshot snapshot) {
        Map<String, RoleAssignment> byId = new LinkedHashMap<>();
        snapshot.roleAssignments().forEach(a -> byId.put(lower(a.id()), a));
        return List.copyOf(byId.values());
    }

    private static VaultKey preferred(VaultKey earlier, VaultKey later) {
        VaultKey winner = earlier.deleted() && !later.deleted() ? earlier : later;
        VaultKey other = winner == earlier ? later : earlier;
        if (!winner.rotationPolicyKnown() && other.rotationPolicyKnown()) {
            winner = with(winner, winner.id(), other.rotationPolicy(), true);
        }
        return winner.id() == null && other.id() != null
                ? with(winner, other.id(), winner.rotationPolicy(), winner.rotationPolicyKnown()) : winner;
    }

    private static VaultKey with(VaultKey k, ResourceId id, RotationPolicy policy, boolean policyKnown) {
        return new VaultKey(id, k.ref(), k.currentVersion(), k.enabled(), k.notBefore(), k.expires(), k.keyType(),
                k.keySize(), k.recoveryLevel(), policy, policyKnown, k.deletedOn());
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
