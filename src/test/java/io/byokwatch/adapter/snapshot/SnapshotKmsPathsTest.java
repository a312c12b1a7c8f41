package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Lookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The identity, private-KMS-vault and private-endpoint look-ups of the file inventory, on the {@code snapshot/kms}
 * and {@code snapshot/az} records (a GA {@code az aks show} of legacy KMS with a private vault, a recorded aks-preview
 * output, {@code az disk-encryption-set show} with user-assigned identities) and the KeyVault 2026-02-01 spec vault
 * with the connections of {@code listPrivateEndpointConnection.json}.
 */
class SnapshotKmsPathsTest {
    private static final ResourceId ETCD_IDENTITY = ResourceId.parse("/subscriptions/00000000-0000-0000-0000-000000000000"
            + "/resourceGroups/rg-etcd/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aks-etcd");
    private static final ResourceId DES_IDENTITY = ResourceId.parse("/subscriptions/11111111-1111-1111-1111-111111111111"
            + "/resourceGroups/rg-aks/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-des");
    private static final ResourceId ETCD_VAULT = ResourceId.parse("/subscriptions/00000000-0000-0000-0000-000000000000"
            + "/resourceGroups/rg-etcd/providers/Microsoft.KeyVault/vaults/kv-etcd");
    private static final ResourceId SAMPLE_PE = ResourceId.parse("/subscriptions/00000000-0000-0000-1234-000000000000"
            + "/resourceGroups/sample-group/providers/Microsoft.Network/privateEndpoints/sample-pe");

    @TempDir
    Path dir;

    private void copy(String resource, String as) throws IOException {
        Files.writeString(dir.resolve(as), Fixtures.text(resource));
    }

    private void write(String as, JsonObject json) throws IOException {
        Files.writeString(dir.resolve(as), json.toString());
    }

    private static JsonObject specVaultWithConnections() {
        JsonObject vault = Fixtures.corpus("kv_vault_get_accesspolicies_2026-02-01.json");
        JsonArray items = Fixtures.json("snapshot/kms/rest_vault_privateendpointconnections_list_2026-02-01.json")
                .getAsJsonArray("value");
        vault.getAsJsonObject("properties").add("privateEndpointConnections", items);
        return vault;
    }

    private SnapshotInventory estate() throws IOException {
        copy("snapshot/kms/az_aks_show_legacy_kms_private_userassigned.json", "aks-etcd.json");
        copy("snapshot/kms/az_aks_show_aks_preview_userassigned_no_kms.json", "aks-cilium.json");
        copy("snapshot/az/disk_encryption_set_show_userassigned.json", "des-prod.json");
        write("sample-vault.json", specVaultWithConnections());
        return SnapshotInventory.load(dir);
    }

    private static List<String> names(Lookup<? extends List<?>> found) {
        return found.orNull().stream().map(o -> o instanceof ManagedCluster c ? c.name()
                : o instanceof DiskEncryptionSet s ? s.name() : ((KeyVault) o).name()).toList();
    }

    @Test
    void clustersUsingIdentity_matchesTheIdentityMapIgnoringCase() throws IOException {
        SnapshotInventory inv = estate();
        assertEquals(List.of("aks-etcd"), names(inv.clustersUsingIdentity(ETCD_IDENTITY)));
        assertEquals(List.of("aks-etcd"), names(inv.clustersUsingIdentity(
                ResourceId.parse(ETCD_IDENTITY.toString().toLowerCase(java.util.Locale.ROOT)))));
        assertEquals(List.of(), names(inv.clustersUsingIdentity(DES_IDENTITY)), "known not to be any cluster's");
    }

    @Test
    void setsUsingIdentity_foundAmongTheSets_evenWhenTheIdentityHasNoPrincipalInTheRecord() throws IOException {
        SnapshotInventory inv = estate();
        assertEquals(List.of("des-prod"), names(inv.diskEncryptionSetsUsingIdentity(DES_IDENTITY)));
        ResourceId spare = ResourceId.parse(DES_IDENTITY.toString().replace("id-des", "id-spare"));
        assertEquals(List.of("des-prod"), names(inv.diskEncryptionSetsUsingIdentity(spare)), "{} value, same map");
        assertEquals(List.of(), names(inv.diskEncryptionSetsUsingIdentity(ETCD_IDENTITY)));
    }

    @Test
    void setsUsingIdentity_withoutAnySetInTheFiles_isUnknown() throws IOException {
        copy("snapshot/kms/az_aks_show_legacy_kms_private_userassigned.json", "aks-etcd.json");
        Lookup.Unknown<?> u = assertInstanceOf(Lookup.Unknown.class,
                SnapshotInventory.load(dir).diskEncryptionSetsUsingIdentity(DES_IDENTITY));
        assertTrue(u.reason().startsWith("no disk encryption sets are in the inventory"), u.reason());
    }

