package io.byokwatch.impact;

import java.util.List;

/**
 * The ARM operations whose success events can change whether a cluster is encrypted with its customer-managed key.
 * {@link ImpactRouter} acts on these and ignores every other operation; the Event Grid subscription's advanced
 * filter on {@code data.operationName} is built from the same list, so the two cannot drift.
 *
 * <p>A KMS key is reached as the cluster's user-assigned identity and, for a private vault, through a private
 * endpoint AKS creates in the node resource group: deleting either, or changing the vault's connection to it, cuts
 * the API server off from its key, so those are routed too ({@link KmsPathReach}).
 *
 * <p>Not here on purpose: {@code Microsoft.KeyVault/vaults/keys/versions} has no write operation in ARM (versions
 * are made on the data plane, which raises {@code Microsoft.KeyVault.KeyNewVersionCreated} instead), and key
 * deletion is a data-plane action with no ARM event at all.
 */
public final class RoutedOperations {

    public static final List<String> ALL = List.of(
            "Microsoft.ContainerService/managedClusters/write",
            "Microsoft.ContainerService/managedClusters/delete",
            "Microsoft.ContainerService/managedClusters/agentPools/write",
            "Microsoft.ContainerService/managedClusters/agentPools/delete",
            "Microsoft.Compute/diskEncryptionSets/write",
            "Microsoft.Compute/diskEncryptionSets/delete",
            "Microsoft.Compute/disks/write",
            "Microsoft.Compute/disks/delete",
            "Microsoft.Compute/snapshots/write",
            "Microsoft.Compute/snapshots/delete",
            "Microsoft.KeyVault/vaults/write",
            "Microsoft.KeyVault/vaults/delete",
            "Microsoft.KeyVault/vaults/accessPolicies/write",
            "Microsoft.KeyVault/vaults/keys/write",
            "Microsoft.KeyVault/vaults/privateEndpointConnections/write",
            "Microsoft.KeyVault/vaults/privateEndpointConnections/delete",
            "Microsoft.KeyVault/managedHSMs/write",
            "Microsoft.KeyVault/managedHSMs/delete",
            "Microsoft.KeyVault/managedHSMs/keys/write",
            "Microsoft.Authorization/roleAssignments/write",
            "Microsoft.Authorization/roleAssignments/delete",
            "Microsoft.ManagedIdentity/userAssignedIdentities/delete",
            "Microsoft.Network/privateEndpoints/delete");

    private RoutedOperations() {
    }

    /** ARM operation names are case-insensitive; activity records upper-case them at times. */
    public static boolean contains(String operationName) {
        if (operationName == null) {
            return false;
        }
        String op = operationName.trim();
        return ALL.stream().anyMatch(op::equalsIgnoreCase);
    }
}
