package io.byokwatch.rules;

import io.byokwatch.domain.ResourceId;

import java.util.List;

/**
 * The thresholds and switches rules read from the policy file.
 *
 * @param requireDataDiskEvidence  persistent-volume disks that were not read make the cluster unknown (a gating
 *                                 notEvaluated) instead of a report-level note
 * @param allowedDataDiskSets      disk encryption sets (or scopes holding them: a group, a subscription) persistent
 *                                 volumes may use; empty allows any set whose chain holds
 * @param kmsRotationMaxAgeDays    how many days the key version legacy KMS uses may trail the newest enabled version
 */
public record RuleSettings(int keyExpiryWarningDays, boolean requireHsm, boolean requireDataDiskEvidence,
                           List<ResourceId> allowedDataDiskSets, int kmsRotationMaxAgeDays) {
    public static final RuleSettings DEFAULTS = new RuleSettings(30, false);

    public RuleSettings(int keyExpiryWarningDays, boolean requireHsm, boolean requireDataDiskEvidence,
                        List<ResourceId> allowedDataDiskSets) {
        this(keyExpiryWarningDays, requireHsm, requireDataDiskEvidence, allowedDataDiskSets, 90);
    }

    public RuleSettings {
        allowedDataDiskSets = allowedDataDiskSets == null ? List.of() : List.copyOf(allowedDataDiskSets);
    }

    public RuleSettings(int keyExpiryWarningDays, boolean requireHsm) {
        this(keyExpiryWarningDays, requireHsm, false, List.of());
    }

    /** Whether persistent volumes may use this set under the policy's allowed list. */
    public boolean dataDiskSetAllowed(ResourceId set) {
        return allowedDataDiskSets.isEmpty() || allowedDataDiskSets.stream().anyMatch(set::isUnder);
    }
}
