package io.byokwatch.impact;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Test double of the {@link Inventory} port over plain lists, only for router tests: the real file-backed inventory
 * is built elsewhere. Reverse look-ups read the referencing side (clusters, sets), as the port documents, so they
 * keep answering after the referenced set or vault has been removed.
 */
public final class InMemoryInventory implements Inventory {
    private final List<ManagedCluster> clusters = new ArrayList<>();
    private final List<DiskEncryptionSet> sets = new ArrayList<>();
    private final List<KeyVault> vaults = new ArrayList<>();
    private final Map<ResourceId, String> previousKeyHosts = new HashMap<>();
    private final List<ManagedDisk> disks = new ArrayList<>();
    private final List<DiskSnapshot> snapshots = new ArrayList<>();
    private String disksUnavailable;

    public InMemoryInventory add(ManagedCluster c) {
        clusters.add(c);
        return this;
    }

    public InMemoryInventory add(DiskEncryptionSet s) {
        sets.add(s);
        return this;
    }

    public InMemoryInventory add(KeyVault v) {
        vaults.add(v);
        return this;
    }

    public InMemoryInventory add(ManagedDisk d) {
        disks.add(d);
        return this;
    }

    public InMemoryInventory add(DiskSnapshot s) {
        snapshots.add(s);
        return this;
    }

    /** Every disk and snapshot read answers "unavailable for now" with this reason. */
    public InMemoryInventory disksUnavailable(String reason) {
        disksUnavailable = reason;
        return this;
    }

    /** Records that a set still holds a previous key at this host while rotating away from it. */
    public InMemoryInventory previousKeyAt(ResourceId setId, String host) {
        previousKeyHosts.put(setId, host.toLowerCase(Locale.ROOT));
        return this;
    }

    /** Forgets a vault, as after its deletion; sets that reference it stay. */
    public InMemoryInventory removeVault(ResourceId id) {
        vaults.removeIf(v -> v.id().equals(id));
        return this;
    }

    /** Forgets a set, as after its deletion; clusters that reference it stay. */
    public InMemoryInventory removeSet(ResourceId id) {
        sets.removeIf(s -> s.id().equals(id));
        return this;
    }

    @Override
    public List<ManagedCluster> clusters() {
        return List.copyOf(clusters);
    }

    @Override
    public Lookup<ManagedCluster> cluster(ResourceId id) {
        return clusters.stream().filter(c -> c.id().equals(id)).findFirst().map(Lookup::found)
                .orElseGet(() -> Lookup.absent("not in the test inventory"));
    }

    @Override
    public Lookup<DiskEncryptionSet> diskEncryptionSet(ResourceId id) {
        return sets.stream().filter(s -> s.id().equals(id)).findFirst().map(Lookup::found)
                .orElseGet(() -> Lookup.absent("not in the test inventory"));
    }

    @Override
    public Lookup<KeyVault> vaultByHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return vaults.stream().filter(v -> h.equals(v.host())).findFirst().map(Lookup::found)
                .orElseGet(() -> Lookup.absent("not in the test inventory"));
    }

    @Override
    public Lookup<VaultKey> key(KeyRef ref) {
        return Lookup.unknown("the test inventory holds no keys");
    }

    @Override
    public Lookup<List<RoleAssignment>> roleAssignmentsAt(ResourceId scope) {
        return Lookup.unknown("the test inventory holds no role assignments");
    }

    @Override
    public Lookup<List<ResourceId>> vaultsUnder(ResourceId scope) {
        return Lookup.found(vaults.stream().map(KeyVault::id).filter(id -> id.isUnder(scope)).toList());
    }

    @Override
    public List<DiskEncryptionSet> diskEncryptionSetsUsingVault(String vaultHost) {
        String h = vaultHost.toLowerCase(Locale.ROOT);
        return sets.stream().filter(s -> (s.activeKey() != null && s.activeKey().vaultHost().equals(h))
                || h.equals(previousKeyHosts.get(s.id()))).toList();
    }

    @Override
    public List<ManagedCluster> clustersUsingDiskEncryptionSets(Collection<ResourceId> setIds) {
        return clusters.stream().filter(c -> c.diskEncryptionSetId() != null && setIds.contains(c.diskEncryptionSetId()))
                .toList();
    }

    @Override
    public Lookup<ManagedDisk> disk(ResourceId id) {
        if (disksUnavailable != null) {
            return Lookup.unavailable(disksUnavailable);
        }
        return disks.stream().filter(d -> d.id().equals(id)).findFirst().map(Lookup::found)
                .orElseGet(() -> Lookup.absent("not in the test inventory"));
    }

    @Override
    public Lookup<DiskSnapshot> diskSnapshot(ResourceId id) {
        if (disksUnavailable != null) {
            return Lookup.unavailable(disksUnavailable);
        }
        return snapshots.stream().filter(s -> s.id().equals(id)).findFirst().map(Lookup::found)
                .orElseGet(() -> Lookup.absent("not in the test inventory"));
    }

    @Override
    public Lookup<List<ManagedDisk>> dataDisksUsingDiskEncryptionSets(Collection<ResourceId> setIds) {
        if (disksUnavailable != null) {
            return Lookup.unavailable(disksUnavailable);
        }
        return Lookup.found(disks.stream().filter(d -> d.csiCreated() && d.encryption().diskEncryptionSetId() != null
                && setIds.contains(d.encryption().diskEncryptionSetId())).toList());
    }

    @Override
    public Lookup<List<DiskSnapshot>> dataDiskSnapshotsUsingDiskEncryptionSets(Collection<ResourceId> setIds) {
        return Lookup.found(snapshots.stream().filter(s -> s.csiCreated() && s.encryption().diskEncryptionSetId() != null
                && setIds.contains(s.encryption().diskEncryptionSetId())).toList());
    }

    @Override
    public List<ManagedCluster> clustersWithKmsKeyIn(String vaultHost) {
        String h = vaultHost.toLowerCase(Locale.ROOT);
        return clusters.stream().filter(c -> c.kms().key() != null && c.kms().key().vaultHost().equals(h)).toList();
    }

    private String setsByIdentityUnknown;

    /** Disk encryption sets by identity cannot be listed, as a file export with a summary set answers. */
    public InMemoryInventory setsByIdentityUnknown(String reason) {
        setsByIdentityUnknown = reason;
        return this;
    }

    private String clustersByIdentityUnavailable;

    /** Clusters by identity could not be listed for now, as when Resource Graph fails. */
    public InMemoryInventory clustersByIdentityUnavailable(String reason) {
        clustersByIdentityUnavailable = reason;
        return this;
    }

    @Override
    public Lookup<List<ManagedCluster>> clustersUsingIdentity(ResourceId userAssignedIdentityId) {
        if (clustersByIdentityUnavailable != null) {
            return Lookup.unavailable(clustersByIdentityUnavailable);
        }
        return Inventory.super.clustersUsingIdentity(userAssignedIdentityId);
    }

    @Override
    public Lookup<List<DiskEncryptionSet>> diskEncryptionSetsUsingIdentity(ResourceId userAssignedIdentityId) {
        if (setsByIdentityUnknown != null) {
            return Lookup.unknown(setsByIdentityUnknown);
        }
        return Lookup.found(sets.stream().filter(s -> s.identity().userAssigned().containsKey(userAssignedIdentityId))
                .toList());
    }

    @Override
    public Lookup<List<KeyVault>> vaultsConnectedTo(ResourceId privateEndpointId) {
        return Lookup.found(vaults.stream().filter(v -> v.network().connects(privateEndpointId)).toList());
    }
}
