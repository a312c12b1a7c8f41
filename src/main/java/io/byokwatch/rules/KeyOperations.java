package io.byokwatch.rules;

import java.util.List;
import java.util.Map;

/**
 * What a principal must be able to do with a key, and how each vault model grants it: the key permissions an access
 * policy must list, the data actions an Azure RBAC role (vault) or a Managed HSM local role must allow, the built-in
 * roles known to allow them by id, and the role a fix assigns. Disk encryption sets need {@link #WRAP_UNWRAP}; a KMS
 * key use would define encrypt/decrypt the same way.
 *
 * @param label         the access-policy permissions as a sentence lists them ("get, wrapKey and unwrapKey")
 * @param verb          what the principal does with the key, as "it cannot ... its key" reads ("unwrap")
 * @param rolePhrase    what a granting role allows, as "a role granting ..." reads ("key read, wrap and unwrap")
 * @param vaultGranting built-in Azure roles (GUID, lower case, to name) whose data actions allow every operation
 * @param hsmGranting   the same among Managed HSM local built-in roles
 */
public record KeyOperations(String label, String verb, String rolePhrase, List<String> accessPolicyPermissions, List<String> vaultDataActions,
                            List<String> hsmDataActions, Map<String, String> vaultGranting,
                            Map<String, String> hsmGranting, String vaultRoleToGrant, String hsmRoleToGrant) {

    /** What a disk encryption set's identity needs: read the key, wrap and unwrap with it. */
    public static final KeyOperations WRAP_UNWRAP = new KeyOperations("get, wrapKey and unwrapKey",
            "unwrap", "key read, wrap and unwrap", List.of("get", "wrapKey", "unwrapKey"), KeyRoles.VAULT_ACTIONS, KeyRoles.HSM_ACTIONS,
            KeyRoles.VAULT_GRANTING, KeyRoles.HSM_GRANTING,
            "Key Vault Crypto Service Encryption User", "Managed HSM Crypto Service Encryption User");

    public KeyOperations {
        accessPolicyPermissions = List.copyOf(accessPolicyPermissions);
        vaultDataActions = List.copyOf(vaultDataActions);
        hsmDataActions = List.copyOf(hsmDataActions);
        vaultGranting = Map.copyOf(vaultGranting);
        hsmGranting = Map.copyOf(hsmGranting);
    }

    public Map<String, String> granting(boolean managedHsm) {
        return managedHsm ? hsmGranting : vaultGranting;
    }

    public List<String> dataActions(boolean managedHsm) {
        return managedHsm ? hsmDataActions : vaultDataActions;
    }
}
