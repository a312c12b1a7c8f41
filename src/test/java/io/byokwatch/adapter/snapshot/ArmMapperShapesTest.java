package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RotationPolicy;
import io.byokwatch.domain.VaultKey;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.byokwatch.adapter.snapshot.Fixtures.corpus;
import static io.byokwatch.adapter.snapshot.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code az ... show} output (flattened, null everywhere, {@code diskEncryptionSetId}, other id casing) maps to the
 * same records as the ARM REST body of the same resource.
 */
class ArmMapperShapesTest {

    @Test
    void azAksShow_mapsToTheSameClusterAsTheArmBody() {
        ManagedCluster arm = ArmMapper.cluster(corpus("aks_managedcluster_put200_encryptionathost_with_des_2026-01-01.json"));
        ManagedCluster az = ArmMapper.cluster(json("snapshot/az/aks_show_encryptionathost.json"));
        assertEquals(arm, az);
        assertNotEquals(arm.id().toString(), az.id().toString(), "the fixture must spell the id differently");
        assertNotEquals(arm.diskEncryptionSetId().toString(), az.diskEncryptionSetId().toString());
    }

    @Test
    void azNodepoolShow_mapsToTheSamePoolAsTheArmBody() {
        AgentPool arm = ArmMapper.agentPool(corpus("aks_agentpool_put200_ephemeral_osdisk_2026-08-01.json"));
        AgentPool az = ArmMapper.agentPool(json("snapshot/az/aks_nodepool_show_ephemeral.json"));
        assertEquals(arm, az);
        assertEquals(arm.id().topLevel(), az.id().topLevel());
    }

    @Test
    void azDiskEncryptionSetShow_mapsToTheSameSetAsTheArmBody() {
        DiskEncryptionSet arm = ArmMapper.diskEncryptionSet(corpus("des_get_autokeyrotationerror_2025-01-02.json"));
        DiskEncryptionSet az = ArmMapper.diskEncryptionSet(json("snapshot/az/disk_encryption_set_show_rotationerror.json"));
        assertEquals(arm, az);
    }

    @Test
    void azKeyvaultShow_withMixedPermissionCaseAndTrailingSlashUri_mapsToTheSameVaultAsTheArmBody() {
        KeyVault arm = ArmMapper.vault(corpus("kv_vault_get_accesspolicies_2026-02-01.json"));
        KeyVault az = ArmMapper.vault(json("snapshot/az/keyvault_show_accesspolicies.json"));
        assertEquals(arm, az);
    }

    @Test
    void azKeyShow_agreesWithTheArmKey_exceptForWhatOnlyArmKnows() {
        VaultKey arm = ArmMapper.key(corpus("kv_key_get_mgmtplane_2026-02-01.json"));
        VaultKey az = ArmMapper.key(json("snapshot/az/keyvault_key_show.json"));
        assertNull(az.id(), "data-plane output has no ARM id");
        assertFalse(az.rotationPolicyKnown(), "data-plane key output never says whether a policy exists");
        assertEquals(2048, az.keySize(), "read from the RSA modulus");
        assertEquals(withoutArmOnlyFacts(arm), az);
    }

    @Test
    void azKeyShowWithIsoTimes_agreesWithArmEpochSeconds() {
        VaultKey arm = ArmMapper.key(json("snapshot/arm/key_with_rotation_policy.json"));
        VaultKey az = ArmMapper.key(json("snapshot/az/keyvault_key_show_expiring.json"));
        assertEquals(Instant.parse("2026-01-15T08:00:00Z"), az.expires());
        assertEquals(arm.expires(), az.expires());
        assertEquals(arm.notBefore(), az.notBefore());
        assertEquals(Boolean.FALSE, az.enabled());
        assertEquals(arm.enabled(), az.enabled());
        assertEquals(arm.ref(), az.ref());
        assertEquals(arm.currentVersion(), az.currentVersion());
        assertEquals("RSA-HSM", az.keyType());
        assertTrue(az.hsmBacked());
        assertNull(az.keySize(), "no modulus in the fixture");
        assertEquals(3072, arm.keySize());
    }

