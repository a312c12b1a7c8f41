package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.NetworkAcls;
import io.byokwatch.domain.PrivateEndpointConnection;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.VaultNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.byokwatch.adapter.snapshot.Fixtures.corpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A vault's network path through the one mapper, on the KeyVault 2026-02-01 REST spec examples
 * ({@code createVaultWithNetworkAcls.json}, {@code getVault.json}, {@code listPrivateEndpointConnection.json},
 * {@code ManagedHsm_Get.json} shape) and {@code az keyvault show} output, absent fields included.
 */
class VaultNetworkMappingTest {
    private static final ResourceId SAMPLE_PE = ResourceId.parse("/subscriptions/00000000-0000-0000-1234-000000000000"
            + "/resourceGroups/sample-group/providers/Microsoft.Network/privateEndpoints/sample-pe");

    /** getVault.json's vault with the connections of listPrivateEndpointConnection.json. */
    private static JsonObject vaultWithSpecConnections() {
        JsonObject vault = corpus("kv_vault_get_accesspolicies_2026-02-01.json");
        JsonArray items = Fixtures.json("snapshot/kms/rest_vault_privateendpointconnections_list_2026-02-01.json")
                .getAsJsonArray("value");
        vault.getAsJsonObject("properties").add("privateEndpointConnections", items);
        return vault;
    }

    @Test
    void specVaultWithNetworkAcls_firewallDeniesByDefault_withItsRulesVerbatim() {
        VaultNetwork net = ArmMapper.vault(corpus("kv_vault_put200_networkacls_2026-02-01.json")).network();
        assertTrue(net.known());
        NetworkAcls acls = net.networkAcls();
        assertTrue(acls.denyByDefault());
        assertTrue(acls.bypassesAzureServices());
        assertEquals(List.of("124.56.78.91/32", "'10.91.4.0/24'"), acls.ipRules(), "the example's quotes are kept");
        assertEquals(List.of(ResourceId.parse("/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Network"
                + "/virtualNetworks/test-vnet/subnets/subnet1")), acls.virtualNetworkRules(), "lower-cased by the service");
        assertEquals(Boolean.FALSE, net.firewallAllowsAllNetworks());
        assertNull(net.publicNetworkAccess(), "this example's response leaves publicNetworkAccess out");
        assertNull(net.publicNetworkAccessEnabled(), "not stated is not Enabled");
        assertEquals(List.of(), net.privateEndpointConnections());
    }

    @Test
    void specGetVault_withoutNetworkAcls_letsEveryNetworkIn_andHasNoConnections() {
        VaultNetwork net = ArmMapper.vault(corpus("kv_vault_get_accesspolicies_2026-02-01.json")).network();
        assertTrue(net.known());
        assertNull(net.networkAcls());
        assertEquals(Boolean.TRUE, net.firewallAllowsAllNetworks());
        assertEquals(Boolean.TRUE, net.publicNetworkAccessEnabled());
        assertTrue(net.privateEndpointConnections().isEmpty());
        assertTrue(net.approvedConnections().isEmpty());
    }

    @Test
    void specPrivateEndpointConnections_areReadWithTheirEndpointAndStatus() {
        VaultNetwork net = ArmMapper.vault(vaultWithSpecConnections()).network();
        assertEquals(2, net.privateEndpointConnections().size());
        PrivateEndpointConnection c = net.privateEndpointConnections().get(0);
        assertEquals(ResourceId.parse("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/sample-group"
                + "/providers/Microsoft.KeyVault/vaults/sample-vault/privateEndpointConnections/sample-pec"), c.id());
        assertEquals(SAMPLE_PE, c.privateEndpointId());
        assertEquals("Approved", c.status());
        assertEquals("Succeeded", c.provisioningState());
        assertTrue(c.approved());
        assertEquals(2, net.approvedConnections().size());
        assertTrue(net.connects(ResourceId.parse(SAMPLE_PE.toString().toUpperCase(java.util.Locale.ROOT))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pending", "Rejected", "Disconnected"})
    void connectionsNotApproved_carryNoTraffic(String status) {
        JsonObject vault = vaultWithSpecConnections();
        for (JsonElement item : vault.getAsJsonObject("properties").getAsJsonArray("privateEndpointConnections")) {
            item.getAsJsonObject().getAsJsonObject("properties").getAsJsonObject("privateLinkServiceConnectionState")
                    .addProperty("status", status);
        }
        VaultNetwork net = ArmMapper.vault(vault).network();
        assertTrue(net.approvedConnections().isEmpty());
        assertTrue(net.connects(SAMPLE_PE), "still the endpoint's connection, whatever its state");
    }

    @Test
    void connectionWithoutStateOrEndpoint_isKeptWithThoseFieldsUnknown() {
        JsonObject vault = corpus("kv_vault_get_accesspolicies_2026-02-01.json");
        vault.getAsJsonObject("properties").add("privateEndpointConnections", Fixtures.parse("{\"v\": [{\"id\":"
                + " \"/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v/privateEndpointConnections"
                + "/c1\", \"properties\": {}}]}").getAsJsonArray("v"));
        PrivateEndpointConnection c = ArmMapper.vault(vault).network().privateEndpointConnections().get(0);
        assertNull(c.privateEndpointId());
        assertNull(c.status());
        assertFalse(c.approved());
    }

    @Test
    void azKeyvaultShow_keepsPropertiesButPrintsConnectionItemsFlat_andNullsForNone() {
        JsonObject az = Fixtures.json("snapshot/az/keyvault_show_rbac.json");
        VaultNetwork none = ArmMapper.vault(az).network();
        assertTrue(none.known());
        assertEquals(Boolean.FALSE, none.publicNetworkAccessEnabled());
        assertEquals(Boolean.FALSE, none.firewallAllowsAllNetworks());
        assertTrue(none.privateEndpointConnections().isEmpty(), "az prints null for no connections");

        az.getAsJsonObject("properties").add("privateEndpointConnections", Fixtures.parse("{\"v\": [{\"etag\": \"\\\"1\\\"\","
                + " \"id\": \"/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-byok-prod"
                + "/privateEndpointConnections/pec\", \"privateEndpoint\": {\"id\": \"" + SAMPLE_PE + "\"},"
                + " \"privateLinkServiceConnectionState\": {\"actionsRequired\": \"None\", \"description\": \"\","
                + " \"status\": \"Approved\"}, \"provisioningState\": \"Succeeded\", \"resourceGroup\": \"rg\"}]}")
                .getAsJsonArray("v"));
        VaultNetwork flat = ArmMapper.vault(az).network();
        assertEquals(SAMPLE_PE, flat.approvedConnections().get(0).privateEndpointId());
    }

    @Test
    void managedHsmGet_withoutNetworkFields_isKnownOpen() {
        VaultNetwork net = ArmMapper.vault(Fixtures.json("snapshot/arm/managedhsm_get.json")).network();
        assertTrue(net.known());
    }

    @Test
    void aVaultBuiltWithoutItsNetworkSettings_doesNotClaimAny() {
        KeyVault byHand = new KeyVault(ResourceId.parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault"
                + "/vaults/kv"), "kv", "kv.vault.azure.net", false, true, true, 90, true, List.of(), "premium",
                "Enabled", "t");
        VaultNetwork net = byHand.network();
        assertFalse(net.known());
        assertNull(net.publicNetworkAccessEnabled());
        assertNull(net.firewallAllowsAllNetworks());
        assertTrue(net.unread().contains("does not carry its network settings"), net.unread());
    }
}
