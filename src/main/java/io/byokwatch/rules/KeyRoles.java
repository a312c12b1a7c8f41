package io.byokwatch.rules;

import io.byokwatch.domain.RoleDefinition;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which roles let an identity use a key the way a disk encryption set must (read it, wrap and unwrap with it): the
 * built-in ones byokwatch knows by their fixed GUIDs, and any other role by the data actions of its definition.
 * Azure RBAC roles and Managed HSM local roles are kept apart because their data actions are spelled differently.
 */
public final class KeyRoles {
    /** Azure built-in roles whose data actions include key read, wrap and unwrap. */
    public static final Map<String, String> VAULT_GRANTING = Map.of(
            "e147488a-f6f5-4113-8e2d-b22465e65bf6", "Key Vault Crypto Service Encryption User",
            "12338af0-0e69-4776-bea7-57ae8d297424", "Key Vault Crypto User",
            "14b46e9e-c2b7-41b4-b07b-48a6ebf60603", "Key Vault Crypto Officer",
            "00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator");
    /** Common Azure built-in roles with no key wrap or unwrap data action, so that assigning them decides nothing. */
    static final Map<String, String> VAULT_NOT_GRANTING = Map.of(
            "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner",
            "b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor",
            "acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader",
            "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator",
            "f25e0fa2-a7c8-4377-a976-54943a77a395", "Key Vault Contributor",
            "21090545-7ca7-4776-b22c-e363652d74d2", "Key Vault Reader",
            "4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User",
            "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "Key Vault Secrets Officer");
    /** Managed HSM local built-in roles that allow key read, wrap and unwrap (Azure docs, "Local RBAC built-in roles"). */
    public static final Map<String, String> HSM_GRANTING = Map.of(
            "33413926-3206-4cdd-b39a-83574fe37a17", "Managed HSM Crypto Service Encryption User",
            "21dbd100-6940-42c2-9190-5d6cb909625b", "Managed HSM Crypto User");
    static final Map<String, String> HSM_NOT_GRANTING = Map.of(
            "a290e904-7015-4bba-90c8-60543313cdb4", "Managed HSM Administrator",
            "515eb02d-2335-4d2d-92f2-b1cbdf9c3778", "Managed HSM Crypto Officer",
            "4bd23610-cdcf-4971-bdee-bdc562cc28e4", "Managed HSM Policy Administrator",
            "2c18b078-7c48-4d3a-af88-5a3a1b3f82b3", "Managed HSM Crypto Auditor",
            "21dbd100-6940-42c2-9190-5d6cb909625c", "Managed HSM Crypto Service Release User",
            "7b127d3c-77bd-4e3e-bbe0-dbb8971fa7f8", "Managed HSM Backup",
            "6efe6056-5259-49d2-8b3d-d3d73544b20b", "Managed HSM Restore");

    /** The data actions a disk encryption set's identity needs, for a vault and for a Managed HSM. */
    public static final List<String> VAULT_ACTIONS = List.of("Microsoft.KeyVault/vaults/keys/read",
            "Microsoft.KeyVault/vaults/keys/wrap/action", "Microsoft.KeyVault/vaults/keys/unwrap/action");
    public static final List<String> HSM_ACTIONS = List.of("Microsoft.KeyVault/managedHsm/keys/read/action",
            "Microsoft.KeyVault/managedHsm/keys/wrap/action", "Microsoft.KeyVault/managedHsm/keys/unwrap/action");

    private KeyRoles() {
    }

    /** TRUE or FALSE for a built-in role byokwatch knows by id, null when only its definition can tell. */
    public static Boolean knownGrant(String guid, boolean managedHsm) {
        return knownGrant(guid, managedHsm, KeyOperations.WRAP_UNWRAP);
    }

    /**
     * TRUE when a built-in role byokwatch knows by id allows every one of the operations, FALSE when it is a known role
     * that does not, null when only its definition can tell.
     */
    public static Boolean knownGrant(String guid, boolean managedHsm, KeyOperations needs) {
        String g = guid == null ? "" : guid.toLowerCase(Locale.ROOT);
        if (needs.granting(managedHsm).containsKey(g)) {
            return Boolean.TRUE;
        }
        return knownName(g, managedHsm) != null ? Boolean.FALSE : null;
    }

    /** The name of a built-in role byokwatch knows by id, else null. */
    public static String knownName(String guid, boolean managedHsm) {
        String g = guid == null ? "" : guid.toLowerCase(Locale.ROOT);
        Map<String, String> granting = managedHsm ? HSM_GRANTING : VAULT_GRANTING;
        return granting.containsKey(g) ? granting.get(g) : (managedHsm ? HSM_NOT_GRANTING : VAULT_NOT_GRANTING).get(g);
    }

    /** Whether a definition allows all three data actions a set needs. */
    public static boolean grants(RoleDefinition definition, boolean managedHsm) {
        return grants(definition, managedHsm, KeyOperations.WRAP_UNWRAP);
    }

    /** Whether a definition allows every data action the operations need. */
    public static boolean grants(RoleDefinition definition, boolean managedHsm, KeyOperations needs) {
        return needs.dataActions(managedHsm).stream().allMatch(definition::allowsDataAction);
    }
}
