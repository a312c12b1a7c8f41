package io.byokwatch.policy;

import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.Tags;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user's policy: which clusters must use BYOK, thresholds, disabled rules, severity overrides and exemptions, and
 * how persistent-volume disks are judged.
 *
 * @param requireDataDiskEvidence a cluster whose persistent-volume disks were not read is unknown (false: its verdict
 *                                stands, and the report says once that they were not checked)
 * @param allowedDataDiskSets     the disk encryption sets persistent volumes may use, or scopes holding them; empty
 *                                allows any set whose chain holds
 */
public record Policy(boolean byokRequiredByDefault, List<TagRule> tagRules, List<Exemption> exemptions,
                     int keyExpiryWarningDays, boolean requireHsm, Set<String> disabledRules,
                     Map<String, Severity> severityOverrides, boolean requireDataDiskEvidence,
                     List<ResourceId> allowedDataDiskSets, int kmsRotationMaxAgeDays) {
    /** How many days a legacy KMS key version may trail the newest enabled version before it counts as not rotated. */
    public static final int KMS_ROTATION_MAX_AGE_DAYS = 90;

    public static final Policy DEFAULT = new Policy(true, List.of(), List.of(), 30, false, Set.of(), Map.of());

    public Policy {
        tagRules = List.copyOf(tagRules);
        exemptions = List.copyOf(exemptions);
        disabledRules = Set.copyOf(disabledRules);
        severityOverrides = Map.copyOf(severityOverrides);
        allowedDataDiskSets = allowedDataDiskSets == null ? List.of() : List.copyOf(allowedDataDiskSets);
    }

    /** A policy with the default KMS rotation age. */
    public Policy(boolean byokRequiredByDefault, List<TagRule> tagRules, List<Exemption> exemptions,
                  int keyExpiryWarningDays, boolean requireHsm, Set<String> disabledRules,
                  Map<String, Severity> severityOverrides, boolean requireDataDiskEvidence,
                  List<ResourceId> allowedDataDiskSets) {
        this(byokRequiredByDefault, tagRules, exemptions, keyExpiryWarningDays, requireHsm, disabledRules,
                severityOverrides, requireDataDiskEvidence, allowedDataDiskSets, KMS_ROTATION_MAX_AGE_DAYS);
    }

    /** A policy with the persistent-volume defaults: disks not read are a note, any healthy set is allowed. */
    public Policy(boolean byokRequiredByDefault, List<TagRule> tagRules, List<Exemption> exemptions,
                  int keyExpiryWarningDays, boolean requireHsm, Set<String> disabledRules,
                  Map<String, Severity> severityOverrides) {
        this(byokRequiredByDefault, tagRules, exemptions, keyExpiryWarningDays, requireHsm, disabledRules,
                severityOverrides, false, List.of());
    }

    /** The first tag rule whose tag the cluster carries with a listed value decides; else the default. */
    public boolean requiresByok(ManagedCluster cluster) {
        for (TagRule rule : tagRules) {
            if (rule.matches(cluster.tags().get(rule.tag()))) {
                return rule.required();
            }
        }
        return byokRequiredByDefault;
    }

    /**
     * Whether a resource with these tags inside a cluster (a persistent-volume disk, whose StorageClass may tag it)
     * requires BYOK: the first tag rule its tags match decides, as for a cluster; else {@code otherwise}, the
     * cluster's own answer.
     */
    public boolean requiresByok(Tags tags, boolean otherwise) {
        for (TagRule rule : tagRules) {
            if (rule.matches(tags.get(rule.tag()))) {
                return rule.required();
            }
        }
        return otherwise;
    }

    /** The tag rule that decided, for explaining a not-required verdict. */
    public Optional<TagRule> decidingTagRule(ManagedCluster cluster) {
        return tagRules.stream().filter(r -> r.matches(cluster.tags().get(r.tag()))).findFirst();
    }

    /**
     * Exemptions for a finding of {@code ruleId} on {@code resource} in a chain of {@code cluster}: those naming the
     * cluster (or a prefix of it) or the resource (or a prefix of it). Expired ones are returned too: callers decide.
     */
    public List<Exemption> exemptionsFor(String ruleId, ResourceId resource, ResourceId cluster) {
        return exemptions.stream()
                .filter(e -> e.coversRule(ruleId))
                .filter(e -> cluster.isUnder(e.resourceId()) || resource.isUnder(e.resourceId()))
                .toList();
    }
}
