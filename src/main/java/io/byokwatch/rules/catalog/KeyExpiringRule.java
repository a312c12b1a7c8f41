package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
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
        String what = Links.pinnedToOlderVersion(set, chain.foundKey()) ? "Version " + set.activeKey().version() + " of key "
                + key.name() : "Key " + key.name();
        out.fail(set.id(), severity, what + " in " + Links.vaultLabel(key.ref()) + ", used by disk encryption set " + set.name()
                        + ", expires on " + key.expires() + " (" + (days == 0 ? "in less than a day" : "in " + days + " days") + ").",
                fix(set, key),
                Evidence.of("expires", key.expires()).and("daysLeft", days)
                        .and("warningDays", chain.settings().keyExpiryWarningDays()).map());
    }

    /** Rotate now, let a policy rotate from now on, and make the set follow (a pinned set keeps using the old version). */
    static String fix(DiskEncryptionSet set, VaultKey key) {
        String where = (key.ref().inManagedHsm() ? "--hsm-name " : "--vault-name ") + Bash.q(key.ref().vaultName());
        String name = Bash.q(key.name());
        return new Script("Rotate before expiry, let a rotation policy do it next time, and make the set follow the new"
                + " version")
                .cmd("az keyvault key rotate " + where + " -n " + name)
                .cmd("az keyvault key rotation-policy update " + where + " -n " + name + " --value '{\"lifetimeActions\":[{\"trigger\":"
                        + "{\"timeBeforeExpiry\":\"P30D\"},\"action\":{\"type\":\"Rotate\"}}],\"attributes\":{\"expiryTime\":\"P1Y\"}}'")
                .cmd("az disk-encryption-set update -g " + Bash.q(set.id().resourceGroup()) + " -n " + Bash.q(set.name())
                        + " --enable-auto-key-rotation true")
                .terraform("a rotation_policy { automatic { time_before_expiry = \"P30D\" } expire_after = \"P1Y\" } block on"
                        + " azurerm_key_vault_key." + NoByokRule.tfName(key.name()) + ", and auto_key_rotation_enabled = true on"
                        + " azurerm_disk_encryption_set." + NoByokRule.tfName(set.name()) + " with key_vault_key_id ="
                        + " azurerm_key_vault_key." + NoByokRule.tfName(key.name()) + ".versionless_id.");
    }
}