    @Test
    void armKeyWithRotationPolicy_rotatesWithLowerCaseArmActions() {
        VaultKey k = ArmMapper.key(json("snapshot/arm/key_with_rotation_policy.json"));
        assertTrue(k.rotationPolicyKnown());
        assertTrue(k.rotationPolicy().rotates());
        assertEquals(List.of(new RotationPolicy.LifetimeAction("rotate", "P18M", null),
                new RotationPolicy.LifetimeAction("notify", null, "P30D")), k.rotationPolicy().lifetimeActions());
        assertEquals("P2Y", k.rotationPolicy().expiryTime());
    }

    @Test
    void azRotationPolicyShow_mapsToTheSamePolicyAsTheDataPlaneBody() {
        RotationPolicy rest = ArmMapper.rotationPolicy(corpus("kv_key_rotationpolicy_get_dataplane_7.5.json"));
        JsonObject az = json("snapshot/az/keyvault_key_rotation_policy_show.json");
        assertEquals(rest, ArmMapper.rotationPolicy(az));
        assertEquals(ResourceKind.ROTATION_POLICY, ArmMapper.kindOf(az));
    }

    @Test
    void deletedKeyFromListDeleted_hasDeletedOn() {
        VaultKey k = ArmMapper.key(firstOf("snapshot/az/keyvault_key_list_deleted.json"));
        assertTrue(k.deleted());
        assertEquals(Instant.parse("2025-02-10T08:30:00Z"), k.deletedOn());
        assertEquals(KeyRef.parse("https://kv-byok-prod.vault.azure.net/keys/old-des-key"), k.ref());
        assertNull(k.currentVersion());
    }

    @Test
    void azRoleAssignmentList_mapsLikeTheArmBody_withLowerCaseRoleGuid() {
        RoleAssignment arm = ArmMapper.roleAssignment(json("snapshot/arm/role_assignment_get.json"));
        RoleAssignment az = ArmMapper.roleAssignment(firstOf("snapshot/az/role_assignment_list.json"));
        assertEquals("e147488a-f6f5-4113-8e2d-b22465e65bf6", az.roleDefinitionGuid());
        assertEquals("Key Vault Crypto Service Encryption User", az.roleDefinitionName());
        assertNull(arm.roleDefinitionName(), "ARM does not carry the role name");
        assertEquals(new RoleAssignment(arm.id(), arm.principalId(), arm.principalType(), arm.roleDefinitionGuid(),
                az.roleDefinitionName(), arm.scope()), az);
        assertEquals(ResourceId.parse("/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-keys"
                + "/providers/Microsoft.KeyVault/vaults/kv-byok-prod"), az.scope());
    }

    @Test
    void userAssignedIdentities_withAndWithoutPrincipal_areKnownAndUnknownRespectively() {
        DiskEncryptionSet s = ArmMapper.diskEncryptionSet(json("snapshot/az/disk_encryption_set_show_userassigned.json"));
        assertEquals(List.of("22222222-2222-2222-2222-222222222222", "55555555-5555-5555-5555-555555555555"),
                s.identity().knownPrincipalIds());
        assertEquals(List.of("user-assigned identity id-spare"), s.identity().unknownPrincipals());
        assertEquals(Instant.parse("2025-03-02T09:15:30.1234567Z"), s.lastKeyRotation());
        assertFalse(s.rotationToLatestKeyVersion(), "null reads as off");
    }

    private static JsonObject firstOf(String arrayResource) {
        return JsonParser.parseString(Fixtures.text(arrayResource)).getAsJsonArray().get(0).getAsJsonObject();
    }

    private static VaultKey withoutArmOnlyFacts(VaultKey k) {
        return new VaultKey(null, k.ref(), k.currentVersion(), k.enabled(), k.notBefore(), k.expires(), k.keyType(),
                k.keySize(), k.recoveryLevel(), null, false, k.deletedOn(), k.created(), k.keyOps());
    }
}
