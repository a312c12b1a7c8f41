package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.KeyUse;
import io.byokwatch.rules.KeyUseRule;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleContext;
import io.byokwatch.domain.ResourceId;

import java.time.Duration;

/**
 * Fails when the key version a key use names expires within the warning window (policy {@code keyExpiryWarningDays}); high under seven
 * days, else medium. An already expired key is {@code des-key-unavailable}, not this.
 */
public final class KeyExpiringRule extends CatalogRule implements KeyUseRule {
    public static final String ID = "key-expiring";

    public KeyExpiringRule() {
        super(ID, Severity.MEDIUM,
                "Disk key expires soon",
                "KMS key expires soon",
                "the key expires within keyExpiryWarningDays (default 30); high under 7 days, else medium",
            Compliance.KEY_MANAGEMENT);
    }

    @Override
    public void check(KeyUse use, RuleContext context, Outcome out) {
        DiskEncryptionSet set = use.foundSet();
        if (use.throughSet() && set == null) {
            return;
        }
        VaultKey key = Links.usedKey(use, out);
        if (key == null || key.expires() == null || !key.expires().isAfter(context.now())) {
            return;
        }
        int warningDays = context.settings().keyExpiryWarningDays();
        Duration left = Duration.between(context.now(), key.expires());
        if (left.compareTo(Duration.ofDays(warningDays)) > 0) {
            return;
        }
        long days = left.toDays();
        Severity severity = left.compareTo(Duration.ofDays(7)) < 0 ? Severity.HIGH : Severity.MEDIUM;
        String what = Links.pinnedToOlderVersion(use, use.foundKey()) ? "Version " + use.keyRef().version() + " of key "
                + key.name() : "Key " + key.name();
        String usedBy = set != null ? "disk encryption set " + set.name() : "cluster " + use.cluster().name();
        ResourceId at = set != null ? set.id() : use.holderId();
        out.fail(at, severity, what + " in " + Links.vaultLabel(key.ref()) + ", used by " + usedBy
                        + ", expires on " + key.expires() + " (" + (days == 0 ? "in less than a day" : "in " + days + " days") + ").",
                set != null ? fix(set, key) : fix(key),
                Evidence.of("expires", key.expires()).and("daysLeft", days)
                        .and("warningDays", warningDays).map());
    }

    /** For a key the cluster names itself: rotate now and from now on. */
    static String fix(VaultKey key) {
        String where = (key.ref().inManagedHsm() ? "--hsm-name " : "--vault-name ") + Bash.q(key.ref().vaultName());
        String name = Bash.q(key.name());
        return new Script("Rotate before expiry, and let a rotation policy do it next time")
                .cmd("az keyvault key rotate " + where + " -n " + name)
                .cmd("az keyvault key rotation-policy update " + where + " -n " + name + " --value '{\"lifetimeActions\":[{\"trigger\":"
                        + "{\"timeBeforeExpiry\":\"P30D\"},\"action\":{\"type\":\"Rotate\"}}],\"attributes\":{\"expiryTime\":\"P1Y\"}}'")
                .terraform("a rotation_policy { automatic { time_before_expiry = \"P30D\" } expire_after = \"P1Y\" } block on"
                        + " azurerm_key_vault_key." + NoByokRule.tfName(key.name()) + ".");
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
