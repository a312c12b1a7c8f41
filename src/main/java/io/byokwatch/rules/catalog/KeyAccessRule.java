package io.byokwatch.rules.catalog;

import io.byokwatch.domain.AccessPolicy;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.Severity;
import io.byokwatch.port.Lookup;
import io.byokwatch.rules.Chain;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fails when the set has no identity, or no identity of the set holds get+wrapKey+unwrapKey on the key: through an
 * access policy on access-policy vaults, or through a role that grants them on RBAC vaults.
 */
public final class KeyAccessRule extends CatalogRule {
    public static final String ID = "des-no-key-access";
    static final List<String> PERMISSIONS = List.of("get", "wrapKey", "unwrapKey");
    /** Built-in roles whose data actions include key read, wrap and unwrap, by their fixed definition GUIDs. */
    static final Map<String, String> GRANTING_ROLES = Map.of(
            "e147488a-f6f5-4113-8e2d-b22465e65bf6", "Key Vault Crypto Service Encryption User",
            "12338af0-0e69-4776-bea7-57ae8d297424", "Key Vault Crypto User",
            "14b46e9e-c2b7-41b4-b07b-48a6ebf60603", "Key Vault Crypto Officer",
            "00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator");

    public KeyAccessRule() {
        super(ID, Severity.CRITICAL,
                "Disk encryption set cannot reach its key",
                "the set has no managed identity, or its identity lacks get, wrapKey and unwrapKey on the key (access"
                    + " policy) or a role granting them (RBAC: Key Vault Crypto Service Encryption User, Crypto User,"
                    + " Crypto Officer or Administrator)",
                Compliance.KEY_MANAGEMENT);
    }

    @Override
    public void check(Chain chain, Outcome out) {
        DiskEncryptionSet set = Links.set(chain, out);
        if (set == null) {
            return;
        }
        if (!set.identity().present()) {
            out.fail(set.id(), "Disk encryption set " + set.name() + " has no managed identity, so it cannot unwrap its key"
                            + " and the disks it protects become unreadable.",
                    fix(set, null), Evidence.of("identityType", set.identity().type()).map());
            return;
        }
        KeyVault vault = Links.vault(chain, out);
        if (vault == null || set.activeKey() == null) {
            return;
        }
        List<String> principals = set.identity().knownPrincipalIds();
        List<String> unknown = set.identity().unknownPrincipals();
        if (vault.managedHsm()) {
            out.notEvaluated(vault.id(), "Managed HSM " + vault.name() + " keeps its role assignments in its own local RBAC,"
                    + " which ARM does not expose; check with az keyvault role assignment list --hsm-name " + vault.name());
            return;
        }
        if (principals.isEmpty()) {
            out.notEvaluated(set.id(), "the principal id of the " + String.join(", ", unknown) + " of disk encryption set "
                    + set.name() + " is not in the inventory; add az identity show output or a payload with principalId");
            return;
        }
        List<String> gaps = new ArrayList<>();
        boolean granted = vault.usesRbac() ? viaRoles(chain, vault, set, principals, gaps, out)
                : viaPolicies(vault, principals, gaps);
        if (granted || gaps.isEmpty()) {
            return;
        }
        if (!unknown.isEmpty()) {
            out.notEvaluated(set.id(), "the known identities lack access (" + String.join("; ", gaps) + ") but the principal id of the "
                    + String.join(", ", unknown) + " is not in the inventory");
            return;
        }
        out.fail(set.id(), "Disk encryption set " + set.name() + " cannot use key " + set.activeKey().name() + " in vault "
                        + vault.name() + " because its identity lacks " + (vault.usesRbac() ? "a role granting" : "the permissions")
                        + " get, wrapKey and unwrapKey.",
                fix(set, vault), Evidence.of("vault", vault.id()).and("authorization", vault.usesRbac() ? "rbac" : "accessPolicies")
                        .and("principalIds", principals).and("gaps", gaps).map());
    }

    private static boolean viaPolicies(KeyVault vault, List<String> principals, List<String> gaps) {
        for (String principal : principals) {
            List<String> missing = new ArrayList<>(PERMISSIONS);
            for (AccessPolicy p : vault.accessPolicies()) {
                if (principal.equalsIgnoreCase(p.objectId())) {
                    missing.removeIf(p::grants);
                }
            }
            if (missing.isEmpty()) {
                return true;
            }
            gaps.add("principal " + principal + " lacks " + String.join(", ", missing) + " in the access policies");
        }
        return false;
    }

    private static boolean viaRoles(Chain chain, KeyVault vault, DiskEncryptionSet set, List<String> principals,
                                    List<String> gaps, Outcome out) {
        if (chain.roleAssignments() instanceof Lookup.Unknown<?> u) {
            out.notEvaluated(vault.id(), u.reason());
            return true;
        }
        ResourceId keyScope = vault.id().child("keys", set.activeKey().name());
        List<RoleAssignment> assignments = chain.roleAssignments() == null ? List.of() : chain.roleAssignments().orNull();
        boolean undecidable = false;
        for (String principal : principals) {
            for (RoleAssignment a : assignments) {
                if (!principal.equalsIgnoreCase(a.principalId()) || !GRANTING_ROLES.containsKey(roleGuid(a))) {
                    continue;
                }
                if (a.scope() != null && keyScope.isUnder(a.scope())) {
                    return true;
                }
                undecidable |= a.scope() != null && a.scope().key().startsWith("/providers/microsoft.management/managementgroups/");
            }
            gaps.add("principal " + principal + " has no Key Vault crypto role at the key, vault or an enclosing scope");
        }
        if (undecidable) {
            out.notEvaluated(vault.id(), "a granting role is assigned at a management group, and the inventory does not say"
                    + " whether vault " + vault.name() + " lies under it");
            return true;
        }
        return false;
    }

    private static String roleGuid(RoleAssignment a) {
        return a.roleDefinitionGuid() == null ? "" : a.roleDefinitionGuid().toLowerCase(Locale.ROOT);
    }

    private static String fix(DiskEncryptionSet set, KeyVault vault) {
        String vaultName = vault != null ? vault.name() : set.activeKey() != null ? set.activeKey().vaultName() : "<kv-name>";
        String rg = set.id().resourceGroup();
        String grant = vault != null && vault.usesRbac()
                ? "  az role assignment create --role \"Key Vault Crypto Service Encryption User\" --assignee-object-id $PRINCIPAL"
                + " --assignee-principal-type ServicePrincipal --scope " + vault.id() + "\n"
                : "  az keyvault set-policy -n " + vaultName + " --object-id $PRINCIPAL --key-permissions get wrapKey unwrapKey\n";
        return "Give the set an identity and let it use the key:\n"
                + "  az disk-encryption-set identity assign -g " + rg + " -n " + set.name() + " --system-assigned\n"
                + "  PRINCIPAL=$(az disk-encryption-set show -g " + rg + " -n " + set.name() + " --query identity.principalId -o tsv)\n"
                + grant
                + "Terraform: identity { type = \"SystemAssigned\" } on azurerm_disk_encryption_set." + NoByokRule.tfName(set.name())
                + ", plus an azurerm_key_vault_access_policy (get, wrapKey, unwrapKey) or an azurerm_role_assignment"
                + " (Key Vault Crypto Service Encryption User) for its principal_id.";
    }
}
