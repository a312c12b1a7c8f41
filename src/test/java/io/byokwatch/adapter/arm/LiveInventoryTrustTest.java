package io.byokwatch.adapter.arm;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RoleDefinition;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Lookup;
import io.byokwatch.rules.KeyRoles;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.byokwatch.adapter.arm.Harness.SUB_A;
import static io.byokwatch.adapter.arm.Harness.SUB_C;
import static io.byokwatch.adapter.arm.Harness.setId;
import static io.byokwatch.adapter.arm.Harness.vaultId;
import static io.byokwatch.adapter.arm.LiveInventoryPointReadsTest.absent;
import static io.byokwatch.adapter.arm.LiveInventoryPointReadsTest.found;
import static io.byokwatch.adapter.arm.LiveInventoryPointReadsTest.unknown;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The live reads verdicts depend on beyond the chain's own resources, through the real SDK pipeline against the fake:
 * a pinned key version (KeyVault spec Keys_GetVersion, example getKeyVersion.json: same api-version as Keys_Get), a
 * key's versions (Keys_ListVersions, listKeyVersions.json), role definitions (RoleDefinitions_Get, readable with
 * Reader), a Managed HSM's local role assignments (data plane RoleAssignments_ListForScope, properties {scope,
 * roleDefinitionId, principalId}) and whether a vault's subscription is readable at all.
 */
class LiveInventoryTrustTest extends OnFakeArm {
    private static final String CURRENT = "0123456789abcdef0123456789abcdef";
    private static final String PINNED = "fd618d9519b74f9aae94ade66b876acc";
    private final ResourceId vault = vaultId(SUB_A, "kv-prod");

    /** A version body in the shape of the spec's getKeyVersion.json example. */
    private JsonObject version(String v, boolean enabled) {
        return JsonParser.parseString("{\"name\": \"" + v + "\", \"type\": \"Microsoft.KeyVault/vaults/keys/versions\","
                + " \"id\": \"" + vault + "/keys/disk/versions/" + v + "\", \"location\": \"westus\", \"properties\":"
                + " {\"attributes\": {\"created\": 1598533051, \"enabled\": " + enabled + ", \"recoveryLevel\": \"Purgeable\","
                + " \"updated\": 1598533051}, \"keyOps\": [\"wrapKey\", \"unwrapKey\"], \"keySize\": 2048,"
                + " \"keyUri\": \"https://kv-prod.vault.azure.net:443/keys/disk\", \"keyUriWithVersion\":"
                + " \"https://kv-prod.vault.azure.net:443/keys/disk/" + v + "\", \"kty\": \"RSA\"}}").getAsJsonObject();
    }

    @Test
    void pinnedVersion_isReadFromItsOwnVersionsPath_notFromTheCurrentKey() {
        fake.put(Harness.vault(vault, true));
        fake.put(Harness.key(vault, "disk"));
        fake.put(version(PINNED, false));
        LiveInventory inventory = h.inventory();

        VaultKey pinned = found(inventory.keyVersion(KeyRef.parse("https://kv-prod.vault.azure.net/keys/disk/" + PINNED)));

        assertEquals(Boolean.FALSE, pinned.enabled(), "the pinned version is disabled while the current one is fine");
        assertEquals("RSA", pinned.keyType());
        assertEquals(PINNED, pinned.currentVersion());
        assertTrue(fake.armGets().stream().anyMatch(r -> r.path().equalsIgnoreCase(vault + "/keys/disk/versions/" + PINNED)
                && ApiVersions.KEY_VAULT.equals(r.query().get("api-version"))));
        VaultKey current = found(inventory.keyVersion(KeyRef.parse("https://kv-prod.vault.azure.net/keys/disk/" + CURRENT)));
        assertEquals(Boolean.TRUE, current.enabled(), "the current version answers from the key itself");
    }

    @Test
    void keyVersions_listEveryVersion() {
        fake.put(Harness.vault(vault, true));
        fake.put(Harness.key(vault, "disk"));
        fake.put(version(PINNED, false));
        fake.put(version(CURRENT, true));
        List<VaultKey> versions = found(h.inventory().keyVersions(KeyRef.parse("https://kv-prod.vault.azure.net/keys/disk")));
        assertEquals(2, versions.size());
    }

