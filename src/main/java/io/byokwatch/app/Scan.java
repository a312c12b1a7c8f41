package io.byokwatch.app;

import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyWarnings;
import io.byokwatch.port.Inventory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluates every cluster in an inventory and builds the report. */
public final class Scan {
    private final ClusterEvaluator evaluator;
    private final Clock clock;

    public Scan(ClusterEvaluator evaluator, Clock clock) {
        this.evaluator = evaluator;
        this.clock = clock;
    }

    /** Told after each cluster is evaluated, for a progress display; it must not fail the scan. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> {
        };

        void evaluated(int done, int total);
    }

    public ScanReport run(Inventory inventory, Policy policy, List<String> inventoryNotes) {
        return run(inventory, policy, inventoryNotes, Progress.NONE);
    }

    public ScanReport run(Inventory inventory, Policy policy, List<String> inventoryNotes, Progress progress) {
        Instant now = clock.instant();
        List<ManagedCluster> clusters = inventory.clusters();
        List<ClusterVerdict> verdicts = new ArrayList<>(clusters.size());
        for (ManagedCluster c : clusters) {
            verdicts.add(evaluator.evaluate(c, inventory, policy, now));
            progress.evaluated(verdicts.size(), clusters.size());
        }
        return report(now, verdicts, inventoryNotes)
                .withPolicyWarnings(PolicyWarnings.of(policy, LocalDate.ofInstant(now, ZoneOffset.UTC)));
    }

    /** Builds a report from verdicts already computed (also used by the compliance endpoint). */
    public static ScanReport report(Instant now, List<ClusterVerdict> verdicts, List<String> notes) {
        Map<String, Finding> byKey = new LinkedHashMap<>();
        Map<String, List<ResourceId>> clustersByKey = new LinkedHashMap<>();
        Map<ClusterStatus, Integer> byStatus = new EnumMap<>(ClusterStatus.class);
        for (ClusterVerdict v : verdicts) {
            byStatus.merge(v.status(), 1, Integer::sum);
            for (Finding f : v.findings()) {
                byKey.putIfAbsent(f.key(), f);
                clustersByKey.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(v.clusterId());
            }
        }
        List<ScanReport.SharedFinding> shared = new ArrayList<>();
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        for (Map.Entry<String, Finding> e : byKey.entrySet()) {
            shared.add(new ScanReport.SharedFinding(e.getValue(), clustersByKey.get(e.getKey())));
            bySeverity.merge(e.getValue().severity(), 1, Integer::sum);
        }
        shared.sort(Comparator.comparing((ScanReport.SharedFinding s) -> s.finding().severity())
                .thenComparing(s -> s.finding().ruleId()).thenComparing(s -> s.finding().resourceId().key()));
        return new ScanReport(now, verdicts, shared,
                new ScanReport.Summary(verdicts.size(), byStatus, bySeverity), notes);
    }
}
