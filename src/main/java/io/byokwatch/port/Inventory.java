package io.byokwatch.port;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KeyVersion;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.VaultKey;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * What the estate is now. Implemented by JSON snapshot files and by live ARM/Resource Graph reads; the engine and the
 * impact router only ever talk to this.
 */
public interface Inventory {

    /** Every cluster in scope, with its node pools merged in. */
    List<ManagedCluster> clusters();

    Lookup<ManagedCluster> cluster(ResourceId id);

    Lookup<DiskEncryptionSet> diskEncryptionSet(ResourceId id);

    /** The vault or Managed HSM that serves keys at this data-plane host (from a key URL). */
    Lookup<KeyVault> vaultByHost(String host);

    /** The key (any version) the reference names. */
    Lookup<VaultKey> key(KeyRef ref);

    /**
     * Every version of the key the reference names, newest first by creation time: what rotation is measured from.
     * Unknown when the inventory does not hold them.
     */
    default Lookup<List<KeyVersion>> keyVersions(KeyRef key) {
        return Lookup.unknown("the versions of key " + key.name() + " are not in this inventory");
    }

    /**
     * Role assignments that can grant data-plane access at the given scope: those on the scope itself and on every
     * scope above it (group, subscription, management group). Unknown when assignments were not inventoried.
     */
    Lookup<List<RoleAssignment>> roleAssignmentsAt(ResourceId scope);

    /** Disk encryption sets whose active or previous key lives at this vault host. */
    List<DiskEncryptionSet> diskEncryptionSetsUsingVault(String vaultHost);

    /** Clusters whose disk encryption set is one of these. */
    List<ManagedCluster> clustersUsingDiskEncryptionSets(Collection<ResourceId> setIds);

    /** Clusters whose KMS etcd key lives at this vault host. */
    List<ManagedCluster> clustersWithKmsKeyIn(String vaultHost);

    /**
     * A view whose reads of {@code changed} (the resource an event is about) are fresh, never a cached copy. Inventories
     * without a cache return themselves.
     */
    default Inventory freshFor(ResourceId changed) {
        return this;
    }

    /**
     * A view whose reads of {@code changed} reflect a change made by {@code changedBy}: answered by a read sent after
     * that instant (an earlier event's, a concurrent one's), else read now. What lets duplicate and late events about
     * one resource share a read without any of them seeing it as it was before the change.
     */
    default Inventory freshFor(ResourceId changed, Instant changedBy) {
        return freshFor(changed);
    }

    /** Whether the resource lies in the scope this inventory watches; files watch whatever they hold. */
    default boolean inScope(ResourceId id) {
        return true;
    }
}
