package io.byokwatch.app;

import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything that depends on a key, vault or disk encryption set: the sets that wrap with it and the clusters (with
 * node pools) whose disks or etcd secrets it protects, and each key through which they do. What an incident responder
 * reads before disabling a key.
 *
 * <p>How a cluster depends on the target is its {@link Dependent#uses()}: {@link #DISK} (node disks through the
 * cluster's disk encryption set) and {@link #KMS} (Kubernetes secrets through the KMS etcd key). Further uses (such as
 * persistent-volume disks through a storage class's set) are further labels; the renderers describe each label they
 * know and say plainly when they meet one they do not.
 */
public final class BlastRadius {
    /** Data-plane host suffixes per cloud; vault ids do not carry the host, so each is tried. */
    public static final List<String> VAULT_SUFFIXES = List.of("vault.azure.net", "vault.usgovcloudapi.net",
            "vault.azure.cn", "managedhsm.azure.net", "managedhsm.usgovcloudapi.net", "managedhsm.azure.cn");
    /** Node OS (and data) disks encrypted through the cluster's disk encryption set. */
    public static final String DISK = "disk";
    /** Kubernetes secrets in etcd encrypted through Azure Key Vault KMS. */
    public static final String KMS = "kms";

    public enum Kind {
        KEY("key"), VAULT("vault"), SET("disk encryption set");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A cluster that stops when the target does. {@code via} joins its {@link #uses()} with "+" ("disk", "kms",
     * "disk+kms"), as the JSON contract has it; {@code diskEncryptionSet} and {@code kmsKey} are set for the uses
     * they serve.
     */
    public record Dependent(ResourceId clusterId, String name, List<String> nodePools, String via,
                            ResourceId diskEncryptionSet, KeyRef kmsKey) {
        public Dependent {
            nodePools = List.copyOf(nodePools);
        }

        public List<String> uses() {
            return List.of(via.split("\\+"));
        }
    }

    /**
     * One key through which something depends on the target. {@code versions} are the versions references pin (a
     * set or KMS profile naming {@code .../keys/k/<version>}); {@code latest} is true when some reference has no
     * version and so follows the newest. {@code facts} and {@code vault} are null when the inventory lacks them.
     */
    public record KeyInUse(KeyRef key, List<String> versions, boolean latest, VaultKey facts, KeyVault vault) {
        public KeyInUse {
            versions = List.copyOf(versions);
        }

        public boolean managedHsm() {
            return vault != null ? vault.managedHsm() : key.inManagedHsm();
        }
    }

    public record Result(String target, Kind kind, List<KeyInUse> keys, List<DiskEncryptionSet> diskEncryptionSets,
                         List<Dependent> clusters) {
        public Result {
            keys = List.copyOf(keys);
            diskEncryptionSets = List.copyOf(diskEncryptionSets);
            clusters = List.copyOf(clusters);
        }
    }

    public Result forKey(KeyRef key, Inventory inv) {
        List<DiskEncryptionSet> sets = inv.diskEncryptionSetsUsingVault(key.vaultHost()).stream()
                .filter(s -> key.sameKey(s.activeKey())).toList();
        List<ManagedCluster> kms = inv.clustersWithKmsKeyIn(key.vaultHost()).stream()
                .filter(c -> key.sameKey(c.kms().key())).toList();
        return result(key.toString(), Kind.KEY, sets, kms, inv, List.of(key.versionless()));
    }

    public Result forVault(ResourceId vaultId, Inventory inv) {
        return forVaultHosts(vaultId.toString(), hostsFor(vaultId), inv);
    }

    /** A vault known by its data-plane host(s), for one no file exported but a key URL points into. */
    public Result forVaultHosts(String target, Collection<String> hosts, Inventory inv) {
        Map<ResourceId, DiskEncryptionSet> sets = new LinkedHashMap<>();
        List<ManagedCluster> kms = new ArrayList<>();
        for (String host : new LinkedHashSet<>(hosts)) {
            inv.diskEncryptionSetsUsingVault(host).forEach(s -> sets.putIfAbsent(s.id(), s));
            kms.addAll(inv.clustersWithKmsKeyIn(host));
        }
        return result(target, Kind.VAULT, List.copyOf(sets.values()), kms, inv, List.of());
    }

    public Result forSet(ResourceId setId, Inventory inv) {
        DiskEncryptionSet set = inv.diskEncryptionSet(setId).orNull();
        List<ManagedCluster> clusters = inv.clustersUsingDiskEncryptionSets(List.of(setId));
        List<Dependent> deps = clusters.stream().map(c -> dependent(c, DISK)).toList();
        List<KeyInUse> keys = set == null || set.activeKey() == null ? List.of()
                : keysInUse(List.of(), List.of(set.activeKey()), inv);
        return new Result(setId.toString(), Kind.SET, keys, set == null ? List.of() : List.of(set), sorted(deps));
    }

    /** The data-plane hosts a vault id can have, one per cloud. */
    public static List<String> hostsFor(ResourceId vaultId) {
        boolean hsm = vaultId.isType("microsoft.keyvault/managedhsms");
        String name = vaultId.topLevel().name().toLowerCase(Locale.ROOT);
        return VAULT_SUFFIXES.stream().filter(s -> s.startsWith("managedhsm") == hsm).map(s -> name + "." + s).toList();
    }

    /** @param named keys the target names itself, listed even when nothing references them */
    private Result result(String target, Kind kind, List<DiskEncryptionSet> sets, List<ManagedCluster> kms, Inventory inv,
                          List<KeyRef> named) {
        Map<ResourceId, Dependent> deps = new LinkedHashMap<>();
        inv.clustersUsingDiskEncryptionSets(sets.stream().map(DiskEncryptionSet::id).toList())
                .forEach(c -> deps.put(c.id(), dependent(c, DISK)));
        for (ManagedCluster c : kms) {
            Dependent viaKms = dependent(c, KMS);
            deps.merge(c.id(), viaKms, (a, b) -> new Dependent(a.clusterId(), a.name(), a.nodePools(), DISK + "+" + KMS,
                    a.diskEncryptionSet(), b.kmsKey()));
        }
        List<DiskEncryptionSet> sortedSets = new ArrayList<>(sets);
        sortedSets.sort(Comparator.comparing(s -> s.id().key()));
        List<KeyRef> refs = new ArrayList<>();
        sortedSets.forEach(s -> refs.add(s.activeKey()));
        kms.forEach(c -> refs.add(c.kms().key()));
        return new Result(target, kind, keysInUse(named, refs, inv), sortedSets, sorted(new ArrayList<>(deps.values())));
    }

    /**
     * One entry per key: the keys the target names itself (listed even when nothing references them) and those the
     * sets and KMS profiles reference, with the versions the references pin and whether one follows the newest.
     */
    private static List<KeyInUse> keysInUse(List<KeyRef> named, List<KeyRef> referenced, Inventory inv) {
        Map<String, KeyRef> keys = new LinkedHashMap<>();
        Map<String, Set<String>> versions = new LinkedHashMap<>();
        Set<String> latest = new LinkedHashSet<>();
        named.forEach(r -> keys.putIfAbsent(r.keyId(), r.versionless()));
        for (KeyRef r : referenced) {
            keys.putIfAbsent(r.keyId(), r.versionless());
            if (r.version() == null) {
                latest.add(r.keyId());
            } else {
                Set<String> pinned = versions.computeIfAbsent(r.keyId(), k -> new LinkedHashSet<>());
                // versions are hex: the same version written in two cases is one version
                if (pinned.stream().noneMatch(v -> v.equalsIgnoreCase(r.version()))) {
                    pinned.add(r.version());
                }
            }
        }
        List<KeyInUse> out = new ArrayList<>();
        keys.forEach((id, key) -> out.add(new KeyInUse(key, List.copyOf(versions.getOrDefault(id, Set.of())),
                latest.contains(id), inv.key(key).orNull(), inv.vaultByHost(key.vaultHost()).orNull())));
        out.sort(Comparator.comparing(k -> k.key().keyId()));
        return out;
    }

    private static Dependent dependent(ManagedCluster c, String via) {
        return new Dependent(c.id(), c.name(), c.agentPools().stream().map(AgentPool::name).toList(), via,
                via.equals(DISK) ? c.diskEncryptionSetId() : null, via.equals(KMS) ? c.kms().key() : null);
    }

    private static List<Dependent> sorted(List<Dependent> deps) {
        List<Dependent> out = new ArrayList<>(deps);
        out.sort(Comparator.comparing(d -> d.clusterId().key()));
        return out;
    }
}
