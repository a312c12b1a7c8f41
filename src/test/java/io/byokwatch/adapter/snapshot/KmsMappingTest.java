package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonObject;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.KmsState;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.ResourceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.byokwatch.adapter.snapshot.Fixtures.corpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both AKS KMS experiences and the cluster identity through the one mapper, on documented shapes: the 2026-08-01 REST
 * GET example (corpus), the {@code az aks show --query securityProfile} outputs of {@code kms-data-encryption.md}
 * (corpus, and its platform-managed variant), a recorded {@code az aks create} output written with aks-preview, and a
 * GA {@code az aks show} of legacy KMS ({@code snapshot/kms/}, sources in its README).
 */
class KmsMappingTest {
    private static final String SUB = "00000000-0000-0000-0000-000000000000";
    private static final String VAULT_ID = "/subscriptions/" + SUB + "/resourceGroups/rg1/providers/Microsoft.KeyVault"
            + "/vaults/kv-etcd";

    /** The 2026-08-01 GET example (no securityProfile) with the given one. */
    private static JsonObject restCluster(JsonObject securityProfile) {
        JsonObject cluster = corpus("aks_managedcluster_get_with_des_2026-08-01.json");
        if (securityProfile != null) {
            cluster.getAsJsonObject("properties").add("securityProfile", securityProfile);
        }
        return cluster;
    }

    private static JsonObject docsCustomerKeyPrivate() {
        return Fixtures.parse(Fixtures.text("corpus/aks_securityprofile_kms_cmk_private_cli_output_docs.json")
                .replace("<key-vault-name>", "kv-etcd").replace("<key-name>", "etcd-key")
                .replace("<key-vault-resource-id>", VAULT_ID));
    }

    @Test
    void restGetWithoutSecurityProfile_ofUnknownApiVersion_isUnknown_notOff() {
        KmsProfile kms = ArmMapper.cluster(restCluster(null)).kms();
        assertFalse(kms.enabled());
        assertFalse(kms.objectEncryptionInRecord());
        KmsState state = kms.state();
        assertEquals(KmsState.Kind.UNKNOWN, state.kind());
        assertTrue(state.missing().contains("api-version 2026-07-01"), state.missing());
        assertTrue(state.missing().contains("does not say which API version"), state.missing());
        assertTrue(state.missing().contains("aks-preview"), state.missing());
    }

    @ParameterizedTest(name = "read with {0}: {1}")
    @CsvSource({
            "2026-07-01, OFF",
            "2026-08-01, OFF",
            "2026-05-02-preview, OFF",
            "2026-07-02-preview, OFF",
            "2026-05-01, UNKNOWN",
            "2024-10-01, UNKNOWN",
            "2026-03-02-preview, UNKNOWN",
            "not-a-version, UNKNOWN"})
    void restGetWithoutSecurityProfile_isOffOnlyWhenReadWithAVersionThatShowsTheBlock(String version, KmsState.Kind kind) {
        KmsState state = ArmMapper.cluster(restCluster(null), version).kms().state();
        assertEquals(kind, state.kind());
        if (kind == KmsState.Kind.UNKNOWN) {
            assertTrue(state.missing().startsWith("the record was read with API version " + version), state.missing());
        }
    }

    @Test
    void restRecordNamingItsApiVersion_likeTheReadmeRecipe_isOff() {
        JsonObject cluster = restCluster(null);
        cluster.addProperty("apiVersion", "2026-07-01");
        assertEquals(KmsState.OFF, ArmMapper.cluster(cluster).kms().state());
    }

    @Test
    void docsPrivateCustomerKeyOutput_bothBlocksAndVersionlessKey_isCustomerKeyRotatedAutomatically() {
        KmsProfile kms = ArmMapper.cluster(restCluster(docsCustomerKeyPrivate())).kms();
        KmsState state = kms.state();
        assertEquals(KmsState.Kind.CUSTOMER_KEY_AUTO_ROTATED, state.kind());
        assertEquals(KeyRef.parse("https://kv-etcd.vault.azure.net/keys/etcd-key"), state.key());
        assertNull(state.key().version());
        assertTrue(kms.privateVaultNetwork());
        assertEquals(ResourceId.parse(VAULT_ID), kms.keyVaultResourceId());
        assertTrue(kms.objectEncryptionInRecord());
    }

    @Test
    void docsPlatformManagedOutput_isPlatformManaged_evenWithoutKnowingTheApiVersion() {
        // kms-data-encryption.md, "Verify KMS configuration" for platform-managed keys
        JsonObject pmk = Fixtures.parse("{\"kubernetesResourceObjectEncryptionProfile\":"
                + " {\"infrastructureEncryption\": \"Enabled\"}}");
        KmsProfile kms = ArmMapper.cluster(restCluster(pmk)).kms();
        assertEquals(KmsState.PLATFORM_MANAGED, kms.state());
        assertFalse(kms.enabled());
    }

