package io.byokwatch.rules.catalog;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.rules.Chain;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.Outcome;

import java.time.Duration;

/**
 * Fails when the set's key expires within the warning window (policy {@code keyExpiryWarningDays}); high under seven
 * days, else medium. An already expired key is {@code des-key-unavailable}, not this.
 */
public final class KeyExpiringRule extends CatalogRule {
    public static final String ID = "key-expiring";

    public KeyExpiringRule() {
        super(ID, Severity.MEDIUM,
                "Disk key expires soon",
                "the key expires within keyExpiryWarningDays (default 30); high under 7 days, else medium",
            Compliance.KEY_MANAGEMENT);
    }

    @Override
    public void check(Chain chain, Outcome out) {
        DiskEncryptionSet set = chain.foundSet();
        VaultKey key = set == null ? null : Links.usedKey(chain, out);
        if (key == null || key.expires() == null || !key.expires().isAfter(chain.now())) {
            return;
        }
        Duration left = Duration.between(chain.now(), key.expires());
        if (left.compareTo(Duration.ofDays(chain.settings().keyExpiryWarningDays())) > 0) {
            return;
        }
        long days = left.toDays();
        Severity severity = left.compareTo(Duration.ofDays(7)) < 0 ? Severity.HIGH : Severity.MEDIUM;
        String vault = key.ref().vaultName();
        out.fail(set.id(), severity, "Key " + key.name() + " in vault " + vault + ", used by disk encryption set " + set.name()
                        + ", expires on " + key.expires() + " (" + (days == 0 ? "in less than a day" : "in " + days + " days") + ").",
                "Rotate before expiry, and let a rotation policy do it next time:\n"
                        + "  az keyvault key rotate --vault-name " + vault + " -n " + key.name() + "\n"
                        + "  az keyvault key rotation-policy update --vault-name " + vault + " -n " + key.name()
                        + " --value '{\"lifetimeActions\":[{\"trigger\":{\"timeBeforeExpiry\":\"P30D\"},\"action\":{\"type\":\"Rotate\"}}],"
                        + "\"attributes\":{\"expiryTime\":\"P1Y\"}}'\n"
                        + "Terraform: a rotation_policy { automatic { time_before_expiry = \"P30D\" } expire_after = \"P1Y\" } block on"
                        + " azurerm_key_vault_key." + NoByokRule.tfName(key.name()) + ".",
                Evidence.of("expires", key.expires()).and("daysLeft", days)
                        .and("warningDays", chain.settings().keyExpiryWarningDays()).map());
    }
}
