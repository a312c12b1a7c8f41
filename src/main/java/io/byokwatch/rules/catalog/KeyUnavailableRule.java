package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Lookup;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.KeyUse;
import io.byokwatch.rules.KeyUseRule;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails when the key a key use reaches cannot be used now: vault or key gone, deleted, disabled, expired, or not yet
 * valid (judged on the version the use names). A set whose record names no key is not evaluated.
 */
public final class KeyUnavailableRule extends CatalogRule implements KeyUseRule {
    public static final String ID = "des-key-unavailable";

    public KeyUnavailableRule() {
        super(ID, Severity.CRITICAL,
                "Disk encryption set's key is unusable",
                "KMS key is unusable",
                "the set's key is disabled, expired, not yet valid, or deleted (or its vault is gone): disks cannot be"
                    + " unwrapped, nodes fail to start and new disks cannot be created",
                List.of(Compliance.PCI_KEY_CUSTODY, Compliance.FEDRAMP_SC12, Compliance.FEDRAMP_CP9));
    }

    @Override
    public void check(KeyUse use, RuleContext context, Outcome out) {
        DiskEncryptionSet set = null;
        if (use.throughSet()) {
            set = Links.set(use, out);
            if (set == null) {
                return;
            }
        }
        KeyRef ref = use.keyRef();
        if (ref == null) {
            if (set != null) {
                // every set has a key from creation on: a record without one is a partial record, not a set without a key
                out.notEvaluated(set.id(), "the record of disk encryption set " + set.name() + " names no active key"
                        + " (activeKey.keyUrl); add the output of `az disk-encryption-set show -g " + Bash.q(set.id().resourceGroup())
                        + " -n " + Bash.q(set.name()) + "`");
            }
            return;
        }
        if (use.vault() instanceof Lookup.Absent<?> gone) {
            fail(out, use, "uses key " + ref.name() + " in " + Links.vaultLabel(ref) + ", and that "
                            + (ref.inManagedHsm() ? "Managed HSM" : "vault") + " no longer exists",
                    Evidence.of("keyUrl", ref).and("vault", gone.evidence()), null);
            return;
        }
        if (use.key() instanceof Lookup.Absent<?> gone) {
            fail(out, use, "uses key " + ref.name() + " in " + Links.vaultLabel(ref) + ", and that key no longer exists",
                    Evidence.of("keyUrl", ref).and("key", gone.evidence()), null);
            return;
        }
        VaultKey key = Links.key(use, out);
        if (key == null) {
            return;
        }
        if (key.deleted()) {
            fail(out, use, "uses key " + ref.name() + " in " + Links.vaultLabel(ref) + ", which was deleted on "
                    + key.deletedOn(), Evidence.of("keyUrl", ref).and("deletedOn", key.deletedOn())
                    .and("recoveryLevel", key.recoveryLevel()), null);
            return;
        }
        if (use.usedKeyVersion() instanceof Lookup.Absent<?> gone) {
            fail(out, use, "uses version " + ref.version() + " of key " + ref.name() + " in " + Links.vaultLabel(ref)
                    + ", and that version does not exist", Evidence.of("keyUrl", ref).and("keyVersion", gone.evidence()), null);
            return;
        }
        VaultKey used = Links.usedKey(use, out);
        if (used == null) {
            return;
        }
        Instant now = context.now();
        List<String> problems = new ArrayList<>();
        if (used.deleted()) {
            problems.add("was deleted on " + used.deletedOn());
        }
        if (Boolean.FALSE.equals(used.enabled())) {
            problems.add("is disabled");
        }
        if (used.expires() != null && !used.expires().isAfter(now)) {
            problems.add("expired on " + used.expires());
        }
        if (used.notBefore() != null && used.notBefore().isAfter(now)) {
            problems.add("is not valid before " + used.notBefore());
        }
        if (problems.isEmpty()) {
            return;
        }
        boolean pinned = Links.pinnedToOlderVersion(use, key);
        String what = pinned ? "version " + ref.version() + " of key " + ref.name() + " (the key's current version is "
                + key.currentVersion() + ")" : "key " + ref.name();
        fail(out, use, "uses " + what + " in " + Links.vaultLabel(ref) + ", which " + String.join(" and ", problems),
                Evidence.of("keyUrl", ref).and("usedVersion", ref.version()).and("currentVersion", key.currentVersion())
                        .and("enabled", used.enabled()).and("expires", used.expires())
                        .and("notBefore", used.notBefore()).and("deletedOn", used.deletedOn())
                        .and("recoveryLevel", used.recoveryLevel()), now);
    }

