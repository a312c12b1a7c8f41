package io.byokwatch.app;

import io.byokwatch.domain.Exempted;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.policy.Exemption;
import io.byokwatch.policy.Policy;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/** How the policy's exemptions bear on one finding, the same for a scan, an event and a plan. */
final class ExemptionMatch {
    private ExemptionMatch() {
    }

    /**
     * The exemption that waives the finding (the first that has not expired); else the latest-expiring one that no
     * longer does, marked expired so the report says why the finding counts again; else null.
     */
    static Exempted of(Policy policy, Finding finding, ResourceId owner, LocalDate today) {
        List<Exemption> matches = policy.exemptionsFor(finding.ruleId(), finding.resourceId(), owner);
        Exemption active = matches.stream().filter(e -> !e.expiredOn(today)).findFirst().orElse(null);
        if (active != null) {
            return new Exempted(finding, active.resourceId(), active.reason(), active.approvedBy(), active.expires(), false);
        }
        return matches.stream().max(Comparator.comparing(Exemption::expires))
                .map(e -> new Exempted(finding, e.resourceId(), e.reason(), e.approvedBy(), e.expires(), true))
                .orElse(null);
    }
}
