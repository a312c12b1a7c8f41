package io.byokwatch.impact;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.DiskOwners;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * From what carries a key's access path but is not the key or its vault, to the clusters that path serves: a deleted
 * user-assigned identity (a cluster's KMS identity, or a disk encryption set's), a vault's private endpoint connection,
 * and a deleted private endpoint (AKS creates one in the node resource group for a private KMS vault). Look-ups go from
 * the referencing side, so they still answer after the identity or endpoint is gone. A look-up that cannot say (a
 * summary record that could be the one) re-checks every cluster rather than none; one that failed for now fails the
 * event so that it is redelivered.
 */
final class KmsPathReach {

    private KmsPathReach() {
    }

    /** {@code Microsoft.ManagedIdentity/userAssignedIdentities/delete}: the clusters and sets that ran as it. */
    static Impact identity(ResourceId identity, Inventory inv) {
        String label = "user-assigned identity " + identity.name();
        Lookup<List<ManagedCluster>> clusters = inv.clustersUsingIdentity(identity);
        failIfUnavailable(clusters, "the clusters using " + label);
        Lookup<List<DiskEncryptionSet>> sets = inv.diskEncryptionSetsUsingIdentity(identity);
        failIfUnavailable(sets, "the disk encryption sets using " + label);
        if (clusters instanceof Lookup.Unknown<List<ManagedCluster>> u) {
            return everyCluster(label, u.reason(), inv);
        }
        if (sets instanceof Lookup.Unknown<List<DiskEncryptionSet>> u) {
            return everyCluster(label, u.reason(), inv);
        }
        Set<ResourceId> direct = ids(clusters.orNull());
        Set<ResourceId> setIds = new TreeSet<>();
        sets.orNull().forEach(s -> setIds.add(s.id()));
        Set<ResourceId> throughSets = new TreeSet<>();
        if (!setIds.isEmpty()) {
            inv.clustersUsingDiskEncryptionSets(setIds).forEach(c -> throughSets.add(c.id()));
        }
        Set<ResourceId> dataDisk = DataDiskReach.clustersUsing(setIds, inv);
        Set<ResourceId> all = new TreeSet<>(direct);
        all.addAll(throughSets);
        all.addAll(dataDisk);
        return Impact.reaches(all, label + " -> " + VaultReach.count(direct.size(), "cluster") + " as cluster identity; "
                + VaultReach.count(setIds.size(), "disk encryption set") + " -> "
                + VaultReach.count(throughSets.size(), "cluster") + VaultReach.dataDisks(dataDisk));
    }

    /** {@code Microsoft.KeyVault/vaults/privateEndpointConnections/write|delete}: clusters whose KMS reaches it privately. */
    static Impact vaultConnection(VaultTarget vault, Inventory inv) {
        String label = "private endpoint connection of " + vault.label();
        if (vault.managedHsm()) {
            return Impact.reaches(Set.of(), label + " -> 0 clusters (KMS keys live in vaults, not Managed HSMs)");
        }
        Lookup<List<ManagedCluster>> clusters = inv.clustersWithPrivateKmsVault(vault.vaultId());
        failIfUnavailable(clusters, "the clusters reaching " + vault.label() + " privately");
        if (clusters instanceof Lookup.Unknown<List<ManagedCluster>> u) {
            return everyCluster(label, u.reason(), inv);
        }
        Set<ResourceId> found = ids(clusters.orNull());
        return Impact.reaches(found, label + " -> " + VaultReach.count(found.size(), "cluster") + " on private KMS");
    }

    /**
     * {@code Microsoft.Network/privateEndpoints/delete}: the clusters on private KMS through a vault the endpoint was
     * connected to, and those whose node resource group held it (where AKS creates a private KMS vault's endpoint,
     * found even when the vault has dropped the connection already).
     */
    static Impact privateEndpoint(ResourceId endpoint, Inventory inv) {
        String label = "private endpoint " + endpoint.name();
        Set<ResourceId> all = new TreeSet<>();
        ResourceId group = DiskOwners.groupOf(endpoint);
        Set<ResourceId> inNodeGroup = new TreeSet<>();
        if (group != null) {
            inv.clustersWithNodeResourceGroups(Set.of(group)).stream().filter(c -> c.kms().privateVaultNetwork())
                    .forEach(c -> inNodeGroup.add(c.id()));
        }
        all.addAll(inNodeGroup);
        Lookup<List<KeyVault>> vaults = inv.vaultsConnectedTo(endpoint);
        failIfUnavailable(vaults, "the vaults " + label + " was connected to");
        if (vaults instanceof Lookup.Unknown<List<KeyVault>> u) {
            return everyCluster(label, u.reason(), inv);
        }
        Set<ResourceId> viaVaults = new TreeSet<>();
        for (KeyVault v : vaults.orNull()) {
            Lookup<List<ManagedCluster>> clusters = inv.clustersWithPrivateKmsVault(v.id());
            failIfUnavailable(clusters, "the clusters reaching vault " + v.name() + " privately");
            if (clusters instanceof Lookup.Unknown<List<ManagedCluster>> u) {
                return everyCluster(label, u.reason(), inv);
            }
            viaVaults.addAll(ids(clusters.orNull()));
        }
        all.addAll(viaVaults);
        return Impact.reaches(all, label + " -> " + VaultReach.count(vaults.orNull().size(), "vault") + " -> "
                + VaultReach.count(viaVaults.size(), "cluster") + " on private KMS; node resource group -> "
                + VaultReach.count(inNodeGroup.size(), "cluster"));
    }

    private static Impact everyCluster(String label, String reason, Inventory inv) {
        Set<ResourceId> all = new TreeSet<>();
        inv.clusters().forEach(c -> all.add(c.id()));
        return Impact.reaches(all, label + ": the clusters it serves cannot be told (" + reason
                + "), so every cluster is re-checked");
    }

    private static Set<ResourceId> ids(List<ManagedCluster> clusters) {
        Set<ResourceId> ids = new TreeSet<>();
        clusters.forEach(c -> ids.add(c.id()));
        return ids;
    }

    private static void failIfUnavailable(Lookup<?> answer, String what) {
        if (answer instanceof Lookup.Unknown<?> u && u.retryable()) {
            throw new RoutingUnavailableException(what + " could not be read for now, so the clusters it reaches are"
                    + " not known; the event is retried: " + u.reason());
        }
    }
}
