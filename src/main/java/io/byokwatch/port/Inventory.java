package io.byokwatch.port;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.DiskOwners;
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

    /**
     * The key the reference names, as its current version describes it: attributes (enabled, nbf, exp) and type are
     * the current version's; existence, deletion and the rotation policy belong to the key as a whole.
     */
    Lookup<VaultKey> key(KeyRef ref);

    /**
     * One version of a key, the one a versioned reference names: what a disk encryption set pinned to that version
     * actually uses. The record's {@code currentVersion} is that version. The default answers from {@link #key} when
     * the version is the key's current one (or the reference names none), and unknown otherwise: an inventory that
     * holds older versions overrides it.
     */
    default Lookup<VaultKey> keyVersion(KeyRef ref) {
        Lookup<VaultKey> key = key(ref.versionless());
        VaultKey current = key.orNull();
        if (current == null || ref.version() == null || ref.version().equalsIgnoreCase(current.currentVersion())) {
            return key;
        }
        return Lookup.unknown("the attributes of version " + ref.version() + " of key " + ref.name() + " are not in the"
                + " inventory (it holds " + (current.currentVersion() == null ? "the current version"
                : "version " + current.currentVersion()) + ")");
    }

    /**
     * Every version of the key, each as {@link #keyVersion} describes it, in no particular order. Unknown when the
     * inventory does not list versions.
     */
    default Lookup<List<VaultKey>> keyVersions(KeyRef key) {
        return Lookup.unknown("this inventory does not list key versions");
    }

    /**
     * The definition of the role an assignment grants, read where the assignment can see it (its own scope). Unknown
     * when the inventory holds no role definitions; built-in roles byokwatch knows by id never need this.
     */
    default Lookup<RoleDefinition> roleDefinition(RoleAssignment assignment) {
        return Lookup.unknown("role definitions are not in this inventory");
    }

    /**
     * The local role assignments of a Managed HSM, which its own data plane keeps and ARM does not expose. Scopes are
     * mapped below the HSM's ARM id: {@code /} and {@code /keys} become the HSM id, {@code /keys/<name>} its
     * {@code keys/<name>} child, so that they compare with key scopes like ARM ones. Role definition ids are the HSM's
     * ({@code Microsoft.KeyVault/providers/Microsoft.Authorization/roleDefinitions/<guid>}).
     */
    default Lookup<List<RoleAssignment>> managedHsmRoleAssignments(KeyVault hsm) {
        return Lookup.unknown("Managed HSM " + hsm.name() + " keeps its role assignments in its own local RBAC, which"
                + " ARM does not expose");
    }

    /**
     * The key vaults and Managed HSMs at or below a scope (a resource group or subscription): where a role assignment
     * at that scope grants key access. Unknown when the inventory cannot list them.
     */
    default Lookup<List<ResourceId>> vaultsUnder(ResourceId scope) {
        return Lookup.unknown("this inventory cannot list the vaults under " + scope);
    }

    /**
     * Why the inventory holds only a summary of this resource (id, name, type, location, tags: nothing a rule can
     * judge), or null when it holds the resource's details or does not hold it at all.
     */
    default String detailsMissing(ResourceId id) {
        return null;
    }

    /**
     * Role assignments that can grant data-plane access at the given scope: those on the scope itself and on every
     * scope above it (group, subscription, management group). Every assignment returned applies at the scope; an
     * inventory that cannot tell whether a management-group assignment lies above the scope answers unknown rather
     * than guess. Unknown when assignments were not inventoried.
     */
    Lookup<List<RoleAssignment>> roleAssignmentsAt(ResourceId scope);

    /** Disk encryption sets whose active or previous key lives at this vault host. */
    List<DiskEncryptionSet> diskEncryptionSetsUsingVault(String vaultHost);

    /** Clusters whose disk encryption set is one of these. */
    List<ManagedCluster> clustersUsingDiskEncryptionSets(Collection<ResourceId> setIds);

    /** Clusters whose KMS etcd key lives at this vault host. */
    List<ManagedCluster> clustersWithKmsKeyIn(String vaultHost);

    /**
     * The cluster's KMS state, settled where the inventory can. Found when the cluster's record shows it
     * ({@link io.byokwatch.domain.KmsProfile#state()}); when the record cannot (it does not show whether KMS data
     * encryption is set), the live inventory reads the clusters of the cluster's subscription from ARM with an API
     * version that does, and a file inventory answers unknown with the record's reason, which names the export that
     * supplies it. Unavailable when ARM could not answer for now.
     */
    default Lookup<KmsState> kmsState(ManagedCluster cluster) {
        KmsState state = cluster.kms().state();
        return state.kind() == KmsState.Kind.UNKNOWN ? Lookup.unknown(state.missing()) : Lookup.found(state);
    }

    /**
     * Clusters in scope whose identity ({@code identity.userAssignedIdentities}) names this user-assigned identity:
     * the identity their KMS plugin reaches its key as. Found, possibly empty, from the clusters the inventory holds;
     * unavailable when the live inventory could not list them for now. The default filters {@link #clusters()}.
     */
    default Lookup<List<ManagedCluster>> clustersUsingIdentity(ResourceId userAssignedIdentityId) {
        return Lookup.found(clusters().stream().filter(c -> c.usesIdentity(userAssignedIdentityId)).toList());
    }

    /**
     * Disk encryption sets whose identity names this user-assigned identity. Found, possibly empty, when the inventory
     * holds disk encryption sets; unknown when it holds none or cannot list them.
     */
    default Lookup<List<DiskEncryptionSet>> diskEncryptionSetsUsingIdentity(ResourceId userAssignedIdentityId) {
        return Lookup.unknown("this inventory does not list disk encryption sets by identity");
    }

    /**
     * Clusters in scope whose legacy KMS reaches this vault privately ({@code keyVaultNetworkAccess} Private; see
     * {@link io.byokwatch.domain.KmsProfile#privateVaultIs}): what a change to the vault's private endpoint
     * connections can cut off. Found, possibly empty; unavailable when the live inventory could not list them for
     * now. The default filters {@link #clusters()}.
     */
    default Lookup<List<ManagedCluster>> clustersWithPrivateKmsVault(ResourceId vaultId) {
        return Lookup.found(clusters().stream().filter(c -> c.kms().privateVaultIs(vaultId)).toList());
    }

    /**
     * Key vaults with a private endpoint connection, in any state, to this private endpoint: where a deleted endpoint
     * was connected. Found, possibly empty, when the inventory holds every vault that could be it; unknown when it
     * holds no vaults, or a vault only as a summary (which could be the one).
     */
    default Lookup<List<KeyVault>> vaultsConnectedTo(ResourceId privateEndpointId) {
        return Lookup.unknown("this inventory does not list vaults by private endpoint");
    }

    /**
     * The managed disk as it is now: found; absent (a live 404, or an export of the disk's subscription that lacks
     * it); unknown (disks of that subscription not exported, no read permission) with what to add.
     */
    default Lookup<ManagedDisk> disk(ResourceId id) {
        return Lookup.unknown("managed disk " + id.name() + " was not read: this inventory does not read managed disks");
    }

    /** The disk snapshot as it is now, with the same found / absent / unknown meaning as {@link #disk}. */
    default Lookup<DiskSnapshot> diskSnapshot(ResourceId id) {
        return Lookup.unknown("snapshot " + id.name() + " was not read: this inventory does not read disk snapshots");
    }

    /**
     * The cluster's persistent-volume disks: those the Azure Disk CSI driver (or the legacy in-tree provisioner)
     * created, that sit in the cluster's node resource group or are attached to one of its nodes ({@link DiskOwners}).
     * Found, possibly empty, when the disks that could be the cluster's were read ("exported, and this cluster has
     * none" is an empty list); unknown when they were not (disks not exported for the cluster's subscription, the
     * cluster record lacks {@code nodeResourceGroup}), saying what to add.
     */
    default Lookup<List<ManagedDisk>> dataDisksOf(ManagedCluster cluster) {
        return Lookup.unknown("persistent-volume disks of cluster " + cluster.name() + " were not read: this inventory"
                + " does not read managed disks");
    }

    /**
     * The CSI snapshots (Kubernetes VolumeSnapshots) of the cluster's persistent volumes: those in its node resource
     * group or copying one of its disks. Found (possibly empty) or unknown, as for {@link #dataDisksOf}.
     */
    default Lookup<List<DiskSnapshot>> dataDiskSnapshotsOf(ManagedCluster cluster) {
        return Lookup.unknown("persistent-volume snapshots of cluster " + cluster.name() + " were not read: this"
                + " inventory does not read disk snapshots");
    }

    /**
     * CSI-created disks in scope that no cluster in scope can be proven to own: unattached outside every node
     * resource group, or attached to machines outside them (a cluster that is not watched, a plain VM). Never guessed
     * onto a cluster. Unknown when the inventory holds no disks.
     */
    default Lookup<List<ManagedDisk>> orphanCsiDisks() {
        return Lookup.unknown("managed disks were not read: this inventory does not read managed disks");
    }

    /**
     * Persistent-volume disks (CSI-created, owned by a cluster or not) whose encryption names one of these disk
     * encryption sets: what a change to a set, or to the key behind it, reaches besides the clusters' OS disks.
     * Unknown when the inventory holds no disks.
     */
    default Lookup<List<ManagedDisk>> dataDisksUsingDiskEncryptionSets(Collection<ResourceId> setIds) {
        return Lookup.unknown("managed disks were not read: this inventory does not read managed disks");
    }

    /** CSI snapshots (VolumeSnapshots) whose encryption names one of these sets. Unknown when no snapshots are held. */
    default Lookup<List<DiskSnapshot>> dataDiskSnapshotsUsingDiskEncryptionSets(Collection<ResourceId> setIds) {
        return Lookup.unknown("disk snapshots were not read: this inventory does not read disk snapshots");
    }

    /**
     * Clusters whose node resource group is one of these groups ({@code /subscriptions/<s>/resourceGroups/<g>},
     * compared case-insensitively): the clusters a disk in, or attached to a machine in, such a group belongs to.
     */
    default List<ManagedCluster> clustersWithNodeResourceGroups(Collection<ResourceId> groups) {
        return new DiskOwners(clusters()).clustersIn(groups);
    }

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
