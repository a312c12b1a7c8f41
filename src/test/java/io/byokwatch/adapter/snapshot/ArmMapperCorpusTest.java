package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonObject;
import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RotationPolicy;
import io.byokwatch.domain.VaultKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.byokwatch.adapter.snapshot.Fixtures.corpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mapper against the verbatim Azure spec and docs payloads in {@code src/test/resources/corpus}. */
class ArmMapperCorpusTest {
    private static final String SUB = "00000000-0000-0000-0000-000000000000";
    private static final ResourceId CLUSTER = ResourceId.parse("/subscriptions/" + SUB
            + "/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/clustername1");
    private static final ResourceId DES = ResourceId.parse("/subscriptions/" + SUB
            + "/resourceGroups/rg1/providers/Microsoft.Compute/diskEncryptionSets/des");
    private static final Map<String, ResourceKind> KIND_BY_PREFIX = Map.of(
            "aks_managedcluster_", ResourceKind.MANAGED_CLUSTER,
            "aks_agentpool_", ResourceKind.AGENT_POOL,
            "des_", ResourceKind.DISK_ENCRYPTION_SET,
            "kv_vault_", ResourceKind.KEY_VAULT,
            "kv_key_get_", ResourceKind.VAULT_KEY,
            "kv_key_rotationpolicy_", ResourceKind.ROTATION_POLICY,
            "aks_securityprofile_", ResourceKind.UNKNOWN);

    /** The corpus also holds events and log records, which other adapters read. */
    static boolean isResourcePayload(String name) {
        return name.startsWith("aks_") || name.startsWith("des_") || name.startsWith("kv_vault_") || name.startsWith("kv_key_");
    }

