package io.byokwatch.render.report;

import java.util.Map;

/**
 * How to fix each rule in general, for the SARIF rule's {@code help}: code scanning shows a rule's help beside every
 * alert, but not result properties, so the fix must be there. The names are placeholders in angle brackets; each
 * result's message carries the same commands with its own names filled in (from the finding's remediation, which
 * stays the source of truth). A rule without an entry here gets its description only.
 */
final class RuleHelp {
    /** Per rule: what to do, the az commands and the Terraform change, in the order a person would run them. */
    record Fix(String summary, String az, String terraform) {
    }

    private static final Map<String, Fix> FIXES = Map.ofEntries(
            Map.entry("aks-no-byok", new Fix(
                    "A disk encryption set can only be chosen when a cluster is created; an existing cluster or node pool"
                            + " cannot be switched. Build a replacement cluster on a customer-managed key and move the workloads.",
                    """
                    az keyvault create -g <rg> -n <kv-name> --enable-purge-protection true --retention-days 90
                    az keyvault key create --vault-name <kv-name> -n <key-name> --kty RSA-HSM --size 3072
                    az disk-encryption-set create -g <rg> -n <des-name> --key-url <key-id> --source-vault <kv-name> --enable-auto-key-rotation true
                    az keyvault set-policy -n <kv-name> --object-id <des-principal-id> --key-permissions get wrapKey unwrapKey
                    az aks create -g <rg> -n <new-cluster> --node-osdisk-diskencryptionset-id <des-id>
                    """,
                    "Set `disk_encryption_set_id = azurerm_disk_encryption_set.<des>.id` on `azurerm_kubernetes_cluster`"
                            + " (forces a new cluster).")),
            Map.entry("aks-des-not-found", new Fix(
                    "Restore or recreate the disk encryption set under the same id, with access to its key, before the"
                            + " cluster scales or its nodes are reimaged.",
                    """
                    az disk-encryption-set show --ids <des-id>
                    az disk-encryption-set create -g <rg> -n <des-name> --key-url <key-id> --source-vault <kv-name>
                    az keyvault set-policy -n <kv-name> --object-id <des-principal-id> --key-permissions get wrapKey unwrapKey
                    """,
                    "Re-apply the `azurerm_disk_encryption_set` the cluster references; never destroy it while the cluster"
                            + " exists.")),
            Map.entry("des-key-unavailable", new Fix(
                    "Make the key usable again (recover, enable, extend its expiry), or point the set at a usable key,"
                            + " before nodes restart: disks become unreadable about an hour after the key stops working.",
                    """
                    az keyvault key recover --vault-name <kv-name> -n <key-name>   # if soft-deleted
                    az keyvault key set-attributes --vault-name <kv-name> -n <key-name> --enabled true --expires <new-date>
                    az disk-encryption-set update -g <rg> -n <des-name> --key-url <usable-key-id> --source-vault <kv-name>
                    """,
                    "Keep `azurerm_key_vault_key` enabled with a future `expiration_date`, and never destroy it while a set"
                            + " uses it.")),
            Map.entry("des-no-key-access", new Fix(
                    "Give the set a managed identity and let that identity get, wrap and unwrap the key: an access policy"
                            + " on a vault that uses them, a role (Key Vault Crypto Service Encryption User) on an RBAC vault.",
                    """
                    az disk-encryption-set identity assign -g <rg> -n <des-name> --system-assigned
                    PRINCIPAL=$(az disk-encryption-set show -g <rg> -n <des-name> --query identity.principalId -o tsv)
                    az keyvault set-policy -n <kv-name> --object-id $PRINCIPAL --key-permissions get wrapKey unwrapKey
                    az role assignment create --assignee-object-id $PRINCIPAL --assignee-principal-type ServicePrincipal --role "Key Vault Crypto Service Encryption User" --scope <key-or-vault-id>
                    """,
                    "`identity { type = \"SystemAssigned\" }` on `azurerm_disk_encryption_set`, plus an"
                            + " `azurerm_key_vault_access_policy` (get, wrapKey, unwrapKey) or an `azurerm_role_assignment`"
                            + " for its `principal_id`.")),
            Map.entry("vault-no-purge-protection", new Fix(
                    "Turn on purge protection (it cannot be turned off again, which is the point): without it one deletion"
                            + " or purge makes every disk wrapped by the key unreadable for good. Soft delete, which it needs,"
                            + " is on for every vault created since 2020 and cannot be turned off; current az has no flag for it.",
                    """
                    az keyvault update -g <rg> -n <kv-name> --enable-purge-protection true
                    """,
                    "`purge_protection_enabled = true` and `soft_delete_retention_days = 90` on `azurerm_key_vault`.")),
            Map.entry("des-rotation-error", new Fix(
                    "Read the error, fix its cause (most often the set's identity lost access to the key), then re-point the"
                            + " set at the current key version.",
                    """
                    az disk-encryption-set show -g <rg> -n <des-name> --query autoKeyRotationError
                    az disk-encryption-set update -g <rg> -n <des-name> --key-url <current-key-id> --enable-auto-key-rotation true
                    """,
                    "`auto_key_rotation_enabled = true` on `azurerm_disk_encryption_set`, then re-apply.")),
            Map.entry("key-expiring", new Fix(
                    "Rotate the key before it expires, and give it a rotation policy so it rotates itself next time.",
                    """
                    az keyvault key rotate --vault-name <kv-name> -n <key-name>
                    az keyvault key rotation-policy update --vault-name <kv-name> -n <key-name> --value '{"lifetimeActions":[{"trigger":{"timeBeforeExpiry":"P30D"},"action":{"type":"Rotate"}}],"attributes":{"expiryTime":"P1Y"}}'
                    """,
                    "A `rotation_policy { automatic { time_before_expiry = \"P30D\" } expire_after = \"P1Y\" }` block on"
                            + " `azurerm_key_vault_key`.")),
            Map.entry("key-no-rotation", new Fix(
                    "Rotate the key on a schedule and let the set follow new versions.",
                    """
                    az keyvault key rotation-policy update --vault-name <kv-name> -n <key-name> --value '{"lifetimeActions":[{"trigger":{"timeAfterCreate":"P90D"},"action":{"type":"Rotate"}}],"attributes":{"expiryTime":"P1Y"}}'
                    az disk-encryption-set update -g <rg> -n <des-name> --enable-auto-key-rotation true
                    """,
                    "`auto_key_rotation_enabled = true` on `azurerm_disk_encryption_set` and a `rotation_policy` block on"
                            + " `azurerm_key_vault_key`.")),
            Map.entry("key-not-hsm", new Fix(
                    "Create an HSM-protected key (in a Premium vault or a Managed HSM) and move the set to it.",
                    """
                    az keyvault key create --vault-name <premium-vault> -n <key-name> --kty RSA-HSM --size 3072
                    az disk-encryption-set update -g <rg> -n <des-name> --key-url <new-key-id> --source-vault <premium-vault>
                    """,
                    "`key_type = \"RSA-HSM\"` on `azurerm_key_vault_key` in a vault with `sku_name = \"premium\"`.")),
            Map.entry("aks-no-kms-etcd", new Fix(
                    "Enable Azure Key Vault KMS for etcd with a key the organisation controls (it works on an existing"
                            + " cluster running on a user-assigned identity that can encrypt and decrypt with the key), then"
                            + " rewrite the existing secrets. Platform-managed KMS (KMS data encryption without a customer"
                            + " key) moves to a customer key with the aks-preview extension; azurerm cannot express it.",
                    """
                    az aks update -g <rg> -n <cluster> --enable-azure-keyvault-kms --azure-keyvault-kms-key-id <key-id-with-version> --azure-keyvault-kms-key-vault-network-access Public
                    kubectl get secrets --all-namespaces -o json | kubectl replace -f -
                    """,
                    "`key_management_service { key_vault_key_id = azurerm_key_vault_key.<key>.id }` on"
                            + " `azurerm_kubernetes_cluster`.")),
            Map.entry("kms-identity-not-user-assigned", new Fix(
                    "Legacy KMS reaches its key only as a user-assigned identity: create one, let it encrypt and decrypt"
                            + " with the key, and move the cluster onto it.",
                    """
                    az identity create -g <rg> -n <identity>
                    az role assignment create --role "Key Vault Crypto User" --assignee-object-id <identity-principal-id> --assignee-principal-type ServicePrincipal --scope <vault-id>
                    az aks update -g <rg> -n <cluster> --enable-managed-identity --assign-identity <identity-id>
                    """,
                    "`identity { type = \"UserAssigned\" identity_ids = [...] }` on `azurerm_kubernetes_cluster`, and an"
                            + " `azurerm_role_assignment` (Key Vault Crypto User) for the identity.")),
            Map.entry("kms-vault-unreachable", new Fix(
                    "Give the KMS plugin a path to the vault: for Private, name the vault and approve the private endpoint"
                            + " connection AKS creates; for Public, open the vault firewall (selected networks and disabled"
                            + " public access are unsupported) or move to Private; for KMS data encryption, let trusted"
                            + " Azure services through.",
                    """
                    az aks update -g <rg> -n <cluster> --enable-azure-keyvault-kms --azure-keyvault-kms-key-id <key-id-with-version> --azure-keyvault-kms-key-vault-network-access Private --azure-keyvault-kms-key-vault-resource-id <vault-id>
                    az keyvault show -n <kv-name> --query properties.privateEndpointConnections
                    az keyvault update -n <kv-name> --public-network-access Enabled --default-action Allow
                    az keyvault update -n <kv-name> --bypass AzureServices
                    """,
                    "`key_vault_network_access` in `key_management_service` on `azurerm_kubernetes_cluster`; azurerm has no"
                            + " attribute for `keyVaultResourceId` (set it with az).")),
            Map.entry("kms-key-not-rotated", new Fix(
                    "Point legacy KMS at the newest key version, then rewrite every secret with it; keep the old version"
                            + " enabled and unexpired until the next rotation, because KMS uses two keys at a time.",
                    """
                    az aks update -g <rg> -n <cluster> --enable-azure-keyvault-kms --azure-keyvault-kms-key-id <new-key-id-with-version> --azure-keyvault-kms-key-vault-network-access Public
                    kubectl get secrets --all-namespaces -o json | kubectl replace -f -
                    """,
                    "`key_management_service { key_vault_key_id = azurerm_key_vault_key.<key>.id }` with the new version's"
                            + " id, then rewrite the secrets as above.")),
            Map.entry("key-ops-missing", new Fix(
                    "Allow the operations the key's user needs on the version in use: wrapKey and unwrapKey for a disk"
                            + " encryption set, encrypt and decrypt for KMS.",
                    """
                    az keyvault key set-attributes --vault-name <kv-name> -n <key-name> --version <version> --ops encrypt decrypt wrapKey unwrapKey
                    """,
                    "`key_opts` on `azurerm_key_vault_key` listing the operations.")),
            Map.entry("pv-disk-platform-key", new Fix(
                    "Make new PVCs land on a customer key: a StorageClass whose diskEncryptionSetID names a set on your key,"
                            + " made the default class, with Reader on the set for the cluster identity (or provisioning"
                            + " fails). A set applies only to new PVCs: move each existing claim by snapshot, a new disk on"
                            + " the set, and a PV and claim of the same name bound to it (keep the old PV with Retain).",
                    """
                    az role assignment create --role Reader --assignee-object-id <cluster-principal-id> --assignee-principal-type ServicePrincipal --scope <des-id>
                    kubectl apply -f storageclass.yaml   # provisioner disk.csi.azure.com, parameters.diskEncryptionSetID: <des-id>, is-default-class "true"
                    kubectl patch pv <pv-name> -p '{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}'
                    az snapshot create -g <disk-rg> -n <pv-name>-move --source <disk-id> --incremental true
                    az disk create -g <disk-rg> -n <pv-name>-cmk --source <pv-name>-move --disk-encryption-set <des-id> --encryption-type EncryptionAtRestWithCustomerKey
                    """,
                    "The CSI driver creates these disks, not Terraform: declare the StorageClass with"
                            + " `kubernetes_storage_class_v1` (`parameters.diskEncryptionSetID ="
                            + " azurerm_disk_encryption_set.<des>.id`) and an `azurerm_role_assignment` (Reader) for the"
                            + " cluster identity on the set.")),
            Map.entry("pv-disk-set-not-allowed", new Fix(
                    "Point the StorageClass at an allowed set, and move each existing claim onto it the same way as a"
                            + " platform-key volume: a set applies only to new PVCs.",
                    """
                    az role assignment create --role Reader --assignee-object-id <cluster-principal-id> --assignee-principal-type ServicePrincipal --scope <allowed-des-id>
                    az snapshot create -g <disk-rg> -n <pv-name>-move --source <disk-id> --incremental true
                    az disk create -g <disk-rg> -n <pv-name>-cmk --source <pv-name>-move --disk-encryption-set <allowed-des-id> --encryption-type EncryptionAtRestWithCustomerKey
                    """,
                    "`parameters.diskEncryptionSetID` of the `kubernetes_storage_class_v1` set to an allowed"
                            + " `azurerm_disk_encryption_set`.")),
            Map.entry("aks-no-host-encryption", new Fix(
                    "Encryption at host is chosen when a node pool is created: add a replacement pool with it and drain the"
                            + " old one.",
                    """
                    az feature register --namespace Microsoft.Compute --name EncryptionAtHost   # once per subscription
                    az aks nodepool add -g <rg> --cluster-name <cluster> -n <new-pool> --enable-encryption-at-host --node-vm-size <size> --mode User
                    kubectl drain -l agentpool=<old-pool> --ignore-daemonsets --delete-emptydir-data
                    az aks nodepool delete -g <rg> --cluster-name <cluster> -n <old-pool>
                    """,
                    "`host_encryption_enabled = true` on the node pool (forces a new pool).")));

    private RuleHelp() {
    }

    static Fix of(String ruleId) {
        return FIXES.get(ruleId);
    }
}
