package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.Severity;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.KeyUse;
import io.byokwatch.rules.KeyUseRule;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleContext;

/** Fails when the disk encryption set a key use goes through reports an automatic key rotation error. */
public final class RotationErrorRule extends CatalogRule implements KeyUseRule {
    public static final String ID = "des-rotation-error";

    public RotationErrorRule() {
        super(ID, Severity.HIGH,
                "Disk encryption set failed to rotate to the latest key version",
                "the set reports autoKeyRotationError: disks stay on an old key version and the next key change may"
                    + " cut them off", Compliance.KEY_MANAGEMENT);
    }

    @Override
    public void check(KeyUse use, RuleContext context, Outcome out) {
        DiskEncryptionSet set = use.throughSet() ? Links.set(use, out) : null;
        if (set == null || !set.hasRotationError()) {
            return;
        }
        String code = set.rotationErrorCode() == null ? "an error" : set.rotationErrorCode();
        out.fail(set.id(), "Disk encryption set " + set.name() + " reports automatic key rotation error " + code
                        + ", so its disks are not following the latest key version.",
                fix(set),
                Evidence.of("code", set.rotationErrorCode()).and("message", set.rotationErrorMessage())
                        .and("lastKeyRotationTimestamp", set.lastKeyRotation()).map());
    }

    static String fix(DiskEncryptionSet set) {
        String rg = Bash.q(set.id().resourceGroup());
        String name = Bash.q(set.name());
        KeyRef ref = set.activeKey();
        String where = ref == null ? "--vault-name \"$VAULT\"" : (ref.inManagedHsm() ? "--hsm-name " : "--vault-name ")
                + Bash.q(ref.vaultName());
        Script script = new Script("Read the error, fix its cause (most often the set's identity lost access to the key),"
                + " then re-point the set at the key's current version and let it follow new ones")
                .cmd("az disk-encryption-set show -g " + rg + " -n " + name + " --query autoKeyRotationError");
        if (ref == null) {
            script.set("VAULT", "VAULT", "the vault that holds the key").set("KEY", "KEY", "the key");
        }
        return script.cmd("KEY_ID=$(az keyvault key show " + where + " -n " + (ref == null ? "\"$KEY\"" : Bash.q(ref.name()))
                        + " --query key.kid -o tsv)")
                .cmd("az disk-encryption-set update -g " + rg + " -n " + name + " --key-url \"$KEY_ID\" --enable-auto-key-rotation true")
                .terraform("auto_key_rotation_enabled = true on azurerm_disk_encryption_set." + NoByokRule.tfName(set.name())
                        + ", whose key_vault_key_id must then be azurerm_key_vault_key.<key>.versionless_id, and re-apply.");
    }
}