    static Stream<String> corpusFiles() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.path("corpus"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .filter(ArmMapperCorpusTest::isResourcePayload).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("corpusFiles")
    void everyCorpusFile_isClassifiedByItsKindAndMaps(String file) {
        JsonObject o = corpus(file);
        ResourceKind expected = KIND_BY_PREFIX.entrySet().stream().filter(e -> file.startsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no expectation for " + file));
        assertEquals(expected, ArmMapper.kindOf(o));
        Object mapped = switch (expected) {
            case MANAGED_CLUSTER -> ArmMapper.cluster(o);
            case AGENT_POOL -> ArmMapper.agentPool(o);
            case DISK_ENCRYPTION_SET -> ArmMapper.diskEncryptionSet(o);
            case KEY_VAULT -> ArmMapper.vault(o);
            case VAULT_KEY -> ArmMapper.key(o);
            case ROTATION_POLICY -> ArmMapper.rotationPolicy(o);
            default -> "a sub-object, not a resource";
        };
        assertTrue(mapped != null);
    }

    @Test
    void clusterGet_hasItsDiskEncryptionSetTagsAndInlinePool() {
        ManagedCluster c = ArmMapper.cluster(corpus("aks_managedcluster_get_with_des_2026-08-01.json"));
        assertEquals(CLUSTER, c.id());
        assertEquals("clustername1", c.name());
        assertEquals("location1", c.location());
        assertEquals(DES, c.diskEncryptionSetId());
        assertEquals("production", c.tags().get("TIER"));
        assertEquals("", c.tags().get("archv2"));
        assertEquals("Succeeded", c.provisioningState());
        // no securityProfile, but a REST body that does not say its API version cannot show KMS data encryption unset
        assertEquals(new KmsProfile(false, null, null, null, null, c.kms().objectEncryptionUnread()), c.kms());
        assertFalse(c.kms().objectEncryptionInRecord());
        assertEquals(List.of(new AgentPool(CLUSTER.child("agentPools", "nodepool1"), "nodepool1", null, null, null, 3,
                "Standard_DS1_v2", "Linux")), c.agentPools());
    }

    @Test
    void clusterWithEncryptionAtHost_andCapitalisedType_mapsPoolSettings() {
        JsonObject o = corpus("aks_managedcluster_put200_encryptionathost_with_des_2026-01-01.json");
        assertEquals("Microsoft.ContainerService/ManagedClusters", o.get("type").getAsString());
        assertEquals(ResourceKind.MANAGED_CLUSTER, ArmMapper.kindOf(o));
        ManagedCluster c = ArmMapper.cluster(o);
        assertEquals(DES, c.diskEncryptionSetId());
        AgentPool pool = c.agentPools().get(0);
        assertEquals(Boolean.TRUE, pool.encryptionAtHost());
        assertEquals("System", pool.mode());
        assertEquals("Standard_DS2_v2", pool.vmSize());
    }

    @Test
    void clusterWithoutDes_hasNoDiskEncryptionSet() {
        ManagedCluster c = ArmMapper.cluster(corpus("aks_managedcluster_put200_no_des_nodeautoprov_2026-05-01.json"));
        assertNull(c.diskEncryptionSetId());
        assertFalse(c.kms().enabled());
        assertEquals(KmsProfile.NONE, ArmMapper.cluster(corpus("aks_managedcluster_put200_no_des_nodeautoprov_2026-05-01.json"),
                "2026-07-01").kms(), "read with an API version that shows the newer block, nothing is set");
        assertNull(c.agentPools().get(0).encryptionAtHost());
    }

    @Test
    void agentPoolGet_withoutType_isFoundByIdAndBelongsToItsCluster() {
        JsonObject o = corpus("aks_agentpool_get_2026-08-01.json");
        assertFalse(o.has("type"));
        assertEquals(ResourceKind.AGENT_POOL, ArmMapper.kindOf(o));
        AgentPool pool = ArmMapper.agentPool(o);
        assertEquals(CLUSTER, pool.id().topLevel());
        assertEquals("agentpool1", pool.name());
        assertEquals(3, pool.count());
        assertEquals("Standard_DS1_v2", pool.vmSize());
        assertNull(pool.osDiskType());
        assertNull(pool.mode());
    }

    @Test
    void ephemeralAgentPool_keepsItsOsDiskType() {
        AgentPool pool = ArmMapper.agentPool(corpus("aks_agentpool_put200_ephemeral_osdisk_2026-08-01.json"));
        assertEquals("Ephemeral", pool.osDiskType());
        assertEquals("Standard_DS2_v2", pool.vmSize());
        assertEquals(CLUSTER, pool.id().topLevel());
    }

    @Test
    void kmsDocsSnippet_verbatim_isRejectedForItsPlaceholderVaultId() {
        JsonObject cluster = corpus("aks_managedcluster_get_with_des_2026-08-01.json");
        cluster.getAsJsonObject("properties").add("securityProfile",
                corpus("aks_securityprofile_kms_cmk_private_cli_output_docs.json"));
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> ArmMapper.cluster(cluster));
        assertTrue(e.getMessage().startsWith("properties.securityProfile.azureKeyVaultKms.keyVaultResourceId: expected"
                + " an Azure resource id"), e.getMessage());
        assertTrue(e.getMessage().contains("<key-vault-resource-id>"), e.getMessage());
    }

    @Test
    void kmsDocsSnippet_withPlaceholdersFilledIn_mapsPrivateKmsAndInfrastructureEncryption() {
        String vaultId = "/subscriptions/" + SUB + "/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/kv-etcd";
        String snippet = Fixtures.text("corpus/aks_securityprofile_kms_cmk_private_cli_output_docs.json")
                .replace("<key-vault-name>", "kv-etcd").replace("<key-name>", "etcd-key")
                .replace("<key-vault-resource-id>", vaultId);
        JsonObject cluster = corpus("aks_managedcluster_get_with_des_2026-08-01.json");
        cluster.getAsJsonObject("properties").add("securityProfile", Fixtures.parse(snippet));
        KmsProfile kms = ArmMapper.cluster(cluster).kms();
        assertTrue(kms.enabled());
        assertEquals(KeyRef.parse("https://kv-etcd.vault.azure.net/keys/etcd-key"), kms.key());
        assertNull(kms.key().version());
        assertEquals("Private", kms.networkAccess());
        assertEquals(ResourceId.parse(vaultId), kms.keyVaultResourceId());
        assertEquals("Enabled", kms.infrastructureEncryption());
    }

    @Test
    void desGet_systemAssignedWithoutPrincipal_hasUnknownPrincipal() {
        DiskEncryptionSet s = ArmMapper.diskEncryptionSet(corpus("des_get_systemassigned_2025-01-02.json"));
        assertEquals("myDiskEncryptionSet", s.name());
        assertEquals("westus", s.location());
        assertEquals("EncryptionAtRestWithCustomerKey", s.encryptionType());
        assertEquals("myvmvault.vault-int.azure-int.net", s.activeKey().vaultHost());
        assertEquals("{key}", s.activeKey().name());
        assertNull(s.activeKey().version());
        assertEquals(ResourceId.parse("/subscriptions/{subscriptionId}/resourceGroups/myResourceGroup/providers"
                + "/Microsoft.KeyVault/vaults/myVMVault"), s.sourceVaultId());
        assertFalse(s.rotationToLatestKeyVersion());
        assertFalse(s.hasRotationError());
        assertTrue(s.identity().present());
        assertEquals(List.of(), s.identity().knownPrincipalIds());
        assertEquals(List.of("system-assigned identity"), s.identity().unknownPrincipals());
        assertEquals("Succeeded", s.provisioningState());
    }

    @Test
    void desWithAutoKeyRotationError_carriesTheErrorCode() {
        DiskEncryptionSet s = ArmMapper.diskEncryptionSet(corpus("des_get_autokeyrotationerror_2025-01-02.json"));
        assertTrue(s.rotationToLatestKeyVersion());
        assertTrue(s.hasRotationError());
        assertEquals("ManagedServiceIdentityNotFound", s.rotationErrorCode());
        assertTrue(s.rotationErrorMessage().startsWith("Auto-key rotation was disabled"));
    }

    @Test
    void desWithRotationToLatest_hasVersionedKeyAndFractionalOffsetTimestamp() {
        DiskEncryptionSet s = ArmMapper.diskEncryptionSet(corpus("des_put200_rotation_to_latest_enabled_2025-01-02.json"));
        assertEquals(new KeyRef("myvaultdifferentsub.vault-int.azure-int.net", "keyName", "KeyVersion2"), s.activeKey());
        assertNull(s.sourceVaultId());
        assertTrue(s.rotationToLatestKeyVersion());
        assertEquals(Instant.parse("2021-04-01T04:41:35.079872Z"), s.lastKeyRotation());
        assertEquals("West US", s.location());
    }

    @Test
    void desCrossTenant_withoutType_hasUserAssignedIdentityWhosePrincipalIsUnknown() {
        JsonObject o = corpus("des_put200_userassigned_crosstenant_federatedclientid_2025-01-02.json");
        assertFalse(o.has("type"));
        assertEquals(ResourceKind.DISK_ENCRYPTION_SET, ArmMapper.kindOf(o));
        DiskEncryptionSet s = ArmMapper.diskEncryptionSet(o);
        assertEquals("UserAssigned", s.identity().type());
        assertTrue(s.identity().present());
        assertEquals(1, s.identity().userAssigned().size());
        assertEquals(List.of("user-assigned identity {identityName}"), s.identity().unknownPrincipals());
        assertEquals("00000000-0000-0000-0000-000000000000", s.federatedClientId());
        assertNull(s.provisioningState());
    }

    @Test
    void vaultGet_hasAccessPolicyWithWrapPermissionsAndNoDeletionSettings() {
        KeyVault v = ArmMapper.vault(corpus("kv_vault_get_accesspolicies_2026-02-01.json"));
        assertEquals("sample-vault", v.name());
        assertEquals("sample-vault.vault.azure.net", v.host());
        assertFalse(v.managedHsm());
        assertNull(v.softDelete());
        assertNull(v.purgeProtection());
        assertNull(v.softDeleteRetentionDays());
        assertNull(v.rbacAuthorization());
        assertFalse(v.usesRbac());
        assertEquals(1, v.accessPolicies().size());
        var policy = v.accessPolicies().get(0);
        assertTrue(policy.grants("get") && policy.grants("wrapKey") && policy.grants("UNWRAPKEY"));
        assertFalse(policy.grants("rotate"));
        assertNull(policy.applicationId());
        assertEquals("standard", v.sku());
        assertEquals("Enabled", v.publicNetworkAccess());
        assertEquals("00000000-0000-0000-0000-000000000000", v.tenantId());
    }

    @Test
    void vaultWithNetworkAcls_whoseResponseOmitsPurgeProtection_isNotPurgeProtected() {
        KeyVault v = ArmMapper.vault(corpus("kv_vault_put200_networkacls_2026-02-01.json"));
        assertFalse(v.purgeProtected());
        assertEquals(List.of(), v.accessPolicies());
        assertNull(v.publicNetworkAccess());
    }

    @Test
    void armKey_withPort443_matchesVersionlessRefAndKnowsItHasNoRotationPolicy() {
        VaultKey k = ArmMapper.key(corpus("kv_key_get_mgmtplane_2026-02-01.json"));
        KeyRef versionless = KeyRef.parse("https://sample-vault-name.vault.azure.net/keys/sample-key-name");
        assertEquals(versionless, k.ref());
        assertEquals(versionless.keyId(), k.ref().keyId());
        assertEquals("fd618d9519b74f9aae94ade66b876acc", k.currentVersion());
        assertEquals(Boolean.TRUE, k.enabled());
        assertNull(k.expires(), "the example has no exp");
        assertNull(k.notBefore());
        assertEquals("RSA", k.keyType());
        assertEquals(2048, k.keySize());
        assertEquals("Purgeable", k.recoveryLevel());
        assertTrue(k.rotationPolicyKnown());
        assertNull(k.rotationPolicy());
        assertFalse(k.deleted());
        assertEquals(ResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/sample-group/providers"
                + "/Microsoft.KeyVault/vaults/sample-vault-name/keys/sample-key-name"), k.id());
    }

    @Test
    void dataPlaneRotationPolicy_rotatesAfterNinetyDays() {
        JsonObject o = corpus("kv_key_rotationpolicy_get_dataplane_7.5.json");
        RotationPolicy p = ArmMapper.rotationPolicy(o);
        assertTrue(p.rotates());
        assertEquals(List.of(new RotationPolicy.LifetimeAction("Rotate", "P90D", null),
                new RotationPolicy.LifetimeAction("Notify", null, "P30D")), p.lifetimeActions());
        assertEquals("P2Y", p.expiryTime());
        assertEquals(KeyRef.parse("https://myvault.vault.azure.net/keys/key01"), ArmMapper.rotationPolicyKey(o));
    }
}
