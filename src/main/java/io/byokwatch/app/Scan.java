package io.byokwatch.app;

import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.NotEvaluated;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyWarnings;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/** Evaluates every cluster in an inventory and builds the report. */
public final class Scan {
    private final ClusterEvaluator evaluator;
    private final Clock clock;

    private final int width;

    public Scan(ClusterEvaluator evaluator, Clock clock) {
        this(evaluator, clock, InParallel.width());
    }

    /**
     * @param width clusters judged at once; the inventory must answer from several threads when above 1 (the file
     *              inventory is read-only once built, the live one shares its reads)
     */
    public Scan(ClusterEvaluator evaluator, Clock clock, int width) {
        this.evaluator = evaluator;
        this.clock = clock;
        this.width = width;
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
        Map<String, Map<ResourceId, List<String>>> uncheckedByRule = new LinkedHashMap<>();
        List<ClusterEvaluator.Assessment> assessments = InParallel.map(clusters,
                c -> evaluator.assess(c, inventory, policy, now), width, done -> progress.evaluated(done, clusters.size()));
        for (int i = 0; i < clusters.size(); i++) {
            ManagedCluster c = clusters.get(i);
            ClusterEvaluator.Assessment a = assessments.get(i);
            verdicts.add(a.verdict());
            for (NotEvaluated n : a.unchecked()) {
                uncheckedByRule.computeIfAbsent(n.ruleId(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(c.id(), k -> new ArrayList<>()).add(generic(n.reason(), c));
            }
        }
        Lookup<List<ManagedDisk>> orphans = inventory.orphanCsiDisks();
        return report(now, verdicts, inventoryNotes)
                .withPolicyWarnings(PolicyWarnings.of(policy, LocalDate.ofInstant(now, ZoneOffset.UTC)))
                .withDisks(coverage(uncheckedByRule, clusters), orphans.orNull());
    }

    /** One report-level note per rule that went without facts the policy lets it go without. */
    private List<ScanReport.Coverage> coverage(Map<String, Map<ResourceId, List<String>>> uncheckedByRule,
                                               List<ManagedCluster> clusters) {
        List<ScanReport.Coverage> out = new ArrayList<>();
        Map<ResourceId, String> names = new LinkedHashMap<>();
        clusters.forEach(c -> names.put(c.id(), c.name()));
        uncheckedByRule.forEach((ruleId, byCluster) -> {
            Set<String> reasons = new LinkedHashSet<>();
            byCluster.values().forEach(reasons::addAll);
            List<String> shown = byCluster.keySet().stream().limit(5).map(names::get).toList();
            String who = String.join(", ", shown) + (byCluster.size() > shown.size()
                    ? " and " + (byCluster.size() - shown.size()) + " more" : "");
            String keyUse = evaluator.keyUseOf(ruleId);
            out.add(new ScanReport.Coverage(ruleId, keyUse, List.copyOf(byCluster.keySet()),
                    what(keyUse) + " were not checked for " + byCluster.size() + " of " + clusters.size()
                            + " clusters (" + who + "): their verdicts stand on the rest of their key uses; export"
                            + " what the reasons name, or set requireDataDiskEvidence: true in the policy to make such"
                            + " clusters unknown.", List.copyOf(reasons)));
        });
        return out;
    }

    private static String what(String keyUse) {
        return "data-disk".equals(keyUse) ? "Persistent-volume disks or their snapshots" : "Some facts";
    }

    /** A reason as it reads for every cluster it applies to: the cluster's own name taken out. */
    private static String generic(String reason, ManagedCluster c) {
        return reason.replace(" of cluster " + c.name(), " of these clusters");
    }

    /** Builds a report from verdicts already computed (also used by the compliance endpoint). */
    public static ScanReport report(Instant now, List<ClusterVerdict> verdicts, List<String> notes) {
        Map<String, Finding> byKey = new LinkedHashMap<>();
        Map<String, List<ResourceId>> clustersByKey = new LinkedHashMap<>();
        Map<ClusterStatus, Integer> byStatus = new EnumMap<>(ClusterStatus.class);
        for (ClusterVerdict v : verdicts) {
            byStatus.merge(v.status(), 1, Integer::sum);
            for (Finding f : v.findings()) {
                String key = f.key();
                byKey.merge(key, f, Finding::mergedWith);
                clustersByKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(v.clusterId());
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
