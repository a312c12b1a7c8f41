package io.byokwatch.app;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KmsState;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RoleDefinition;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;

import java.util.Collection;
import java.util.List;

/**
 * Sees every answer one evaluation gets and remembers the first that was unavailable. A verdict built on such a hole
 * is not a fact about the cluster: a key that could not be read for a minute would drop the finding it carries and
 * send "resolved". So the detector checks here before it writes anything.
 */
final class UnavailabilityWatch implements Inventory {
    private final Inventory inventory;
    private String unavailable;

    UnavailabilityWatch(Inventory inventory) {
        this.inventory = inventory;
    }

    /** Throws when any answer so far was unavailable; the message names the first. */
    void requireComplete(ResourceId clusterId) {
        if (unavailable != null) {
            throw new InventoryUnavailableException("cluster " + clusterId + " not re-evaluated, the inventory could not"
                    + " answer for now: " + unavailable);
        }
    }

    private <T> Lookup<T> seen(Lookup<T> answer) {
        if (unavailable == null && answer instanceof Lookup.Unknown<T> u && u.retryable()) {
            unavailable = u.reason();
        }
        return answer;
    }

    @Override
    public List<ManagedCluster> clusters() {
        return inventory.clusters();
    }

    @Override
    public Lookup<ManagedCluster> cluster(ResourceId id) {
        return seen(inventory.cluster(id));
    }

    @Override
    public Lookup<DiskEncryptionSet> diskEncryptionSet(ResourceId id) {
        return seen(inventory.diskEncryptionSet(id));
    }

    @Override
    public Lookup<KeyVault> vaultByHost(String host) {
        return seen(inventory.vaultByHost(host));
    }

    @Override
    public Lookup<VaultKey> key(KeyRef ref) {
        return seen(inventory.key(ref));
    }

    @Override
    public Lookup<List<RoleAssignment>> roleAssignmentsAt(ResourceId scope) {
        return seen(inventory.roleAssignmentsAt(scope));
    }

    @Override
    public Lookup<VaultKey> keyVersion(KeyRef ref) {
        return seen(inventory.keyVersion(ref));
    }

    @Override
    public Lookup<List<VaultKey>> keyVersions(KeyRef key) {
        return seen(inventory.keyVersions(key));
    }

    @Override
    public Lookup<RoleDefinition> roleDefinition(RoleAssignment assignment) {
        return seen(inventory.roleDefinition(assignment));
    }

    @Override
    public Lookup<List<RoleAssignment>> managedHsmRoleAssignments(KeyVault hsm) {
        return seen(inventory.managedHsmRoleAssignments(hsm));
    }

    @Override
    public Lookup<List<ResourceId>> vaultsUnder(ResourceId scope) {
        return seen(inventory.vaultsUnder(scope));
    }

    @Override
    public String detailsMissing(ResourceId id) {
        return inventory.detailsMissing(id);
    }

    @Override
    public List<DiskEncryptionSet> diskEncryptionSetsUsingVault(String vaultHost) {
        return inventory.diskEncryptionSetsUsingVault(vaultHost);
    }

    @Override
    public List<ManagedCluster> clustersUsingDiskEncryptionSets(Collection<ResourceId> setIds) {
        return inventory.clustersUsingDiskEncryptionSets(setIds);
    }

    @Override
    public List<ManagedCluster> clustersWithKmsKeyIn(String vaultHost) {
        return inventory.clustersWithKmsKeyIn(vaultHost);
    }

    @Override
    public Lookup<KmsState> kmsState(ManagedCluster cluster) {
        return seen(inventory.kmsState(cluster));
    }

    @Override
    public Lookup<List<ManagedCluster>> clustersUsingIdentity(ResourceId userAssignedIdentityId) {
        return seen(inventory.clustersUsingIdentity(userAssignedIdentityId));
    }

    @Override
    public Lookup<List<DiskEncryptionSet>> diskEncryptionSetsUsingIdentity(ResourceId userAssignedIdentityId) {
        return seen(inventory.diskEncryptionSetsUsingIdentity(userAssignedIdentityId));
    }

    @Override
    public Lookup<List<ManagedCluster>> clustersWithPrivateKmsVault(ResourceId vaultId) {
        return seen(inventory.clustersWithPrivateKmsVault(vaultId));
    }

    @Override
    public Lookup<List<KeyVault>> vaultsConnectedTo(ResourceId privateEndpointId) {
        return seen(inventory.vaultsConnectedTo(privateEndpointId));
    }

    @Override
    public Lookup<ManagedDisk> disk(ResourceId id) {
        return seen(inventory.disk(id));
    }

    @Override
    public Lookup<DiskSnapshot> diskSnapshot(ResourceId id) {
        return seen(inventory.diskSnapshot(id));
    }

    @Override
    public Lookup<List<ManagedDisk>> dataDisksOf(ManagedCluster cluster) {
        return seen(inventory.dataDisksOf(cluster));
    }

    @Override
    public Lookup<List<DiskSnapshot>> dataDiskSnapshotsOf(ManagedCluster cluster) {
        return seen(inventory.dataDiskSnapshotsOf(cluster));
    }

    @Override
    public Lookup<List<ManagedDisk>> orphanCsiDisks() {
        return seen(inventory.orphanCsiDisks());
    }

    @Override
    public Lookup<List<ManagedDisk>> dataDisksUsingDiskEncryptionSets(Collection<ResourceId> setIds) {
        return seen(inventory.dataDisksUsingDiskEncryptionSets(setIds));
    }

    @Override
    public Lookup<List<DiskSnapshot>> dataDiskSnapshotsUsingDiskEncryptionSets(Collection<ResourceId> setIds) {
        return seen(inventory.dataDiskSnapshotsUsingDiskEncryptionSets(setIds));
    }

    @Override
    public List<ManagedCluster> clustersWithNodeResourceGroups(Collection<ResourceId> groups) {
        return inventory.clustersWithNodeResourceGroups(groups);
    }

    @Override
    public boolean inScope(ResourceId id) {
        return inventory.inScope(id);
    }
}
