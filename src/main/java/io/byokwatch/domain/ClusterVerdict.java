package io.byokwatch.domain;

import java.util.List;

/** The evaluation of one cluster: its status, the findings that count, those waived, and what could not be checked. */
public record ClusterVerdict(ResourceId clusterId, String name, String subscriptionId, ClusterStatus status,
                             List<Finding> findings, List<Exempted> exempted, List<NotEvaluated> notEvaluated) {
    public ClusterVerdict {
        findings = List.copyOf(findings);
        exempted = List.copyOf(exempted);
        notEvaluated = List.copyOf(notEvaluated);
    }
}
