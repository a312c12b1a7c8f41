package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.Severity;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.KeyUse;
import io.byokwatch.rules.KeyUseRule;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleContext;

import java.util.List;

/**
 * Fails when the vault holding a key use's key lacks purge protection (omitted from a full body counts as off, as ARM
 * omits it until it is on) or says soft delete is off.
 */
public final class PurgeProtectionRule extends CatalogRule implements KeyUseRule {
    public static final String ID = "vault-no-purge-protection";

    public PurgeProtectionRule() {
        super(ID, Severity.HIGH,
                "Key vault holding a disk key can lose it for good",
                "Key vault holding a KMS key can lose it for good",
                "the vault that holds the key lacks purge protection or soft delete (absent means off): one deletion or"
                    + " purge makes every disk wrapped by the key permanently unreadable",
                List.of(Compliance.PCI_KEY_CUSTODY, Compliance.FEDRAMP_SC12, Compliance.FEDRAMP_CP9));
    }

    @Override
    public void check(KeyUse use, RuleContext context, Outcome out) {
        KeyVault vault = Links.vault(use, out);
        if (vault == null) {
            return;
        }
        // ARM omits enablePurgeProtection until it is on, so its absence from a full body is the fact "off"; soft delete
        // has been mandatory since 2020 and recent bodies leave it out, so only an explicit false says it is off
        boolean softDeleteOff = Boolean.FALSE.equals(vault.softDelete()) && !vault.managedHsm();
        if (vault.purgeProtected() && !softDeleteOff) {
            return;
        }
        String missing = softDeleteOff && !vault.purgeProtected() ? "soft delete and purge protection"
                : !vault.purgeProtected() ? "purge protection" : "soft delete";
        String label = vault.managedHsm() ? "Managed HSM " + vault.name() : "Key vault " + vault.name();
        String rg = Bash.q(vault.id().resourceGroup());
        Script fix = new Script("Turn purge protection on (it cannot be turned off again, which is the point; soft delete is"
                + " always on for vaults created since 2020 and comes with it)");
        if (vault.managedHsm()) {
            fix.cmd("az keyvault update-hsm -g " + rg + " --hsm-name " + Bash.q(vault.name()) + " --enable-purge-protection true");
        } else {
            fix.cmd("az keyvault update -g " + rg + " -n " + Bash.q(vault.name()) + " --enable-purge-protection true");
        }
        out.fail(vault.id(), label + " has no " + missing + ", so a deleted or purged key would make"
                        + " the " + use.purpose().protects() + " that depend on it permanently unreadable.",
                fix.terraform(vault.managedHsm() ? "purge_protection_enabled = true on"
                        + " azurerm_key_vault_managed_hardware_security_module." + NoByokRule.tfName(vault.name()) + "."
                        : "purge_protection_enabled = true and soft_delete_retention_days = 90 on azurerm_key_vault."
                        + NoByokRule.tfName(vault.name()) + "."),
                Evidence.of("enableSoftDelete", vault.softDelete() == null ? "absent" : vault.softDelete())
                        .and("enablePurgeProtection", vault.purgeProtection() == null ? "absent" : vault.purgeProtection())
                        .and("softDeleteRetentionInDays", vault.softDeleteRetentionDays()).map());
    }
}
