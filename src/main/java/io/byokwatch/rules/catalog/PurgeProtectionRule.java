package io.byokwatch.rules.catalog;

import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.Severity;
import io.byokwatch.rules.Chain;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.Outcome;

import java.util.List;

/** Fails when the vault holding the set's key lacks purge protection or soft delete; an omitted setting counts as off. */
public final class PurgeProtectionRule extends CatalogRule {
    public static final String ID = "vault-no-purge-protection";

    public PurgeProtectionRule() {
        super(ID, Severity.HIGH,
                "Key vault holding a disk key can lose it for good",
                "the vault that holds the key lacks purge protection or soft delete (absent means off): one deletion or"
                    + " purge makes every disk wrapped by the key permanently unreadable",
                List.of(Compliance.PCI_KEY_CUSTODY, Compliance.FEDRAMP_SC12, Compliance.FEDRAMP_CP9));
    }

    @Override
    public void check(Chain chain, Outcome out) {
        KeyVault vault = Links.vault(chain, out);
        if (vault == null || (vault.purgeProtected() && vault.softDeleteOn())) {
            return;
        }
        String missing = !vault.softDeleteOn() && !vault.purgeProtected() ? "soft delete and purge protection"
                : !vault.purgeProtected() ? "purge protection" : "soft delete";
        out.fail(vault.id(), "Key vault " + vault.name() + " has no " + missing + ", so a deleted or purged key would make"
                        + " the disks that depend on it permanently unreadable.",
                "Turn both on (purge protection cannot be turned off again, which is the point):\n"
                        + "  az keyvault update -g " + vault.id().resourceGroup() + " -n " + vault.name()
                        + " --enable-soft-delete true --enable-purge-protection true\n"
                        + "Terraform: purge_protection_enabled = true and soft_delete_retention_days = 90 on azurerm_key_vault."
                        + NoByokRule.tfName(vault.name()) + ".",
                Evidence.of("enableSoftDelete", vault.softDelete() == null ? "absent" : vault.softDelete())
                        .and("enablePurgeProtection", vault.purgeProtection() == null ? "absent" : vault.purgeProtection())
                        .and("softDeleteRetentionInDays", vault.softDeleteRetentionDays()).map());
    }
}
