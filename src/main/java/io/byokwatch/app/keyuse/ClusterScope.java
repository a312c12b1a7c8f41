package io.byokwatch.app.keyuse;

import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.policy.Policy;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;
import io.byokwatch.rules.KeyUse;
import io.byokwatch.rules.KeyUser;

import java.util.List;

/**
 * What a {@link KeyUseBuilder} reads for one cluster: the cluster, the inventory, the persistent volumes the policy
 * requires a customer key for, and the two ways to turn "these consumers reach a key" into a resolved {@link KeyUse}:
 * {@link #throughSet} (a disk encryption set in between) and {@link #throughKey} (the consumer names the key, as KMS
 * does). Chains are walked once per set or key for the whole cluster, whichever builders ask.
 */
public final class ClusterScope {
    private final ManagedCluster cluster;
    private final Inventory inventory;
    private final Policy policy;
    private final KeyChains chains;
    private Lookup<List<ManagedDisk>> dataDisks;
    private Lookup<List<DiskSnapshot>> dataDiskSnapshots;

    ClusterScope(ManagedCluster cluster, Inventory inventory, Policy policy) {
        this.cluster = cluster;
        this.inventory = inventory;
        this.policy = policy;
        this.chains = new KeyChains(inventory);
    }

    public ManagedCluster cluster() {
        return cluster;
    }

    public Inventory inventory() {
        return inventory;
    }

    /**
     * The cluster's persistent-volume disks the policy requires a customer key for: all of them, except those whose
     * own tags match a tag rule that does not require BYOK (a StorageClass's {@code tags} reach its disks). Unknown
     * when they were not read.
     */
    public Lookup<List<ManagedDisk>> dataDisks() {
        if (dataDisks == null) {
            dataDisks = inventory.dataDisksOf(cluster).map(all -> required(all, ManagedDisk::tags));
        }
        return dataDisks;
    }

    /** The same for the cluster's VolumeSnapshot snapshots. */
    public Lookup<List<DiskSnapshot>> dataDiskSnapshots() {
        if (dataDiskSnapshots == null) {
            dataDiskSnapshots = inventory.dataDiskSnapshotsOf(cluster).map(all -> required(all, DiskSnapshot::tags));
        }
        return dataDiskSnapshots;
    }

    private <T> List<T> required(List<T> all, java.util.function.Function<T, io.byokwatch.domain.Tags> tags) {
        if (policy.tagRules().isEmpty()) {
            return all;
        }
        return all.stream().filter(x -> policy.requiresByok(tags.apply(x), true)).toList();
    }

    /** Consumers reaching a key through a disk encryption set: the set's active key, used by the set's identity. */
    public KeyUse throughSet(KeyPurpose purpose, List<KeyConsumer> consumers, ResourceId setId) {
        KeyChains.SetChain chain = chains.throughSet(setId);
        KeyChains.KeyLinks l = chain.links();
        return KeyUse.throughSet(purpose, cluster, consumers, setId, chain.set(), l.vault(), l.key(), l.used(), l.roles(),
                l.roleDefinitions());
    }

    /** Consumers naming a key themselves (a KMS key URL), which these principals must use for what they need. */
    public KeyUse throughKey(KeyPurpose purpose, List<KeyConsumer> consumers, KeyRef key, List<KeyUser> users) {
        KeyChains.KeyLinks l = chains.keyLinks(key, users);
        return new KeyUse(purpose, cluster, consumers, null, null, key, l.vault(), l.key(), l.used(), users, l.roles(),
                l.roleDefinitions());
    }
}
