package io.byokwatch.impact;

import io.byokwatch.domain.AccessPolicy;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.PrivateEndpointConnection;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Tags;
import io.byokwatch.domain.VaultNetwork;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.byokwatch.impact.Estate.clusterId;
import static io.byokwatch.impact.Estate.delete;
import static io.byokwatch.impact.Estate.group;
import static io.byokwatch.impact.Estate.nodeGroupName;
import static io.byokwatch.impact.Estate.setId;
import static io.byokwatch.impact.Estate.vaultId;
import static io.byokwatch.impact.Estate.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What cuts a KMS key's access path without touching the key or its vault: the cluster's user-assigned identity
 * deleted, the vault's private endpoint connection changed, the private endpoint AKS created deleted. The estate:
 * aks-priv (KMS on kv-kms privately, runs as id-kms), aks-pub (KMS on kv-kms publicly, runs as id-pub), aks-des (its
 * set des-a runs as id-des), aks-plain (none of these).
 */
class KmsPathRoutingTest {
    private static final String KMS_KEY = "https://kv-kms.vault.azure.net/keys/etcd/0a1b2c";
    private static final ResourceId PE = ResourceId.parse(group(nodeGroupName("aks-priv"))
            + "/providers/Microsoft.Network/privateEndpoints/kv-kms-pe");

    private final ImpactRouter router = new ImpactRouter();

    private static ResourceId identityId(String name) {
        return ResourceId.parse(Estate.RG + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + name);
    }

    private static ManagedIdentity userAssigned(String name) {
        return new ManagedIdentity("UserAssigned", null, null, Map.of(identityId(name), "pid-" + name));
    }

    private static ManagedCluster kmsCluster(String name, String network, String identity) {
        return new ManagedCluster(clusterId(name), name, "westeurope", Tags.NONE, null,
                new KmsProfile(true, KeyRef.parse(KMS_KEY), network, "Private".equals(network) ? vaultId("kv-kms") : null,
                        null), List.of(), "Succeeded", nodeGroupName(name), userAssigned(identity));
    }

    private static KeyVault kmsVault(List<PrivateEndpointConnection> connections) {
        return new KeyVault(vaultId("kv-kms"), "kv-kms", "kv-kms.vault.azure.net", false, true, true, 90, true,
                List.<AccessPolicy>of(), "standard", "Disabled", "tenant", true,
                VaultNetwork.of("Disabled", null, connections));
    }

    private static DiskEncryptionSet setRunningAs(String name, String identity) {
        return new DiskEncryptionSet(setId(name), name, "westeurope", "EncryptionAtRestWithCustomerKey",
                KeyRef.parse("https://kv-pay.vault.azure.net/keys/disk/1"), null, false, null, null, null,
                userAssigned(identity), null, "Succeeded");
    }

    private InMemoryInventory estate(List<PrivateEndpointConnection> connections) {
        return new InMemoryInventory()
                .add(kmsCluster("aks-priv", "Private", "id-kms"))
                .add(kmsCluster("aks-pub", "Public", "id-pub"))
                .add(Estate.cluster("aks-des", "des-a", null))
                .add(Estate.cluster("aks-plain", null, null))
                .add(setRunningAs("des-a", "id-des"))
                .add(kmsVault(connections));
    }

    private static Set<ResourceId> clusters(String... names) {
        Set<ResourceId> ids = new TreeSet<>();
        for (String n : names) {
            ids.add(clusterId(n));
        }
        return ids;
    }

    private static PrivateEndpointConnection approved() {
        return new PrivateEndpointConnection(ResourceId.parse(vaultId("kv-kms") + "/privateEndpointConnections/c1"), PE,
                "Approved", "Succeeded");
    }

    @Test
    void deletingAClustersKmsIdentity_reachesThatClusterOnly() {
        Impact impact = router.route(delete(identityId("id-kms"),
                "Microsoft.ManagedIdentity/userAssignedIdentities/delete"), estate(List.of()));
        assertEquals(clusters("aks-priv"), impact.clusters());
        assertEquals("user-assigned identity id-kms -> 1 cluster as cluster identity; 0 disk encryption sets -> 0 clusters",
                impact.route());
    }