    @Test
    void customRoleDefinition_isReadAtTheAssignmentsSubscription() {
        String guid = "c0ffee00-1d2e-4f3a-9b8c-7d6e5f4a3b2c";
        fake.put(JsonParser.parseString("{\"id\": \"/subscriptions/" + SUB_A + "/providers/Microsoft.Authorization"
                + "/roleDefinitions/" + guid + "\", \"name\": \"" + guid + "\", \"type\": \"Microsoft.Authorization/roleDefinitions\","
                + " \"properties\": {\"roleName\": \"Disk key user\", \"type\": \"CustomRole\", \"permissions\": [{\"actions\": [],"
                + " \"notActions\": [], \"dataActions\": [\"Microsoft.KeyVault/vaults/keys/*\"], \"notDataActions\": []}],"
                + " \"assignableScopes\": [\"/subscriptions/" + SUB_A + "\"]}}").getAsJsonObject());
        RoleAssignment a = new RoleAssignment("/x", "p", "ServicePrincipal", guid, null, vault);

        RoleDefinition d = found(h.inventory().roleDefinition(a));

        assertEquals("CustomRole", d.roleType());
        assertTrue(KeyRoles.grants(d, false));
        assertTrue(absent(h.inventory().roleDefinition(new RoleAssignment("/y", "p", "User",
                "00000000-0000-0000-0000-00000000dead", null, vault))).contains("404"), "a deleted role grants nothing");
    }

    @Test
    void managedHsmLocalAssignments_areReadFromTheHsmsDataPlane_withTheHsmAudience() {
        ResourceId hsmId = ResourceId.parse("/subscriptions/" + SUB_A + "/resourceGroups/rg-keys/providers/Microsoft.KeyVault"
                + "/managedHSMs/hsm-card");
        KeyVault hsm = new KeyVault(hsmId, "hsm-card", "hsm-card.managedhsm.azure.net", true, true, true, 90, null, List.of(),
                null, "Enabled", null);
        fake.hsmRoleAssignments("hsm-card.managedhsm.azure.net", List.of(JsonParser.parseString(
                "{\"id\": \"/providers/Microsoft.Authorization/roleAssignments/5e6f\", \"name\": \"5e6f\","
                        + " \"type\": \"Microsoft.Authorization/roleAssignments\", \"properties\": {\"scope\": \"/keys/card-key\","
                        + " \"roleDefinitionId\": \"Microsoft.KeyVault/providers/Microsoft.Authorization/roleDefinitions/"
                        + "33413926-3206-4cdd-b39a-83574fe37a17\", \"principalId\": \"p-card\"}}").getAsJsonObject()));

        List<RoleAssignment> local = found(h.inventory().managedHsmRoleAssignments(hsm));

        assertEquals(hsmId.child("keys", "card-key"), local.get(0).scope());
        assertEquals("33413926-3206-4cdd-b39a-83574fe37a17", local.get(0).roleDefinitionGuid());
        assertTrue(h.tokenScopes.contains("https://managedhsm.azure.net/.default"), h.tokenScopes.toString());

        fake.hsmRoleAssignments("hsm-card.managedhsm.azure.net", null);
        String reason = unknown(h.inventory().managedHsmRoleAssignments(hsm));
        assertTrue(reason.contains("Managed HSM Crypto Auditor") && reason.contains("roleAssignments/read/action"), reason);
    }

    @Test
    void setWithoutSourceVault_whoseVaultNoReadableSubscriptionShows_isUnknown_notGone() {
        // DiskRP: sourceVault "cannot be used if the KeyVault subscription is not the same as the Disk Encryption Set
        // subscription"; Resource Graph: "No results are returned if you don't have at least read permissions"
        fake.put(Harness.set(setId(SUB_A, "des-x"), "https://kv-central.vault.azure.net/keys/disk/0a1b", null, null));
        String reason = unknown(h.inventory().vaultByHost("kv-central.vault.azure.net"));
        assertTrue(reason.contains("grant byokwatch's identity Reader on the vault's subscription"), reason);
    }

    @Test
    void namedVault404_inASubscriptionTheIdentityCannotRead_isUnknown() {
        ResourceId elsewhere = vaultId(SUB_C, "kv-elsewhere");
        ResourceId set = setId(SUB_A, "des-y");
        fake.put(Harness.set(set, "https://kv-elsewhere.vault.azure.net/keys/disk/0a1b", elsewhere, null));
        LiveInventory inventory = h.inventory();
        found(inventory.diskEncryptionSet(set));

        Lookup<KeyVault> vaultLookup = inventory.vaultByHost("kv-elsewhere.vault.azure.net");

        String reason = unknown(vaultLookup);
        assertTrue(reason.contains("cannot read subscription " + SUB_C), reason);
    }
}