    @Test
    void legacyAzureKeyVaultKmsWithVersionedKey_isLegacy_evenFromAnAzThatKnowsNoNewerBlock() {
        ManagedCluster c = ArmMapper.cluster(Fixtures.json("snapshot/kms/az_aks_show_legacy_kms_private_userassigned.json"));
        KmsProfile kms = c.kms();
        assertEquals(KmsState.Kind.LEGACY_CUSTOMER_KEY, kms.state().kind());
        assertEquals("4f8e2b1c9d0a4e7f8b6c5d4e3f2a1b0c", kms.state().key().version());
        assertTrue(kms.privateVaultNetwork());
        assertEquals(ResourceId.parse(VAULT_ID.replace("rg1", "rg-etcd")), kms.keyVaultResourceId());
        assertFalse(kms.objectEncryptionInRecord(), "the GA az output does not print the newer block");
        ResourceId uami = ResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/rg-etcd/providers"
                + "/Microsoft.ManagedIdentity/userAssignedIdentities/id-aks-etcd");
        assertTrue(c.usesIdentity(uami), "identity ids compare ignoring the case az prints them in");
        assertEquals("d00dfeed-7777-4888-9999-aaaabbbbcccc", c.identity().userAssigned().get(uami));
        assertTrue(c.identity().userAssignedType());
        assertFalse(c.identity().systemAssigned());
    }

    @Test
    void azOutputOfAksPreview_printsTheNewerBlockAsNull_soKmsIsKnownOff() {
        ManagedCluster c = ArmMapper.cluster(Fixtures.json("snapshot/kms/az_aks_show_aks_preview_userassigned_no_kms.json"));
        assertEquals(KmsState.OFF, c.kms().state());
        assertTrue(c.kms().objectEncryptionInRecord());
        assertEquals("UserAssigned", c.identity().type());
        assertEquals(java.util.List.of("7c6b5a49-3821-4f0e-9d8c-7b6a5f4e3d2c"), c.identity().knownPrincipalIds());
    }

    @Test
    void azOutputWithoutTheNewerMember_isUnknown_andSaysHowToExportIt() {
        JsonObject az = Fixtures.json("snapshot/kms/az_aks_show_aks_preview_userassigned_no_kms.json");
        az.getAsJsonObject("securityProfile").remove("kubernetesResourceObjectEncryptionProfile");
        KmsState state = ArmMapper.cluster(az).kms().state();
        assertEquals(KmsState.Kind.UNKNOWN, state.kind());
        assertTrue(state.missing().contains("az aks output lacks it when az does not know the field"), state.missing());
        assertTrue(state.missing().contains("aks-preview"), state.missing());
    }

    @Test
    void azOutputWithSecurityProfileNull_cannotShowTheNewerBlock() {
        JsonObject az = Fixtures.json("snapshot/kms/az_aks_show_aks_preview_userassigned_no_kms.json");
        az.add("securityProfile", com.google.gson.JsonNull.INSTANCE);
        assertEquals(KmsState.Kind.UNKNOWN, ArmMapper.cluster(az).kms().state().kind());
    }

    @Test
    void clusterIdentity_systemAssigned_userAssignedWithEmptyValue_andAbsent() {
        JsonObject system = restCluster(null);
        system.add("identity", Fixtures.parse("{\"type\": \"SystemAssigned\", \"principalId\":"
                + " \"61825879-eee7-46b4-a2f8-2097bf158dee\", \"tenantId\": \"5b1c7a3e-2d4f-4e6a-8b9c-0d1e2f3a4b5c\"}"));
        ManagedIdentity systemAssigned = ArmMapper.cluster(system).identity();
        assertTrue(systemAssigned.systemAssigned());
        assertFalse(systemAssigned.userAssignedType());
        assertTrue(systemAssigned.userAssigned().isEmpty());

        JsonObject withEmpty = restCluster(null);
        JsonObject identity = Fixtures.parse("{\"type\": \"UserAssigned\", \"userAssignedIdentities\": {\"/subscriptions/"
                + SUB + "/resourceGroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi\": {}}}");
        withEmpty.add("identity", identity);
        ManagedIdentity fromExample = ArmMapper.cluster(withEmpty).identity();
        assertEquals(java.util.List.of("user-assigned identity mi"), fromExample.unknownPrincipals());

        // the REST spec examples carry no identity at all: a cluster on a service principal
        assertEquals(ManagedIdentity.NONE, ArmMapper.cluster(restCluster(null)).identity());
    }
}
