package io.byokwatch.app;

import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.DiskOwners;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;

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
 * cluster's disk encryption set), {@link #VOLUMES} (persistent-volume disks a storage class encrypts with one of the
 * sets) and {@link #KMS} (Kubernetes secrets through the KMS etcd key). Further uses are further labels; the renderers
 * describe each label they know and say plainly when they meet one they do not.
 */
public final class BlastRadius {
    /** Data-plane host suffixes per cloud; vault ids do not carry the host, so each is tried. */
    public static final List<String> VAULT_SUFFIXES = List.of("vault.azure.net", "vault.usgovcloudapi.net",
            "vault.azure.cn", "managedhsm.azure.net", "managedhsm.usgovcloudapi.net", "managedhsm.azure.cn");
    /** Node OS (and data) disks encrypted through the cluster's disk encryption set. */
    public static final String DISK = "disk";
    /** Persistent-volume disks (Azure Disk CSI) encrypted with one of the sets. */
    public static final String VOLUMES = "pv";
    /** Kubernetes secrets in etcd encrypted through Azure Key Vault KMS. */
    public static final String KMS = "kms";
    private static final List<String> USE_ORDER = List.of(DISK, VOLUMES, KMS);

    public enum Kind {
        KEY("key"), VAULT("vault"), SET("disk encryption set"), IDENTITY("user-assigned identity");

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

    /** A persistent-volume disk encrypted with one of the sets, and the clusters that provably own it (none: an orphan). */
    public record VolumeDisk(ManagedDisk disk, List<ResourceId> owners) {
        public VolumeDisk {
            owners = List.copyOf(owners);
        }
    }

    /**
     * @param volumeDisks    persistent-volume disks using the sets, when the inventory read disks
     * @param volumesUnknown why persistent-volume disks could not be listed (disks not exported, not readable); null
     *                       when they were read (then {@code volumeDisks} is the whole answer, possibly empty)
     */
    public record Result(String target, Kind kind, List<KeyInUse> keys, List<DiskEncryptionSet> diskEncryptionSets,
                         List<Dependent> clusters, List<VolumeDisk> volumeDisks, String volumesUnknown) {
        public Result {
            keys = List.copyOf(keys);
            diskEncryptionSets = List.copyOf(diskEncryptionSets);
            clusters = List.copyOf(clusters);
            volumeDisks = List.copyOf(volumeDisks);
        }

        /** Without persistent-volume disks: for targets no set stands behind, and for callers that build one by hand. */
        public Result(String target, Kind kind, List<KeyInUse> keys, List<DiskEncryptionSet> diskEncryptionSets,
                      List<Dependent> clusters) {
            this(target, kind, keys, diskEncryptionSets, clusters, List.of(), null);
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

    /**
     * A user-assigned identity: the clusters whose KMS reaches its key as it (legacy KMS runs on the cluster's
     * user-assigned identity; deleting it is unsupported and stops the API server from reaching the key), and the disk
     * encryption sets that unwrap as it, with the clusters behind them.
     */
    public Result forIdentity(ResourceId identityId, Inventory inv) {
        Lookup<List<ManagedCluster>> using = inv.clustersUsingIdentity(identityId);
        List<ManagedCluster> clusters = using.orNull() != null ? using.orNull()
                : inv.clusters().stream().filter(c -> c.usesIdentity(identityId)).toList();
        List<ManagedCluster> kms = clusters.stream().filter(c -> c.kms().keyInUse() != null).toList();
        Lookup<List<DiskEncryptionSet>> sets = inv.diskEncryptionSetsUsingIdentity(identityId);
        List<DiskEncryptionSet> found = sets.orNull() != null ? sets.orNull() : List.of();
        return result(identityId.toString(), Kind.IDENTITY, found, kms, inv, List.of());
    }

    public Result forSet(ResourceId setId, Inventory inv) {
        DiskEncryptionSet set = inv.diskEncryptionSet(setId).orNull();
        Uses uses = new Uses();
        inv.clustersUsingDiskEncryptionSets(List.of(setId)).forEach(c -> uses.add(c, DISK, setId, null));
        Volumes volumes = volumes(List.of(setId), inv, uses);
        List<KeyInUse> keys = set == null || set.activeKey() == null ? List.of()
                : keysInUse(List.of(), List.of(set.activeKey()), inv);
        return new Result(setId.toString(), Kind.SET, keys, set == null ? List.of() : List.of(set), uses.dependents(),
                volumes.disks(), volumes.unknown());
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
        List<ResourceId> setIds = sets.stream().map(DiskEncryptionSet::id).toList();
        Uses uses = new Uses();
        inv.clustersUsingDiskEncryptionSets(setIds).forEach(c -> uses.add(c, DISK, c.diskEncryptionSetId(), null));
        Volumes volumes = setIds.isEmpty() ? new Volumes(List.of(), null) : volumes(setIds, inv, uses);
        kms.forEach(c -> uses.add(c, KMS, null, c.kms().key()));
        List<DiskEncryptionSet> sortedSets = new ArrayList<>(sets);
        sortedSets.sort(Comparator.comparing(s -> s.id().key()));
        List<KeyRef> refs = new ArrayList<>();
        sortedSets.forEach(s -> refs.add(s.activeKey()));
        kms.forEach(c -> refs.add(c.kms().key()));
        return new Result(target, kind, keysInUse(named, refs, inv), sortedSets, uses.dependents(), volumes.disks(),
                volumes.unknown());
    }

    private record Volumes(List<VolumeDisk> disks, String unknown) {
    }

    /** The persistent-volume disks the sets encrypt, each with the clusters that provably own it, who then depend too. */
    private static Volumes volumes(List<ResourceId> setIds, Inventory inv, Uses uses) {
        Lookup<List<ManagedDisk>> disks = inv.dataDisksUsingDiskEncryptionSets(setIds);
        if (disks.orNull() == null) {
            return new Volumes(List.of(), disks instanceof Lookup.Unknown<List<ManagedDisk>> u ? u.reason()
                    : "persistent-volume disks could not be read");
        }
        List<VolumeDisk> out = new ArrayList<>();
        for (ManagedDisk d : disks.orNull()) {
            List<ManagedCluster> owners = inv.clustersWithNodeResourceGroups(DiskOwners.candidateGroups(d)).stream()
                    .filter(c -> DiskOwners.owns(c, d)).toList();
            owners.forEach(c -> uses.add(c, VOLUMES, d.encryption().diskEncryptionSetId(), null));
            out.add(new VolumeDisk(d, owners.stream().map(ManagedCluster::id).toList()));
        }
        out.sort(Comparator.comparing(v -> v.disk().id().key()));
        return new Volumes(out, null);
    }

    /** Each cluster's uses of the target, merged: one dependent per cluster, uses in a fixed order. */
    private static final class Uses {
        private final Map<ResourceId, ManagedCluster> clusters = new LinkedHashMap<>();
        private final Map<ResourceId, Set<String>> labels = new LinkedHashMap<>();
        private final Map<ResourceId, ResourceId> sets = new LinkedHashMap<>();
        private final Map<ResourceId, KeyRef> kmsKeys = new LinkedHashMap<>();

        void add(ManagedCluster c, String use, ResourceId set, KeyRef kmsKey) {
            clusters.putIfAbsent(c.id(), c);
            labels.computeIfAbsent(c.id(), k -> new LinkedHashSet<>()).add(use);
            if (set != null && use.equals(DISK)) {
                sets.put(c.id(), set);
            } else if (set != null) {
                sets.putIfAbsent(c.id(), set);
            }
            if (kmsKey != null) {
                kmsKeys.put(c.id(), kmsKey);
            }
        }

        List<Dependent> dependents() {
            List<Dependent> out = new ArrayList<>();
            clusters.forEach((id, c) -> out.add(new Dependent(id, c.name(),
                    c.agentPools().stream().map(AgentPool::name).toList(),
                    String.join("+", USE_ORDER.stream().filter(labels.get(id)::contains).toList()),
                    sets.get(id), kmsKeys.get(id))));
            return sorted(out);
        }
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

    private static List<Dependent> sorted(List<Dependent> deps) {
        List<Dependent> out = new ArrayList<>(deps);
        out.sort(Comparator.comparing(d -> d.clusterId().key()));
        return out;
    }
}