    @Test
    void clustersWithPrivateKmsVault_byKeyVaultResourceId_orByTheKeyHostWhenTheIdIsMissing() throws IOException {
        SnapshotInventory inv = estate();
        assertEquals(List.of("aks-etcd"), names(inv.clustersWithPrivateKmsVault(ETCD_VAULT)));
        ResourceId namesake = ResourceId.parse(ETCD_VAULT.toString().replace("rg-etcd/providers", "rg-other/providers"));
        assertEquals(List.of(), names(inv.clustersWithPrivateKmsVault(namesake)),
                "keyVaultResourceId decides when the record has it");

        JsonObject noId = Fixtures.json("snapshot/kms/az_aks_show_legacy_kms_private_userassigned.json");
        noId.getAsJsonObject("securityProfile").getAsJsonObject("azureKeyVaultKms").remove("keyVaultResourceId");
        write("aks-etcd.json", noId);
        assertEquals(List.of("aks-etcd"), names(SnapshotInventory.load(dir).clustersWithPrivateKmsVault(namesake)),
                "without the id, the vault named by the key's host");
    }

    @Test
    void publicKms_isNotOnAPrivatePath() throws IOException {
        JsonObject open = Fixtures.json("snapshot/kms/az_aks_show_legacy_kms_private_userassigned.json");
        open.getAsJsonObject("securityProfile").getAsJsonObject("azureKeyVaultKms").addProperty("keyVaultNetworkAccess",
                "Public");
        write("aks-etcd.json", open);
        assertEquals(List.of(), names(SnapshotInventory.load(dir).clustersWithPrivateKmsVault(ETCD_VAULT)));
    }

    @Test
    void vaultsConnectedTo_findsTheVaultWhoseConnectionNamesTheEndpoint() throws IOException {
        SnapshotInventory inv = estate();
        assertEquals(List.of("sample-vault"), names(inv.vaultsConnectedTo(SAMPLE_PE)));
        ResourceId other = ResourceId.parse(SAMPLE_PE.toString().replace("sample-pe", "other-pe"));
        assertEquals(List.of(), names(inv.vaultsConnectedTo(other)), "every vault record is full: none");
    }

    @Test
    void aVaultKnownOnlyAsASummary_couldBeTheConnectedOne_soAMissIsUnknown() throws IOException {
        estate();
        Files.writeString(dir.resolve("keyvault-list.json"), "[{\"id\": \"/subscriptions/00000000-0000-0000-0000-000000000000"
                + "/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-central\", \"name\": \"kv-central\","
                + " \"type\": \"Microsoft.KeyVault/vaults\", \"location\": \"westeurope\", \"tags\": {}}]");
        SnapshotInventory inv = SnapshotInventory.load(dir);
        ResourceId other = ResourceId.parse(SAMPLE_PE.toString().replace("sample-pe", "other-pe"));
        Lookup.Unknown<?> u = assertInstanceOf(Lookup.Unknown.class, inv.vaultsConnectedTo(other));
        assertTrue(u.reason().contains("kv-central is in the inventory only as a summary"), u.reason());
        assertEquals(List.of("sample-vault"), names(inv.vaultsConnectedTo(SAMPLE_PE)), "a match is still a match");
    }

    @Test
    void aClusterKnownOnlyAsASummary_makesAMissUnknown_andHasNoKmsState() throws IOException {
        estate();
        Files.writeString(dir.resolve("resource-list.json"), "[{\"id\": \"/subscriptions/00000000-0000-0000-0000-000000000000"
                + "/resourceGroups/rg-x/providers/Microsoft.ContainerService/managedClusters/aks-x\", \"name\": \"aks-x\","
                + " \"type\": \"Microsoft.ContainerService/managedClusters\", \"location\": \"westeurope\"}]");
        SnapshotInventory inv = SnapshotInventory.load(dir);
        assertInstanceOf(Lookup.Unknown.class, inv.clustersUsingIdentity(DES_IDENTITY));
        ManagedCluster summary = inv.clusters().stream().filter(c -> c.name().equals("aks-x")).findFirst().orElseThrow();
        assertEquals(io.byokwatch.domain.KmsState.Kind.UNKNOWN, summary.kms().state().kind(),
                "a summary says nothing about KMS: not off");
        assertTrue(summary.kms().state().missing().contains("only as a summary"), summary.kms().state().missing());
    }
}
