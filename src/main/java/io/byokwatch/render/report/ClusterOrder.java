package io.byokwatch.render.report;

import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Severity;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Order for reading a report top-down: clusters that need action first (noncompliant, then unknown, which may hide a
 * problem), then those waived, then those that are fine, then those out of scope; by name within a status.
 */
public final class ClusterOrder {
    static final List<ClusterStatus> BY_ATTENTION = List.of(ClusterStatus.NONCOMPLIANT, ClusterStatus.UNKNOWN,
            ClusterStatus.EXEMPT, ClusterStatus.COMPLIANT, ClusterStatus.NOT_REQUIRED);

    static final Comparator<ClusterVerdict> ATTENTION_FIRST = Comparator
            .comparingInt((ClusterVerdict v) -> BY_ATTENTION.indexOf(v.status()))
            .thenComparing(v -> v.name() == null ? "" : v.name().toLowerCase(Locale.ROOT))
            .thenComparing(v -> v.clusterId().key());

    /** Attention first, and within a status the clusters with the worst finding first: what to fix first. */
    static final Comparator<ClusterVerdict> WORST_FIRST = Comparator
            .comparingInt((ClusterVerdict v) -> BY_ATTENTION.indexOf(v.status()))
            .thenComparingInt(ClusterOrder::worstRank)
            .thenComparing(ATTENTION_FIRST);

    /** 0 for a critical finding ... 3 for low, 4 for none. */
    static int worstRank(ClusterVerdict v) {
        return v.findings().stream().mapToInt(f -> f.severity().ordinal()).min().orElse(Severity.values().length);
    }

    private ClusterOrder() {
    }
}
