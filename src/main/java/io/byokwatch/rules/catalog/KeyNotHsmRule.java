package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.KeyUse;
import io.byokwatch.rules.KeyUseRule;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleContext;

import java.util.List;

/** When the policy requires HSM keys, fails for a key that is neither an -HSM key type nor held in a Managed HSM. */
public final class KeyNotHsmRule extends CatalogRule implements KeyUseRule {
    public static final String ID = "key-not-hsm";

    public KeyNotHsmRule() {
        super(ID, Severity.MEDIUM,
                "Disk key is not HSM-protected",
                "KMS key is not HSM-protected",
                "policy requireHsm is true and the key is not RSA-HSM/EC-HSM nor held in a Managed HSM",
                List.of(Compliance.FEDRAMP_SC12, Compliance.FEDRAMP_SC13, Compliance.PCI_KEY_CUSTODY));
    }

    @Override
    public void check(KeyUse use, RuleContext context, Outcome out) {
        DiskEncryptionSet set = use.foundSet();
        if (!context.settings().requireHsm() || (use.throughSet() && set == null) || use.keyRef() == null) {
            return;
        }
        if (use.keyRef().inManagedHsm()) {
            return;
        }
        VaultKey key = Links.usedKey(use, out);
        if (key == null || key.hsmBacked()) {
            return;
        }
        if (key.keyType() == null) {
            out.notEvaluated(use.holderId(), "the key type of " + (use.keyRef().version() == null ? "" : "version "
                    + use.keyRef().version() + " of ") + "key " + key.name() + " is not in the inventory (list"
                    + " outputs leave it out); add `az keyvault key show " + (key.ref().inManagedHsm() ? "--hsm-name " : "--vault-name ")
                    + Bash.q(key.ref().vaultName()) + " -n " + Bash.q(key.name())
                    + (use.keyRef().version() == null ? "" : " --version " + Bash.q(use.keyRef().version()))
                    + "` or the ARM vaults/keys body");
            return;
        }
        out.fail(use.holderId(), Links.holder(use) + " uses software-protected " + key.keyType() + " key "
                        + key.name() + " in " + Links.vaultLabel(key.ref()) + ", but the policy requires an HSM-protected key.",
                set != null ? fix(set, key, use.foundVault()) : hsmKeyFix(key),
                Evidence.of("kty", key.keyType()).and("requireHsm", true).map());
    }

    /**
     * Create an HSM key (in the same vault when it is Premium, else in a new Premium vault), let the set's identity use
     * it there first, then move the set: an update to a key the identity cannot reach fails or leaves disks unwrappable.
     */
    static String fix(DiskEncryptionSet set, VaultKey key, KeyVault current) {
        String rg = Bash.q(set.id().resourceGroup());
        String name = Bash.q(set.name());
        boolean premium = current != null && "premium".equalsIgnoreCase(current.sku()) && !current.managedHsm();
        String vault = Bash.q(premium ? current.name() : Names.vault(key.ref().vaultName(), "-hsm"));
        String newKey = Bash.q(Names.key(key.name(), "-hsm"));
        Script script = new Script("Create an HSM-protected key" + (premium ? " in the same Premium vault" : " in a Premium"
                + " vault") + ", let the set's identity use it, then move the set to it");
        if (!premium) {
            script.cmd("az keyvault create -g " + rg + " -n " + vault + " --sku premium --enable-purge-protection true"
                            + " --retention-days 90 --enable-rbac-authorization true", "a globally unique name")
                    .cmd("ME=$(az ad signed-in-user show --query id -o tsv)");
        }
        script.cmd("VAULT_ID=$(az keyvault show -n " + vault + " --query id -o tsv)");
        if (!premium) {
            script.cmd("az role assignment create --role \"Key Vault Crypto Officer\" --assignee-object-id \"$ME\""
                    + " --assignee-principal-type User --scope \"$VAULT_ID\"", "lets you create the key");
        }
        script.cmd("az keyvault key create --vault-name " + vault + " -n " + newKey + " --kty RSA-HSM --size 3072")
                .cmd("PRINCIPAL=$(az disk-encryption-set show -g " + rg + " -n " + name + " --query identity.principalId -o tsv)");
        if (premium && !current.usesRbac()) {
            script.cmd("az keyvault set-policy -n " + vault + " --object-id \"$PRINCIPAL\" --key-permissions get wrapKey unwrapKey");
        } else {
            script.cmd("az role assignment create --role \"Key Vault Crypto Service Encryption User\" --assignee-object-id"
                    + " \"$PRINCIPAL\" --assignee-principal-type ServicePrincipal --scope \"$VAULT_ID\"");
        }
        return script.cmd("KEY_ID=$(az keyvault key show --vault-name " + vault + " -n " + newKey + " --query key.kid -o tsv)")
                .cmd("az disk-encryption-set update -g " + rg + " -n " + name + " --key-url \"$KEY_ID\""
                        // ARM refuses sourceVault for a vault in another subscription
                        + (premium && !sameSubscription(current, set) ? "" : " --source-vault \"$VAULT_ID\""))
                .terraform("key_type = \"RSA-HSM\" on azurerm_key_vault_key in a vault with sku_name = \"premium\", the set's"
                        + " identity granted on that vault before key_vault_key_id points at it.");
    }

    private static boolean sameSubscription(KeyVault vault, DiskEncryptionSet set) {
        return vault.id().subscriptionId() != null && vault.id().subscriptionId().equalsIgnoreCase(set.id().subscriptionId());
    }

    /** For a key the cluster names itself: an HSM-protected key to move the cluster to (moving it is its own step). */
    static String hsmKeyFix(VaultKey key) {
        String vault = Bash.q(Names.vault(key.ref().vaultName(), "-hsm"));
        String newKey = Bash.q(Names.key(key.name(), "-hsm"));
        return new Script("Create an HSM-protected key in a Premium vault, then point the cluster at it")
                .cmd("az keyvault key create --vault-name " + vault + " -n " + newKey + " --kty RSA-HSM --size 3072",
                        "in a vault created with --sku premium")
                .terraform("key_type = \"RSA-HSM\" on azurerm_key_vault_key in a vault with sku_name = \"premium\".");
    }
}
