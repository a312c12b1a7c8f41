package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.KeyUse;
import io.byokwatch.rules.KeyUseRule;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleContext;

/**
 * Fails when a key use does not follow the latest key version (a set without automatic rotation, a versioned key URL)
 * and the key has no rotation policy with a rotate action; passes when either holds. A key whose policy the inventory
 * does not show cannot be judged.
 */
public final class KeyRotationRule extends CatalogRule implements KeyUseRule {
    public static final String ID = "key-no-rotation";

    public KeyRotationRule() {
        super(ID, Severity.MEDIUM,
                "Disk key is never rotated",
                "the set does not follow the latest key version (rotationToLatestKeyVersionEnabled) and the key has no"
                    + " rotation policy with a rotate action", Compliance.KEY_MANAGEMENT);
    }

    @Override
    public void check(KeyUse use, RuleContext context, Outcome out) {
        DiskEncryptionSet set = use.foundSet();
        if (use.purpose() == KeyPurpose.KMS_ETCD) {
            return; // AKS does not follow new versions for legacy KMS whatever the key's policy: kms-key-not-rotated
        }
        if ((use.throughSet() && set == null) || use.followsLatestVersion()) {
            return;
        }
        VaultKey key = Links.key(use, out);
        if (key == null) {
            return;
        }
        if (!key.rotationPolicyKnown()) {
            String vault = key.ref().vaultName();
            out.notEvaluated(use.holderId(), "the rotation policy of key " + key.name() + " is not in the inventory (list outputs"
                    + " and the data plane's key show leave it out); add the ARM vaults/keys/" + key.name() + " GET, or"
                    + " `az keyvault key rotation-policy show " + (key.ref().inManagedHsm() ? "--hsm-name " : "--vault-name ")
                    + Bash.q(vault) + " -n " + Bash.q(key.name()) + "` saved as " + vault + "." + key.name() + ".rotation-policy.json"
                    + " (a key without a policy of its own gets a default one that names no key)");
            return;
        }
        if (key.rotationPolicy() != null && key.rotationPolicy().rotates()) {
            return;
        }
        out.fail(use.holderId(), Links.holder(use) + " is pinned to a key version and key " + key.name()
                        + " in " + Links.vaultLabel(key.ref()) + " has no rotation policy that rotates it.",
                set != null ? fix(set, key) : KeyExpiringRule.fix(key),
                Evidence.of("rotationToLatestKeyVersionEnabled", false)
                        .and("rotationPolicy", key.rotationPolicy() == null ? "none" : "no rotate action").map());
    }

    static String fix(DiskEncryptionSet set, VaultKey key) {
        String where = (key.ref().inManagedHsm() ? "--hsm-name " : "--vault-name ") + Bash.q(key.ref().vaultName());
        return new Script("Rotate on a schedule and let the set follow new versions")
                .cmd("az keyvault key rotation-policy update " + where + " -n " + Bash.q(key.name())
                        + " --value '{\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P90D\"},\"action\":{\"type\":\"Rotate\"}}],"
                        + "\"attributes\":{\"expiryTime\":\"P1Y\"}}'")
                .cmd("az disk-encryption-set update -g " + Bash.q(set.id().resourceGroup()) + " -n " + Bash.q(set.name())
                        + " --enable-auto-key-rotation true")
                .terraform("auto_key_rotation_enabled = true on azurerm_disk_encryption_set." + NoByokRule.tfName(set.name())
                        + ", whose key_vault_key_id must then be azurerm_key_vault_key." + NoByokRule.tfName(key.name())
                        + ".versionless_id, and a rotation_policy block on that key.");
    }
}
