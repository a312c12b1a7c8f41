package io.byokwatch.rules.catalog;

import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.KeyUse;
import io.byokwatch.rules.KeyUseRule;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleContext;

import java.util.List;

/**
 * Fails for each persistent-volume disk or snapshot on a disk encryption set outside the policy's
 * {@code allowedDataDiskEncryptionSets} (set ids, or the groups and subscriptions holding them); passes when the policy
 * lists none, so that by default any set whose chain holds is accepted. The set's own health is the other rules'.
 */
public final class PvDiskSetNotAllowedRule extends CatalogRule implements KeyUseRule {
    public static final String ID = "pv-disk-set-not-allowed";

    public PvDiskSetNotAllowedRule() {
        super(ID, Severity.HIGH,
                "Persistent volume is encrypted through a disk encryption set the policy does not allow",
                "a persistent-volume disk or snapshot names a disk encryption set outside the policy's"
                        + " allowedDataDiskEncryptionSets",
                Compliance.KEY_MANAGEMENT);
    }

    @Override
    public void check(KeyUse use, RuleContext context, Outcome out) {
        if (use.purpose() != KeyPurpose.DATA_DISK || !use.throughSet()
                || context.settings().dataDiskSetAllowed(use.setId())) {
            return;
        }
        List<ResourceId> allowed = context.settings().allowedDataDiskSets();
        ResourceId target = allowed.stream().filter(a -> "microsoft.compute/diskencryptionsets".equals(a.type())).findFirst()
                .orElse(null);
        for (KeyConsumer v : use.volumes()) {
            String d = v.describe();
            out.fail(v.id(), Character.toUpperCase(d.charAt(0)) + d.substring(1) + " of cluster " + use.cluster().name()
                            + " is encrypted through disk encryption set " + use.setId().name() + ", which the policy"
                            + " does not allow for persistent volumes.",
                    VolumeKeyFix.script(use.cluster(), v, target),
                    Evidence.of("diskEncryptionSetId", use.setId())
                            .and("allowedDataDiskEncryptionSets", allowed.stream().map(ResourceId::toString).toList()).map(),
                    List.of(v));
        }
    }
}
