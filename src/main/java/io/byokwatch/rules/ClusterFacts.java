package io.byokwatch.rules;

import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.port.Lookup;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What cluster rules read: the cluster, its key uses, and its persistent-volume disks and VolumeSnapshot snapshots
 * (those the policy requires a customer key for; unknown with the reason when they were not read). The volumes are
 * read on first use, so an evaluation whose rules never ask for them costs no disk reads.
 */
public final class ClusterFacts {
    private final ManagedCluster cluster;
    private final List<KeyUse> keyUses;
    private final Supplier<Lookup<List<ManagedDisk>>> dataDisks;
    private final Supplier<Lookup<List<DiskSnapshot>>> dataDiskSnapshots;

    public ClusterFacts(ManagedCluster cluster, List<KeyUse> keyUses, Supplier<Lookup<List<ManagedDisk>>> dataDisks,
                        Supplier<Lookup<List<DiskSnapshot>>> dataDiskSnapshots) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.keyUses = List.copyOf(keyUses);
        this.dataDisks = dataDisks == null ? () -> Lookup.found(List.of()) : dataDisks;
        this.dataDiskSnapshots = dataDiskSnapshots == null ? () -> Lookup.found(List.of()) : dataDiskSnapshots;
    }

    /** A cluster with only these key uses and no persistent volumes. */
    public ClusterFacts(ManagedCluster cluster, List<KeyUse> keyUses) {
        this(cluster, keyUses, null, null);
    }

    public ManagedCluster cluster() {
        return cluster;
    }

    public List<KeyUse> keyUses() {
        return keyUses;
    }

    /** The cluster's persistent-volume disks the policy requires a customer key for, or unknown with the reason. */
    public Lookup<List<ManagedDisk>> dataDisks() {
        return dataDisks.get();
    }

    /** The same for its VolumeSnapshot snapshots. */
    public Lookup<List<DiskSnapshot>> dataDiskSnapshots() {
        return dataDiskSnapshots.get();
    }

    /** The vault of the first key use of this purpose whose vault was found, else null. */
    public KeyVault vaultOf(KeyPurpose purpose) {
        return keyUses.stream().filter(u -> u.purpose() == purpose).map(KeyUse::foundVault)
                .filter(Objects::nonNull).findFirst().orElse(null);
    }
}
