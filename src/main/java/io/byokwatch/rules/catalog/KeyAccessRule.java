package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.AccessPolicy;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RoleDefinition;
import io.byokwatch.domain.Severity;
import io.byokwatch.port.Lookup;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.KeyOperations;
import io.byokwatch.rules.KeyRoles;
import io.byokwatch.rules.KeyUse;
import io.byokwatch.rules.KeyUseRule;
import io.byokwatch.rules.KeyUser;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Fails when the set has no identity, or no identity of the set holds get+wrapKey+unwrapKey on the key: through an
 * access policy on access-policy vaults, or through a role whose data actions grant them (built-in or custom, at the
 * key, vault or any scope above) on RBAC vaults and Managed HSMs. A grant that can only be proven through a group, a
 * role whose definition is not in the inventory or unreadable assignments is not evaluated, never a failure. Judged for
 * every principal a key use names ({@link KeyUse#users()}), each for the operations it needs.
 */
public final class KeyAccessRule extends CatalogRule implements KeyUseRule {
    public static final String ID = "des-no-key-access";
    static final List<String> PERMISSIONS = KeyOperations.WRAP_UNWRAP.accessPolicyPermissions();
    private static final String MANAGEMENT_GROUPS = "/providers/microsoft.management/managementgroups/";

    private enum Grant { YES, NO, UNDECIDED }

    public KeyAccessRule() {
        super(ID, Severity.CRITICAL,
                "Disk encryption set cannot reach its key",
                "KMS identity cannot use its key",
                "the set has no managed identity, or its identity lacks get, wrapKey and unwrapKey on the key (access"
                    + " policy) or a role granting them (RBAC: Key Vault Crypto Service Encryption User, Crypto User,"
                    + " Crypto Officer, Administrator or a custom role with those data actions; Managed HSM: local"
                    + " Crypto Service Encryption User or Crypto User)",
                Compliance.KEY_MANAGEMENT);
    }

    @Override
    public void check(KeyUse use, RuleContext context, Outcome out) {
        if (use.throughSet() && Links.set(use, out) == null) {
            return;
        }
        for (KeyUser user : use.users()) {
            check(use, user, out);
        }
    }

    private void check(KeyUse use, KeyUser user, Outcome out) {
        DiskEncryptionSet set = use.foundSet() != null && use.foundSet().id().equals(user.resource()) ? use.foundSet() : null;
        KeyOperations needs = user.needs();
        String who = capitalised(user.label());
        if (!user.identity().present()) {
            out.fail(user.resource(), who + " has no managed identity, so it cannot " + needs.verb() + " its key"
                            + " and the " + use.purpose().protects() + " it protects become unreadable.",
                    set != null ? fix(set, use.foundVault()) : fix(use, user, use.foundVault()),
                    Evidence.of("identityType", user.identity().type()).map());
            return;
        }
        KeyVault vault = Links.vault(use, out);
        if (vault == null || use.keyRef() == null) {
            return;
        }
        List<String> principals = user.identity().knownPrincipalIds();
        List<String> unknown = user.identity().unknownPrincipals();
        if (principals.isEmpty()) {
            out.notEvaluated(user.resource(), "the principal id of the " + String.join(", ", unknown) + " of " + user.label()
                    + " is not in the inventory; add the output of `" + (set != null ? "az disk-encryption-set show --ids "
                    : "az resource show --ids ") + Bash.q(user.resource()) + "` (it has identity.principalId), or `az identity"
                    + " show --ids IDENTITY-ID` for each user-assigned identity");
            return;
        }
        List<String> gaps = new ArrayList<>();
        Grant grant = vault.usesRbac() ? viaRoles(use, user, vault, principals, gaps, out)
                : viaPolicies(vault, principals, needs, gaps);
        if (grant == Grant.NO && !vault.usesRbac() && (!vault.accessPoliciesListed() || vault.accessPolicies().stream()
                .anyMatch(p -> !p.complete() && (p.objectId() == null
                        || principals.stream().anyMatch(pr -> pr.equalsIgnoreCase(p.objectId())))))) {
            out.notEvaluated(vault.id(), "no access policy of " + Links.vaultLabel(vault) + " grants "
                    + (set != null ? "the set's identity" : "the identity of " + user.label()) + " " + needs.label()
                    + ", but an entry in the record leaves out whom it is for or its key permissions; add the output of"
                    + " `az keyvault show --name " + Bash.q(vault.name()) + "`");
            return;
        }
        if (grant != Grant.NO) {
            return;
        }
        if (!unknown.isEmpty()) {
            out.notEvaluated(user.resource(), "the known identities lack access (" + String.join("; ", gaps) + ") but the principal id of the "
                    + String.join(", ", unknown) + " is not in the inventory");
            return;
        }
        out.fail(user.resource(), who + " cannot use key " + use.keyRef().name() + " in "
                        + Links.vaultLabel(vault) + " because its identity lacks "
                        + (vault.usesRbac() ? "a role granting" : "the permissions") + " " + needs.label() + ".",
                set != null ? fix(set, vault) : fix(use, user, vault), Evidence.of("vault", vault.id())
                        .and("authorization", vault.managedHsm() ? "managedHsmLocalRbac" : vault.usesRbac() ? "rbac" : "accessPolicies")
                        .and("principalIds", principals).and("gaps", gaps).map());
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static Grant viaPolicies(KeyVault vault, List<String> principals, KeyOperations needs, List<String> gaps) {
        for (String principal : principals) {
            List<String> missing = new ArrayList<>(needs.accessPolicyPermissions());
            for (AccessPolicy p : vault.accessPolicies()) {
                if (principal.equalsIgnoreCase(p.objectId())) {
                    missing.removeIf(p::grants);
                }
            }
            if (missing.isEmpty()) {
                return Grant.YES;
            }
            gaps.add("principal " + principal + " lacks " + String.join(", ", missing) + " in the access policies");
        }
        return Grant.NO;
    }

    private static Grant viaRoles(KeyUse use, KeyUser user, KeyVault vault, List<String> principals,
                                  List<String> gaps, Outcome out) {
        Lookup<List<RoleAssignment>> lookup = use.roleAssignments();
        if (lookup == null || lookup instanceof Lookup.Unknown<?>) {
            out.notEvaluated(vault.id(), lookup == null ? "the role assignments at " + Links.vaultLabel(vault) + " were not read"
                    : ((Lookup.Unknown<?>) lookup).reason());
            return Grant.UNDECIDED;
        }
        List<RoleAssignment> assignments = lookup.orNull() == null ? List.of() : lookup.orNull();
        ResourceId keyScope = vault.id().child("keys", use.keyRef().name());
        List<String> undecided = new ArrayList<>();
        for (RoleAssignment a : assignments) {
            if (!applies(a, keyScope)) {
                continue;
            }
            boolean own = principals.stream().anyMatch(p -> p.equalsIgnoreCase(a.principalId()));
            // a Managed HSM's data plane does not say what kind of principal an assignment is for: it may be a group
            boolean group = "group".equalsIgnoreCase(a.principalType()) || (a.principalType() == null && !own);
            if (!own && !group) {
                continue;
            }
            Grant g = grant(use, a, vault.managedHsm(), user.needs(), undecided);
            if (g == Grant.YES && a.unplaced()) {
                undecided.add("role " + roleLabel(a, vault.managedHsm()) + " is assigned at management group "
                        + a.scope().name() + ", and the inventory does not say whether that group holds subscription "
                        + vault.id().subscriptionId() + "; export role assignments one subscription per file (`az role"
                        + " assignment list --all --include-inherited --subscription " + Bash.q(vault.id().subscriptionId()) + "`)");
                continue;
            }
            if (g == Grant.YES && own) {
                return Grant.YES;
            }
            if (g == Grant.YES) {
                undecided.add("role " + roleLabel(a, vault.managedHsm()) + " at " + scopeLabel(a) + " is assigned to group "
                        + a.principalId() + ", which may hold the set's identity, and group membership cannot be read with"
                        + " Reader; check with `az ad group member check --group " + Bash.q(a.principalId()) + " --member-id "
                        + Bash.q(principals.get(0)) + "`");
            }
        }
        if (!undecided.isEmpty()) {
            out.notEvaluated(vault.id(), "no role assigned directly to the identity of " + user.label()
                    + " grants key access, but " + String.join("; ", undecided));
            return Grant.UNDECIDED;
        }
        for (String principal : principals) {
            gaps.add("principal " + principal + " has no role granting " + user.needs().rolePhrase() + " at the key, "
                    + (vault.managedHsm() ? "the Managed HSM" : "vault or an enclosing scope"));
        }
        return Grant.NO;
    }

    /** On the key scope or above it; management-group assignments the inventory returned are above it by contract. */
    private static boolean applies(RoleAssignment a, ResourceId keyScope) {
        return a.scope() != null && (keyScope.isUnder(a.scope()) || a.scope().key().startsWith(MANAGEMENT_GROUPS));
    }

    private static Grant grant(KeyUse use, RoleAssignment a, boolean managedHsm, KeyOperations needs, List<String> undecided) {
        Boolean known = KeyRoles.knownGrant(a.roleDefinitionGuid(), managedHsm, needs);
        if (known != null) {
            return known ? Grant.YES : Grant.NO;
        }
        Lookup<RoleDefinition> definition = use.roleDefinition(a.roleDefinitionGuid());
        if (definition instanceof Lookup.Found<RoleDefinition> f) {
            return KeyRoles.grants(f.value(), managedHsm, needs) ? Grant.YES : Grant.NO;
        }
        if (definition instanceof Lookup.Absent<RoleDefinition>) {
            return Grant.NO; // a deleted role definition grants nothing
        }
        String why = definition instanceof Lookup.Unknown<RoleDefinition> u ? u.reason() : "it was not read";
        undecided.add("the definition of role " + roleLabel(a, managedHsm) + " assigned at " + scopeLabel(a) + " is unknown ("
                + why + ")");
        return Grant.UNDECIDED;
    }

    private static String roleLabel(RoleAssignment a, boolean managedHsm) {
        String name = a.roleDefinitionName() != null ? a.roleDefinitionName() : KeyRoles.knownName(a.roleDefinitionGuid(), managedHsm);
        return name != null ? name + " (" + a.roleDefinitionGuid() + ")" : a.roleDefinitionGuid();
    }

    private static String scopeLabel(RoleAssignment a) {
        return a.scope() == null ? "an unknown scope" : a.scope().toString();
    }

    static String fix(DiskEncryptionSet set, KeyVault vault) {
        String rg = Bash.q(set.id().resourceGroup());
        String name = Bash.q(set.name());
        String keyName = set.activeKey() == null ? null : set.activeKey().name();
        String vaultName = Bash.q(vault != null ? vault.name() : set.activeKey() != null ? set.activeKey().vaultName() : "kv-name");
        StringBuilder sb = new StringBuilder("Give the set an identity and let it use the key (bash):\n");
        if (!set.identity().present()) {
            sb.append("  az disk-encryption-set identity assign -g ").append(rg).append(" -n ").append(name)
                    .append(" --system-assigned\n");
        }
        sb.append("  PRINCIPAL=$(az disk-encryption-set show -g ").append(rg).append(" -n ").append(name)
                .append(" --query identity.principalId -o tsv)\n");
        if (vault != null && vault.managedHsm()) {
            sb.append("  az keyvault role assignment create --hsm-name ").append(vaultName)
                    .append(" --role \"Managed HSM Crypto Service Encryption User\" --assignee-object-id \"$PRINCIPAL\"")
                    .append(" --assignee-principal-type ServicePrincipal --scope ")
                    .append(Bash.q(keyName == null ? "/keys" : "/keys/" + keyName)).append('\n');
        } else if (vault != null && vault.usesRbac()) {
            sb.append("  az role assignment create --role \"Key Vault Crypto Service Encryption User\" --assignee-object-id")
                    .append(" \"$PRINCIPAL\" --assignee-principal-type ServicePrincipal --scope ")
                    .append(Bash.q(keyName == null ? vault.id() : vault.id().child("keys", keyName))).append('\n');
        } else {
            sb.append("  az keyvault set-policy -n ").append(vaultName)
                    .append(" --object-id \"$PRINCIPAL\" --key-permissions get wrapKey unwrapKey\n");
        }
        return sb.append("Terraform: identity { type = \"SystemAssigned\" } on azurerm_disk_encryption_set.")
                .append(NoByokRule.tfName(set.name())).append(", plus ")
                .append(vault != null && vault.managedHsm() ? "an azurerm_key_vault_managed_hardware_security_module_role_assignment"
                        + " (Managed HSM Crypto Service Encryption User) for its principal_id"
                        : vault != null && vault.usesRbac() ? "an azurerm_role_assignment (Key Vault Crypto Service"
                        + " Encryption User) for its principal_id" : "an azurerm_key_vault_access_policy (get, wrapKey,"
                        + " unwrapKey) for its principal_id").append('.').toString();
    }

    /**
     * For a principal other than a disk encryption set (a cluster identity, say): grant it the operations its key use
     * needs, the way the vault decides access.
     */
    static String fix(KeyUse use, KeyUser user, KeyVault vault) {
        KeyOperations needs = user.needs();
        String keyName = use.keyRef() == null ? null : use.keyRef().name();
        Script script = new Script("Let the identity of " + user.label() + " " + needs.verb() + " with the key");
        List<String> known = user.identity().knownPrincipalIds();
        if (known.size() == 1) {
            script.cmd("PRINCIPAL=" + Bash.q(known.get(0)), "the principal (object) id of its identity");
        } else {
            script.set("PRINCIPAL", "PRINCIPAL-ID", "the principal (object) id of " + user.label() + "'s identity");
        }
        if (vault != null && vault.managedHsm()) {
            script.cmd("az keyvault role assignment create --hsm-name " + Bash.q(vault.name()) + " --role "
                    + Bash.q(needs.hsmRoleToGrant()) + " --assignee-object-id \"$PRINCIPAL\" --assignee-principal-type"
                    + " ServicePrincipal --scope " + Bash.q(keyName == null ? "/keys" : "/keys/" + keyName));
        } else if (vault != null && vault.usesRbac()) {
            script.cmd("az role assignment create --role " + Bash.q(needs.vaultRoleToGrant()) + " --assignee-object-id"
                    + " \"$PRINCIPAL\" --assignee-principal-type ServicePrincipal --scope "
                    + Bash.q(keyName == null ? vault.id() : vault.id().child("keys", keyName)));
        } else {
            String name = vault != null ? vault.name() : use.keyRef() != null ? use.keyRef().vaultName() : "kv-name";
            script.cmd("az keyvault set-policy -n " + Bash.q(name) + " --object-id \"$PRINCIPAL\" --key-permissions "
                    + String.join(" ", needs.accessPolicyPermissions()));
        }
        return script.terraform("an azurerm_role_assignment (" + needs.vaultRoleToGrant() + ") or an"
                + " azurerm_key_vault_access_policy (" + String.join(", ", needs.accessPolicyPermissions())
                + ") for the identity's principal_id.");
    }
}
