package io.byokwatch.rules.catalog;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.rules.Chain;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.Outcome;

import java.util.List;

/** When the policy requires HSM keys, fails for a key that is neither an -HSM key type nor held in a Managed HSM. */
public final class KeyNotHsmRule extends CatalogRule {
    public static final String ID = "key-not-hsm";

    public KeyNotHsmRule() {
        super(ID, Severity.MEDIUM,
                "Disk key is not HSM-protected",
                "policy requireHsm is true and the key is not RSA-HSM/EC-HSM nor held in a Managed HSM",
                List.of(Compliance.FEDRAMP_SC12, Compliance.FEDRAMP_SC13, Compliance.PCI_KEY_CUSTODY));
    }

    @Override
    public void check(Chain chain, Outcome out) {
        DiskEncryptionSet set = chain.foundSet();
        if (!chain.settings().requireHsm() || set == null || set.activeKey() == null) {
            return;
        }
        if (set.activeKey().inManagedHsm()) {
            return;
        }
        VaultKey key = Links.usedKey(chain, out);
        if (key == null || key.hsmBacked()) {
            return;
        }
        if (key.keyType() == null) {
            out.notEvaluated(set.id(), "the key type of " + (set.activeKey().version() == null ? "" : "version "
                    + set.activeKey().version() + " of ") + "key " + key.name() + " is not in the inventory (list"
                    + " outputs leave it out); add az keyvault key show --vault-name " + key.ref().vaultName() + " -n "
                    + key.name() + (set.activeKey().version() == null ? "" : " --version " + set.activeKey().version())
                    + " or the ARM vaults/keys body");
            return;
        }
        String vault = key.ref().vaultName();
        out.fail(set.id(), "Disk encryption set " + set.name() + " uses software-protected " + key.keyType() + " key "
                        + key.name() + " in vault " + vault + ", but the policy requires an HSM-protected key.",
                "Create an HSM key (a Premium vault or a Managed HSM) and move the set to it:\n"
                        + "  az keyvault key create --vault-name <premium-vault> -n " + key.name() + "-hsm --kty RSA-HSM --size 3072\n"
                        + "  az disk-encryption-set update -g " + set.id().resourceGroup() + " -n " + set.name()
                        + " --key-url <new-key-id> --source-vault <premium-vault>\n"
                        + "Terraform: key_type = \"RSA-HSM\" on azurerm_key_vault_key in a vault with sku_name = \"premium\".",
                Evidence.of("kty", key.keyType()).and("requireHsm", true).map());
    }
}
