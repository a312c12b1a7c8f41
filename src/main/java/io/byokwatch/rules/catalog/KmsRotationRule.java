package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.KeyUse;
import io.byokwatch.rules.KeyUseRule;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleContext;

import java.time.Duration;
import java.util.List;

/**
 * Fails when legacy KMS still uses a key version created more than {@code kmsRotationMaxAgeDays} (default 90) before the
 * key's newest enabled version: AKS does not follow new key versions by itself, so a rotation in the vault protects
 * nothing until {@code keyId} is moved and the secrets are rewritten. The versionless key of KMS data encryption is
 * rotated by AKS and never judged here. Creation times the records leave out, or a newest version that is disabled,
 * leave the rule silent: the age cannot be measured.
 */
public final class KmsRotationRule extends CatalogRule implements KeyUseRule {
    public static final String ID = "kms-key-not-rotated";

    public KmsRotationRule() {
        super(ID, Severity.MEDIUM,
                "KMS still uses an old key version",
                "legacy KMS's keyId names a key version older than the key's newest enabled version by more than"
                        + " kmsRotationMaxAgeDays (default 90): AKS does not take up new versions by itself",
                Compliance.KEY_MANAGEMENT);
    }

    @Override
    public void check(KeyUse use, RuleContext context, Outcome out) {
        if (!Kms.current(use) || !Kms.legacy(use)) {
            return;
        }
        VaultKey newest = use.key() == null ? null : use.key().orNull();
        VaultKey used = use.usedKeyVersion() == null ? null : use.usedKeyVersion().orNull();
        KeyRef ref = use.keyRef();
        if (newest == null || used == null || newest.currentVersion() == null
                || newest.currentVersion().equalsIgnoreCase(ref.version()) || Boolean.FALSE.equals(newest.enabled())
                || newest.created() == null || used.created() == null) {
            return;
        }
        long days = Duration.between(used.created(), newest.created()).toDays();
        int max = context.settings().kmsRotationMaxAgeDays();
        if (days <= max) {
            return;
        }
        ManagedCluster c = use.cluster();
        out.fail(c.id(), "Cluster " + c.name() + " still encrypts its secrets with version " + ref.version() + " of key "
                        + ref.name() + " in " + Links.vaultLabel(ref) + ", created " + days + " days before the newest"
                        + " enabled version " + newest.currentVersion() + " (the policy allows " + max + "); AKS does not"
                        + " move KMS to a new version by itself.",
                fix(c, ref), Evidence.of("keyId", ref).and("usedVersionCreated", used.created())
                        .and("newestVersion", newest.currentVersion()).and("newestVersionCreated", newest.created())
                        .and("daysBehind", days).and("kmsRotationMaxAgeDays", max).map());
    }

    /**
     * The documented rotation: point KMS at the new version, then rewrite every secret with it; the old version must
     * stay enabled and unexpired until the next rotation, because KMS uses two keys at a time.
     */
    static String fix(ManagedCluster c, KeyRef ref) {
        String where = (ref.inManagedHsm() ? "--hsm-name " : "--vault-name ") + Bash.q(ref.vaultName());
        return new Script("Move KMS to the newest key version and re-encrypt the secrets with it; keep version "
                + ref.version() + " enabled and unexpired until the next rotation (KMS uses two keys at a time)")
                .cmd("NEW_KEY_ID=$(az keyvault key show " + where + " -n " + Bash.q(ref.name()) + " --query key.kid -o tsv)")
                .cmd(Kms.pointAt(c, "NEW_KEY_ID"))
                .cmd(Kms.REENCRYPT)
                .terraform("key_management_service { key_vault_key_id = azurerm_key_vault_key." + NoByokRule.tfName(ref.name())
                        + ".id } on azurerm_kubernetes_cluster." + NoByokRule.tfName(c.name()) + " (the versioned id), then"
                        + " rewrite the secrets as above.");
    }
}