    @Test
    void deletingASetsIdentity_reachesTheClustersBehindTheSet() {
        Impact impact = router.route(delete(identityId("id-des"),
                "Microsoft.ManagedIdentity/userAssignedIdentities/delete"), estate(List.of()));
        assertEquals(clusters("aks-des"), impact.clusters());
    }

    @Test
    void deletingAnIdentity_whoseSetsCannotBeListed_rechecksEveryCluster() {
        Impact impact = router.route(delete(identityId("id-kms"),
                "Microsoft.ManagedIdentity/userAssignedIdentities/delete"),
                estate(List.of()).setsByIdentityUnknown("des-z is only a summary"));
        assertEquals(clusters("aks-priv", "aks-pub", "aks-des", "aks-plain"), impact.clusters());
        assertTrue(impact.route().contains("des-z is only a summary"), impact.route());
    }

    @Test
    void anIdentityLookupThatFailedForNow_failsTheEventForRedelivery() {
        InMemoryInventory inv = estate(List.of()).clustersByIdentityUnavailable("Resource Graph answered 503");
        assertThrows(RoutingUnavailableException.class, () -> router.route(delete(identityId("id-kms"),
                "Microsoft.ManagedIdentity/userAssignedIdentities/delete"), inv));
    }

    @Test
    void aVaultsPrivateEndpointConnectionChange_reachesClustersOnPrivateKmsThere_notPublicOnes() {
        ResourceId connection = ResourceId.parse(vaultId("kv-kms") + "/privateEndpointConnections/c1");
        for (String op : List.of("Microsoft.KeyVault/vaults/privateEndpointConnections/write",
                "Microsoft.KeyVault/vaults/privateEndpointConnections/delete")) {
            Impact impact = router.route(op.endsWith("delete") ? delete(connection, op) : write(connection, op),
                    estate(List.of(approved())));
            assertEquals(clusters("aks-priv"), impact.clusters(), op);
            assertEquals("private endpoint connection of vault kv-kms -> 1 cluster on private KMS", impact.route());
        }
    }

    @Test
    void deletingThePrivateEndpoint_reachesClustersThroughTheVaultItWasConnectedTo() {
        ResourceId elsewhere = ResourceId.parse(group("rg-network") + "/providers/Microsoft.Network/privateEndpoints/pe2");
        PrivateEndpointConnection c = new PrivateEndpointConnection(null, elsewhere, "Approved", "Succeeded");
        Impact impact = router.route(delete(elsewhere, "Microsoft.Network/privateEndpoints/delete"),
                estate(List.of(c)));
        assertEquals(clusters("aks-priv"), impact.clusters());
        assertEquals("private endpoint pe2 -> 1 vault -> 1 cluster on private KMS; node resource group -> 0 clusters",
                impact.route());
    }

    @Test
    void deletingThePrivateEndpoint_afterTheVaultDroppedTheConnection_reachesTheClusterWhoseNodeGroupHeldIt() {
        Impact impact = router.route(delete(PE, "Microsoft.Network/privateEndpoints/delete"), estate(List.of()));
        assertEquals(clusters("aks-priv"), impact.clusters());
        assertEquals("private endpoint kv-kms-pe -> 0 vaults -> 0 clusters on private KMS; node resource group -> 1 cluster",
                impact.route());
    }

    @Test
    void deletingAnUnrelatedPrivateEndpoint_reachesNoCluster() {
        ResourceId other = ResourceId.parse(group("rg-web") + "/providers/Microsoft.Network/privateEndpoints/web-pe");
        Impact impact = router.route(delete(other, "Microsoft.Network/privateEndpoints/delete"),
                estate(List.of(approved())));
        assertEquals(Set.of(), impact.clusters());
        assertTrue(!impact.ignored());
    }

    @Test
    void writingAnIdentity_isNotRouted() {
        Impact impact = router.route(write(identityId("id-kms"), "Microsoft.ManagedIdentity/userAssignedIdentities/write"),
                estate(List.of()));
        assertTrue(impact.ignored(), impact.route());
    }
}
