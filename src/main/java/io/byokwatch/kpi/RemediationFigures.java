package io.byokwatch.kpi;

import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How fast findings are fixed and how fast breaks are seen.
 *
 * @param overall        detection to resolution of every finding fixed in the window
 * @param bySeverity     the same per severity, most severe first, every severity present (empty stats when none)
 * @param byRule         the same per rule, slowest median first
 * @param open           findings still open at the end of the window, oldest first
 * @param openByAge      open findings per severity, counted into {@link #AGE_BUCKETS}
 * @param waived         findings that closed because the cluster became exempt or no longer required: not fixed
 * @param deleted        findings that closed because their cluster was deleted: not fixed
 * @param detection      event time to detection, against the time-to-impact budget
 */
public record RemediationFigures(Stats overall, Map<Severity, Stats> bySeverity, List<RuleStats> byRule,
                                 List<OpenFinding> open, Map<Severity, int[]> openByAge, int waived, int deleted,
                                 DetectionLatency detection) {
    /** Upper bounds of the age buckets of open findings; the last bucket is everything older. */
    public static final List<Duration> AGE_BUCKETS = List.of(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30),
            Duration.ofDays(90));
    public static final List<String> AGE_LABELS = List.of("under 1 day", "1-7 days", "7-30 days", "30-90 days", "over 90 days");

    public RemediationFigures {
        bySeverity = Collections.unmodifiableMap(new LinkedHashMap<>(bySeverity));
        byRule = List.copyOf(byRule);
        open = List.copyOf(open);
        openByAge = Collections.unmodifiableMap(new LinkedHashMap<>(openByAge));
    }

    public record RuleStats(String ruleId, Severity severity, Stats stats) {
    }

    /**
     * A finding detected at {@code since} and not resolved by the end of the window.
     *
     * @param resourceId the resource the rule failed on (the cluster, a node pool, a set, a vault), or null
     */
    public record OpenFinding(ResourceId clusterId, String clusterName, String resourceId, String ruleId, Severity severity,
                              String keyUse, Instant since, Duration age) {
        /** The failing resource's own name: the last segment of its id, or the cluster's name. */
        public String resourceName() {
            if (resourceId == null || resourceId.isBlank()) {
                return clusterName;
            }
            String trimmed = resourceId.replaceAll("/+$", "");
            return trimmed.substring(trimmed.lastIndexOf('/') + 1);
        }
    }

    /**
     * Event time to detection for breaks that an event revealed. The budget is how long disks keep working after their
     * key is disabled, deleted or expired (about an hour): a detection inside it leaves time to act before I/O fails.
     *
     * @param fromSweeps breaks found by a sweep or on demand: when they happened is unknown, so they are not timed
     */
    public record DetectionLatency(Stats stats, int withinBudget, Duration budget, int fromSweeps) {
        /** Share of timed detections inside the budget, in percent; null when none was timed. */
        public Double withinBudgetPercent() {
            return stats.count() == 0 ? null : 100.0 * withinBudget / stats.count();
        }
    }
}
