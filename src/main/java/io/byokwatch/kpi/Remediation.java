package io.byokwatch.kpi;

import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.Transition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Follows each finding (a rule failing on a resource of a cluster) through the history: it opens at the first entry
 * that carries it and is fixed at the first later entry of a judged cluster (compliant or noncompliant) that no longer
 * does. An unknown verdict says nothing about it, so it stays open; an exemption or a deleted cluster closes it without
 * a fix, and those are counted apart, never as remediation.
 */
public final class Remediation {
    /** Disk I/O fails about an hour after the key is disabled, deleted or expired (Azure disk encryption docs). */
    public static final Duration TIME_TO_IMPACT = Duration.ofHours(1);

    private Remediation() {
    }

    private record Opened(Transition.FindingRef finding, Instant since, String clusterName) {
    }

    /**
     * @param history every entry up to {@code to}, also those before {@code from} (findings open before the window)
     * @param from    fixes and detections from this instant count
     * @param to      the end of the window; findings open then are reported with their age at it
     */
    public static RemediationFigures compute(List<Transition> history, Instant from, Instant to) {
        List<Duration> all = new ArrayList<>();
        Map<Severity, List<Duration>> bySeverity = new EnumMap<>(Severity.class);
        Map<String, List<Duration>> byRule = new TreeMap<>();
        Map<String, Severity> ruleSeverity = new HashMap<>();
        List<RemediationFigures.OpenFinding> open = new ArrayList<>();
        int waived = 0;
        int deleted = 0;
        List<Duration> latencies = new ArrayList<>();
        int fromSweeps = 0;
        for (Map.Entry<ResourceId, List<Transition>> cluster : Timelines.byCluster(history).entrySet()) {
            Map<String, Opened> opened = new LinkedHashMap<>();
            for (Transition t : cluster.getValue()) {
                if (!t.detectedAt().isBefore(to)) {
                    break;
                }
                boolean inWindow = !t.detectedAt().isBefore(from);
                if (t.kind() == Transition.Kind.DELETED || t.status() == ClusterStatus.EXEMPT
                        || t.status() == ClusterStatus.NOT_REQUIRED) {
                    if (inWindow) {
                        if (t.kind() == Transition.Kind.DELETED) {
                            deleted += opened.size();
                        } else {
                            waived += opened.size();
                        }
                    }
                    opened.clear();
                    continue;
                }
                if (t.status() == ClusterStatus.UNKNOWN) {
                    continue;
                }
                Map<String, Transition.FindingRef> present = new LinkedHashMap<>();
                t.findings().forEach(f -> present.put(f.key(), f));
                for (var it = opened.entrySet().iterator(); it.hasNext(); ) {
                    var e = it.next();
                    if (!present.containsKey(e.getKey())) {
                        it.remove();
                        if (inWindow) {
                            Duration took = Duration.between(e.getValue().since(), t.detectedAt());
                            Transition.FindingRef f = e.getValue().finding();
                            all.add(took);
                            bySeverity.computeIfAbsent(f.severity(), s -> new ArrayList<>()).add(took);
                            byRule.computeIfAbsent(f.ruleId(), r -> new ArrayList<>()).add(took);
                            ruleSeverity.put(f.ruleId(), f.severity());
                        }
                    }
                }
                boolean opensSomething = false;
                for (Transition.FindingRef f : present.values()) {
                    Opened before = opened.get(f.key());
                    if (before == null) {
                        opened.put(f.key(), new Opened(f, t.detectedAt(), t.clusterName()));
                        opensSomething = true;
                    } else {
                        // severity follows the policy of the latest verdict
                        opened.put(f.key(), new Opened(f, before.since(), t.clusterName()));
                    }
                }
                // a sweep's first look at a cluster finds what was already broken: that is no detection to time
                boolean firstSweep = !t.fromEvent() && t.previousStatus() == null;
                if (opensSomething && inWindow && t.kind() != Transition.Kind.BASELINE && !firstSweep) {
                    if (t.fromEvent() && t.eventTime() != null) {
                        Duration latency = Duration.between(t.eventTime(), t.detectedAt());
                        latencies.add(latency.isNegative() ? Duration.ZERO : latency);
                    } else {
                        fromSweeps++;
                    }
                }
            }
            for (Opened o : opened.values()) {
                Transition.FindingRef f = o.finding();
                open.add(new RemediationFigures.OpenFinding(cluster.getKey(), o.clusterName(), f.resourceId(), f.ruleId(),
                        f.severity(), f.keyUse(), o.since(), Duration.between(o.since(), to)));
            }
        }
        open.sort(Comparator.comparing(RemediationFigures.OpenFinding::since)
                .thenComparing(o -> o.clusterId().key()).thenComparing(RemediationFigures.OpenFinding::ruleId));
        Map<Severity, Stats> severityStats = new LinkedHashMap<>();
        Map<Severity, int[]> ages = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            severityStats.put(s, Stats.of(bySeverity.getOrDefault(s, List.of())));
            ages.put(s, new int[RemediationFigures.AGE_LABELS.size()]);
        }
        for (RemediationFigures.OpenFinding o : open) {
            ages.get(o.severity())[bucket(o.age())]++;
        }
        List<RemediationFigures.RuleStats> rules = new ArrayList<>();
        byRule.forEach((rule, durations) -> rules.add(new RemediationFigures.RuleStats(rule, ruleSeverity.get(rule),
                Stats.of(durations))));
        rules.sort(Comparator.comparing((RemediationFigures.RuleStats r) -> r.stats().p50()).reversed()
                .thenComparing(RemediationFigures.RuleStats::ruleId));
        Stats latency = Stats.of(latencies);
        int within = (int) latencies.stream().filter(d -> d.compareTo(TIME_TO_IMPACT) <= 0).count();
        return new RemediationFigures(Stats.of(all), severityStats, rules, open, ages, waived, deleted,
                new RemediationFigures.DetectionLatency(latency, within, TIME_TO_IMPACT, fromSweeps));
    }

    static int bucket(Duration age) {
        for (int i = 0; i < RemediationFigures.AGE_BUCKETS.size(); i++) {
            if (age.compareTo(RemediationFigures.AGE_BUCKETS.get(i)) < 0) {
                return i;
            }
        }
        return RemediationFigures.AGE_BUCKETS.size();
    }
}