    private static void fail(Outcome out, KeyUse use, String reason, Evidence evidence, Instant now) {
        DiskEncryptionSet set = use.foundSet();
        if (set != null) {
            out.fail(set.id(), "Disk encryption set " + set.name() + " " + reason + ", so disks it protects cannot be decrypted.",
                    remediation(set, now), evidence.map());
            return;
        }
        if (Kms.former(use) && reason.startsWith("uses ")) {
            // a key KMS no longer names still decrypts what was written with it, and the API server reads it back
            out.fail(use.holderId(), Links.holder(use) + " used " + reason.substring(5) + ", and that key still"
                    + " protects Kubernetes secrets written with it (KMS keeps needing a key after it is turned off or"
                    + " rotated away from), so the API server cannot decrypt them.", keyRemediation(use.keyRef(), now),
                    evidence.and("kmsKey", "former").map());
            return;
        }
        out.fail(use.holderId(), Links.holder(use) + " " + reason + ", so the " + use.purpose().protects()
                + " it protects cannot be decrypted.", keyRemediation(use.keyRef(), now), evidence.map());
    }

    /** Recover, re-enable or extend the key (the version the set uses), or point the set at a usable one. */
    static String remediation(DiskEncryptionSet set, java.time.Instant now) {
        ResourceId id = set.id();
        KeyRef ref = set.activeKey();
        boolean hsm = ref != null && ref.inManagedHsm();
        String where = ref == null ? "--vault-name \"$VAULT\"" : (hsm ? "--hsm-name " : "--vault-name ") + Bash.q(ref.vaultName());
        String key = ref == null ? "\"$KEY\"" : Bash.q(ref.name());
        String expires = (now == null ? java.time.Instant.parse("2030-01-01T00:00:00Z") : now.plus(java.time.Duration.ofDays(365)))
                .truncatedTo(java.time.temporal.ChronoUnit.DAYS).toString();
        Script script = new Script("Make the key usable again, or point the set at a usable key, before nodes restart");
        if (ref == null) {
            script.set("VAULT", "VAULT", "the vault that holds the key").set("KEY", "KEY", "the key");
        } else if (!hsm) {
            script.cmd("az keyvault recover --name " + Bash.q(ref.vaultName()), "if the vault itself was deleted (soft-deleted)");
        }
        script.cmd("az keyvault key recover " + where + " -n " + key, "if the key was deleted (soft-deleted)")
                .cmd("az keyvault key set-attributes " + where + " -n " + key
                        + (ref != null && ref.version() != null ? " --version " + Bash.q(ref.version()) : "")
                        + " --enabled true --expires " + expires, "re-enable, and move an expiry that has passed")
                .cmd("KEY_ID=$(az keyvault key show " + where + " -n " + key + " --query key.kid -o tsv)")
                .cmd("az disk-encryption-set update -g " + Bash.q(id.resourceGroup()) + " -n " + Bash.q(set.name())
                        + " --key-url \"$KEY_ID\"" + (set.sourceVaultId() != null ? " --source-vault " + Bash.q(set.sourceVaultId()) : ""),
                        "if the set should move to the current version");
        return script.terraform("keep azurerm_key_vault_key." + NoByokRule.tfName(ref == null ? "key" : ref.name())
                + " enabled with a future expiration_date, and never destroy it while a set uses it.");
    }

    /** For a key the cluster names itself: make the key usable again; pointing the cluster at another key is its own step. */
    static String keyRemediation(KeyRef ref, Instant now) {
        String where = (ref.inManagedHsm() ? "--hsm-name " : "--vault-name ") + Bash.q(ref.vaultName());
        String key = Bash.q(ref.name());
        Script script = new Script("Make the key usable again before the cluster next needs it");
        if (!ref.inManagedHsm()) {
            script.cmd("az keyvault recover --name " + Bash.q(ref.vaultName()), "if the vault itself was deleted (soft-deleted)");
        }
        return script.cmd("az keyvault key recover " + where + " -n " + key, "if the key was deleted (soft-deleted)")
                .cmd("az keyvault key set-attributes " + where + " -n " + key
                        + (ref.version() != null ? " --version " + Bash.q(ref.version()) : "")
                        + " --enabled true --expires " + expiry(now), "re-enable, and move an expiry that has passed")
                .terraform("keep azurerm_key_vault_key." + NoByokRule.tfName(ref.name())
                        + " enabled with a future expiration_date, and never destroy it while a cluster uses it.");
    }

    private static String expiry(Instant now) {
        return (now == null ? Instant.parse("2030-01-01T00:00:00Z") : now.plus(java.time.Duration.ofDays(365)))
                .truncatedTo(java.time.temporal.ChronoUnit.DAYS).toString();
    }
}
