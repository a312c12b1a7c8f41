package io.byokwatch.policy;

import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The user's policy: which clusters must use BYOK, thresholds, disabled rules, severity overrides and exemptions. */
public record Policy(boolean byokRequiredByDefault, List<TagRule> tagRules, List<Exemption> exemptions,
                     int keyExpiryWarningDays, boolean requireHsm, Set<String> disabledRules,
                     Map<String, Severity> severityOverrides) {

    public static final Policy DEFAULT = new Policy(true, List.of(), List.of(), 30, false, Set.of(), Map.of());

    public Policy {
        tagRules = List.copyOf(tagRules);
        exemptions = List.copyOf(exemptions);
        disabledRules = Set.copyOf(disabledRules);
        severityOverrides = Map.copyOf(severityOverrides);
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
