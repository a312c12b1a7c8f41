package io.byokwatch.app;

import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything that depends on a key, vault or disk encryption set: the sets that wrap with it and the clusters (with
 * node pools) whose disks or etcd secrets it protects. What an incident responder reads before disabling a key.
 */
public final class BlastRadius {
    /** Data-plane host suffixes per cloud; vault ids do not carry the host, so each is tried. */
    public static final List<String> VAULT_SUFFIXES = List.of("vault.azure.net", "vault.usgovcloudapi.net",
            "vault.azure.cn", "managedhsm.azure.net", "managedhsm.usgovcloudapi.net", "managedhsm.azure.cn");

    public record Dependent(ResourceId clusterId, String name, List<String> nodePools, String via) {
    }

    public record Result(String target, List<DiskEncryptionSet> diskEncryptionSets, List<Dependent> clusters) {
    }

    public Result forKey(KeyRef key, Inventory inv) {
        List<DiskEncryptionSet> sets = inv.diskEncryptionSetsUsingVault(key.vaultHost()).stream()
                .filter(s -> key.sameKey(s.activeKey())).toList();
        List<ManagedCluster> kms = inv.clustersWithKmsKeyIn(key.vaultHost()).stream()
                .filter(c -> key.sameKey(c.kms().key())).toList();
        return result(key.toString(), sets, kms, inv);
    }

    public Result forVault(ResourceId vaultId, Inventory inv) {
        Map<ResourceId, DiskEncryptionSet> sets = new LinkedHashMap<>();
        List<ManagedCluster> kms = new ArrayList<>();
        for (String host : hostsFor(vaultId)) {
            inv.diskEncryptionSetsUsingVault(host).forEach(s -> sets.putIfAbsent(s.id(), s));
            kms.addAll(inv.clustersWithKmsKeyIn(host));
        }
        return result(vaultId.toString(), List.copyOf(sets.values()), kms, inv);
    }

    public Result forSet(ResourceId setId, Inventory inv) {
        DiskEncryptionSet set = inv.diskEncryptionSet(setId).orNull();
        List<ManagedCluster> clusters = inv.clustersUsingDiskEncryptionSets(List.of(setId));
        List<Dependent> deps = clusters.stream().map(c -> dependent(c, "disk")).toList();
        return new Result(setId.toString(), set == null ? List.of() : List.of(set), sorted(deps));
    }

    /** The data-plane hosts a vault id can have, one per cloud. */
    public static List<String> hostsFor(ResourceId vaultId) {
        boolean hsm = vaultId.isType("microsoft.keyvault/managedhsms");
        String name = vaultId.topLevel().name().toLowerCase(Locale.ROOT);
        return VAULT_SUFFIXES.stream().filter(s -> s.startsWith("managedhsm") == hsm).map(s -> name + "." + s).toList();
    }

    private Result result(String target, List<DiskEncryptionSet> sets, List<ManagedCluster> kms, Inventory inv) {
        Map<ResourceId, Dependent> deps = new LinkedHashMap<>();
        inv.clustersUsingDiskEncryptionSets(sets.stream().map(DiskEncryptionSet::id).toList())
                .forEach(c -> deps.put(c.id(), dependent(c, "disk")));
        for (ManagedCluster c : kms) {
            deps.merge(c.id(), dependent(c, "kms"), (a, b) -> new Dependent(a.clusterId(), a.name(), a.nodePools(), "disk+kms"));
        }
        List<DiskEncryptionSet> sortedSets = new ArrayList<>(sets);
        sortedSets.sort(Comparator.comparing(s -> s.id().key()));
        return new Result(target, sortedSets, sorted(new ArrayList<>(deps.values())));
    }

    private static Dependent dependent(ManagedCluster c, String via) {
        return new Dependent(c.id(), c.name(), c.agentPools().stream().map(AgentPool::name).toList(), via);
    }

    private static List<Dependent> sorted(List<Dependent> deps) {
        List<Dependent> out = new ArrayList<>(deps);
        out.sort(Comparator.comparing(d -> d.clusterId().key()));
        return out;
    }
}
