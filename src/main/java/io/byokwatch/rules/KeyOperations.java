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

    /**
     * What a cluster's KMS identity needs: encrypt and decrypt with the key (AKS "KMS etcd encryption": access policy
     * {@code encrypt decrypt}, or Key Vault Crypto User on an RBAC vault; the plugin calls only those two operations).
     */
    public static final KeyOperations ENCRYPT_DECRYPT = new KeyOperations("encrypt and decrypt", "encrypt and decrypt",
            "key encrypt and decrypt", List.of("encrypt", "decrypt"),
            List.of("Microsoft.KeyVault/vaults/keys/encrypt/action", "Microsoft.KeyVault/vaults/keys/decrypt/action"),
            List.of("Microsoft.KeyVault/managedHsm/keys/encrypt/action", "Microsoft.KeyVault/managedHsm/keys/decrypt/action"),
            Map.of("12338af0-0e69-4776-bea7-57ae8d297424", "Key Vault Crypto User",
                    "14b46e9e-c2b7-41b4-b07b-48a6ebf60603", "Key Vault Crypto Officer",
                    "00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator"),
            Map.of("21dbd100-6940-42c2-9190-5d6cb909625b", "Managed HSM Crypto User"),
            "Key Vault Crypto User", "Managed HSM Crypto User");

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
