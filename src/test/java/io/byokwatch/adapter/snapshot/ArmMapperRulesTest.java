package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonObject;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.VaultKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static io.byokwatch.adapter.snapshot.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The cross-cutting mapping rules of azure-formats.md §0, and the errors for values that break them. */
class ArmMapperRulesTest {
    private static final String CLUSTER_ID =
            "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1";
    private static final String DES_ID = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des1";

    private static ManagedCluster cluster(String properties) {
        return ArmMapper.cluster(parse("{\"id\": \"" + CLUSTER_ID + "\", \"properties\": " + properties + "}"));
    }

    private static DiskEncryptionSet set(String properties) {
        return ArmMapper.diskEncryptionSet(parse("{\"id\": \"" + DES_ID + "\", \"properties\": " + properties + "}"));
    }

    private static SnapshotFormatException clusterError(String properties) {
        return assertThrows(SnapshotFormatException.class, () -> cluster(properties));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"diskEncryptionSetID\": null}", "{\"diskEncryptionSetID\": \"\"}"})
    void missingNullAndEmpty_allMeanNoDiskEncryptionSet(String properties) {
        assertNull(cluster(properties).diskEncryptionSetId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"diskEncryptionSetID", "diskEncryptionSetId", "DISKENCRYPTIONSETID"})
    void propertyNames_matchInAnyCase(String name) {
        assertEquals(ResourceId.parse(DES_ID), cluster("{\"" + name + "\": \"" + DES_ID + "\"}").diskEncryptionSetId());
    }

    @Test
    void flattenedAndWrappedFields_readTheSame() {
        ManagedCluster flat = ArmMapper.cluster(parse("{\"id\": \"" + CLUSTER_ID + "\", \"diskEncryptionSetId\": \""
                + DES_ID + "\", \"provisioningState\": \"Succeeded\"}"));
        assertEquals(cluster("{\"diskEncryptionSetID\": \"" + DES_ID + "\", \"provisioningState\": \"Succeeded\"}"), flat);
    }

    @Test
    void nameDefaultsToTheLastIdSegment() {
        assertEquals("aks1", cluster("{}").name());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1617251495                         | 2021-04-01T04:31:35Z",
            "\"1617251495\"                     | 2021-04-01T04:31:35Z",
            "1617251495.25                      | 2021-04-01T04:31:35.25Z",
            "\"2021-04-01T04:41:35.079872+00:00\" | 2021-04-01T04:41:35.079872Z",
            "\"2021-04-01T06:41:35+02:00\"        | 2021-04-01T04:41:35Z",
            "\"2020-01-01T12:00:00.0000000Z\"     | 2020-01-01T12:00:00Z",
            "\"2021-04-01T04:41:35\"              | 2021-04-01T04:41:35Z",
            "\"2021-04-01 04:41:35+00:00\"        | 2021-04-01T04:41:35Z",
    })
    void timestamps_readAsIsoOrEpochSeconds(String json, String expected) {
        assertEquals(Instant.parse(expected), set("{\"lastKeyRotationTimestamp\": " + json + "}").lastKeyRotation());
    }

    @Test
    void unreadableTimestamp_namesTheField() {
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> set("{\"lastKeyRotationTimestamp\": \"last tuesday\"}"));
        assertEquals("properties.lastKeyRotationTimestamp: expected an ISO-8601 date-time or epoch seconds, got"
                + " \"last tuesday\"", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999999", "-1E9999999999", "1e18", "177777777777777777777053090E7777053090"})
    void epochSecondsBeyondAnyDate_areAFormatErrorNamingTheField(String json) {
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> set("{\"lastKeyRotationTimestamp\": " + json + "}"));
        assertTrue(e.getMessage().startsWith("properties.lastKeyRotationTimestamp: expected an ISO-8601 date-time or"
                + " epoch seconds"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "\"true\"", "\"True\""})
    void booleans_acceptStringsInAnyCase(String json) {
        assertTrue(set("{\"rotationToLatestKeyVersionEnabled\": " + json + "}").rotationToLatestKeyVersion());
    }

    @Test
    void nonBooleanEnabled_isAFormatErrorNamingTheField() {
        SnapshotFormatException e = clusterError(
                "{\"securityProfile\": {\"azureKeyVaultKms\": {\"enabled\": \"maybe\"}}}");
        assertEquals("properties.securityProfile.azureKeyVaultKms.enabled: expected true or false, got \"maybe\"",
                e.getMessage());
    }

    @Test
    void missingId_isAFormatError() {
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> ArmMapper.cluster(parse("{\"name\": \"aks1\", \"properties\": {}}")));
        assertEquals("id: required, but missing", e.getMessage());
    }

    @Test
    void idThatIsNotAnArmId_isAFormatError() {
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> ArmMapper.diskEncryptionSet(parse("{\"id\": \"des1\"}")));
        assertTrue(e.getMessage().startsWith("id: expected an Azure resource id"), e.getMessage());
    }

    @Test
    void poolCountThatIsNotANumber_namesThePoolInTheArray() {
        SnapshotFormatException e = clusterError("{\"agentPoolProfiles\": [{\"name\": \"np1\", \"count\": 1},"
                + " {\"name\": \"np2\", \"count\": \"three\"}]}");
        assertEquals("properties.agentPoolProfiles[1].count: expected a whole number, got \"three\"", e.getMessage());
    }

    @Test
    void poolWithoutName_isAFormatError() {
        assertEquals("properties.agentPoolProfiles[0].name: required, but missing",
                clusterError("{\"agentPoolProfiles\": [{\"count\": 1}]}").getMessage());
    }

    @Test
    void tagsThatAreNotAnObject_isAFormatError() {
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> ArmMapper.cluster(parse("{\"id\": \"" + CLUSTER_ID + "\", \"tags\": [\"a\"]}")));
        assertEquals("tags: expected a JSON object, got [\"a\"]", e.getMessage());
    }

    @Test
    void keyUrlThatIsNotAKeyUrl_isAFormatError() {
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> set("{\"activeKey\": {\"keyUrl\": \"https://kv.vault.azure.net/secrets/s\"}}"));
        assertTrue(e.getMessage().startsWith("properties.activeKey.keyUrl: expected a key URL"), e.getMessage());
    }

    @Test
    void agentPoolReadOnItsOwn_mustHaveAnAgentPoolId() {
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> ArmMapper.agentPool(parse("{\"id\": \"" + CLUSTER_ID + "\"}")));
        assertTrue(e.getMessage().startsWith("id: expected an agent pool id"), e.getMessage());
    }

    @Test
    void infrastructureEncryptionAlone_isKeptWithKmsOff() {
        ManagedCluster c = cluster("{\"securityProfile\": {\"kubernetesResourceObjectEncryptionProfile\":"
                + " {\"infrastructureEncryption\": \"Enabled\"}}}");
        assertEquals(false, c.kms().enabled());
        assertEquals("Enabled", c.kms().infrastructureEncryption());
    }

    @Test
    void vaultWithoutUri_getsThePublicCloudHost_andHsmItsOwnSuffix() {
        KeyVault vault = ArmMapper.vault(parse("{\"id\": \"/subscriptions/s1/resourceGroups/rg/providers"
                + "/Microsoft.KeyVault/vaults/KV-One\", \"properties\": {}}"));
        assertEquals("kv-one.vault.azure.net", vault.host());
        KeyVault hsm = ArmMapper.vault(Fixtures.json("snapshot/arm/managedhsm_get.json"));
        assertTrue(hsm.managedHsm());
        assertEquals("hsm-byok.managedhsm.azure.net", hsm.host());
        assertEquals("Standard_B1", hsm.sku(), "Managed HSM keeps sku at the top level");
        assertTrue(hsm.purgeProtected());
        assertTrue(hsm.usesRbac());
    }

    @Test
    void hsmUri_givesTheManagedHsmHost() {
        KeyVault hsm = ArmMapper.vault(parse("{\"id\": \"/subscriptions/s1/resourceGroups/rg/providers"
                + "/Microsoft.KeyVault/managedHSMs/hsm1\", \"properties\": {\"hsmUri\": \"https://HSM1.managedhsm.azure.net/\"}}"));
        assertEquals("hsm1.managedhsm.azure.net", hsm.host());
    }

    @Test
    void armKeyWithoutKeyUri_isAddressedByItsVaultAndName() {
        VaultKey k = ArmMapper.key(parse("{\"id\": \"/subscriptions/s1/resourceGroups/rg/providers/Microsoft.KeyVault"
                + "/vaults/KV1/keys/k1\", \"properties\": {\"attributes\": {\"enabled\": true, \"exp\": 1768464000}}}"));
        assertEquals(KeyRef.parse("https://kv1.vault.azure.net/keys/k1"), k.ref());
        assertEquals(Instant.parse("2026-01-15T08:00:00Z"), k.expires());
        // the shape of a Keys_List item (no keyUriWithVersion, no kty): the list never carries the rotation policy
        assertFalse(k.rotationPolicyKnown());
    }

    @Test
    void dataPlaneRestKey_withEpochAttributes_readsExpiryAndDeletion() {
        JsonObject deleted = parse("{\"key\": {\"kid\": \"https://kv1.vault.azure.net/keys/k1/abc\", \"kty\": \"RSA\"},"
                + " \"attributes\": {\"enabled\": true, \"exp\": 1768464000, \"nbf\": 1705309200},"
                + " \"deletedDate\": 1739176200}");
        VaultKey k = ArmMapper.key(deleted);
        assertEquals(Instant.parse("2026-01-15T08:00:00Z"), k.expires());
        assertEquals(Instant.parse("2024-01-15T09:00:00Z"), k.notBefore());
        assertEquals(Instant.parse("2025-02-10T08:30:00Z"), k.deletedOn());
        assertEquals("abc", k.currentVersion());
    }

    @Test
    void roleAssignmentWithoutScope_isAFormatError() {
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> ArmMapper.roleAssignment(parse(
                "{\"id\": \"/x/providers/Microsoft.Authorization/roleAssignments/1\", \"properties\":"
                        + " {\"roleDefinitionId\": \"/r/E147488A\", \"principalId\": \"p\"}}")));
        assertEquals("properties.scope: required, but missing", e.getMessage());
    }
}
