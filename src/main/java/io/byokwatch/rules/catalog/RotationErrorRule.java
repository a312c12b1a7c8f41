package io.byokwatch.rules.catalog;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.Severity;
import io.byokwatch.rules.Chain;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.Outcome;

/** Fails when the set reports an automatic key rotation error. */
public final class RotationErrorRule extends CatalogRule {
    public static final String ID = "des-rotation-error";

    public RotationErrorRule() {
        super(ID, Severity.HIGH,
                "Disk encryption set failed to rotate to the latest key version",
                "the set reports autoKeyRotationError: disks stay on an old key version and the next key change may"
                    + " cut them off", Compliance.KEY_MANAGEMENT);
    }

    @Override
    public void check(Chain chain, Outcome out) {
        DiskEncryptionSet set = Links.set(chain, out);
        if (set == null || !set.hasRotationError()) {
            return;
        }
        String code = set.rotationErrorCode() == null ? "an error" : set.rotationErrorCode();
        out.fail(set.id(), "Disk encryption set " + set.name() + " reports automatic key rotation error " + code
                        + ", so its disks are not following the latest key version.",
                "Read the error, fix its cause (most often the set's identity lost access to the key), then re-point the set:\n"
                        + "  az disk-encryption-set show -g " + set.id().resourceGroup() + " -n " + set.name()
                        + " --query autoKeyRotationError\n"
                        + "  az disk-encryption-set update -g " + set.id().resourceGroup() + " -n " + set.name()
                        + " --key-url <current-key-id> --enable-auto-key-rotation true\n"
                        + "Terraform: auto_key_rotation_enabled = true on azurerm_disk_encryption_set."
                        + NoByokRule.tfName(set.name()) + " and re-apply.",
                Evidence.of("code", set.rotationErrorCode()).and("message", set.rotationErrorMessage())
                        .and("lastKeyRotationTimestamp", set.lastKeyRotation()).map());
    }
}
