package io.byokwatch.app;

import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of evaluating an estate: per-cluster verdicts, findings deduplicated across clusters (a vault shared by
 * 40 clusters is one finding with 40 cluster ids), and counts. {@code policyWarnings} say what in the policy weakened
 * the verdicts (see {@link io.byokwatch.policy.PolicyWarnings}); every format shows them.
 */
public record ScanReport(Instant generatedAt, List<ClusterVerdict> clusters, List<SharedFinding> findings,
                         Summary summary, List<String> inventoryNotes, List<String> policyWarnings) {

    public ScanReport {
        clusters = List.copyOf(clusters);
        findings = List.copyOf(findings);
        inventoryNotes = List.copyOf(inventoryNotes);
        policyWarnings = List.copyOf(policyWarnings);
    }

    /** A report with no policy warnings. */
    public ScanReport(Instant generatedAt, List<ClusterVerdict> clusters, List<SharedFinding> findings, Summary summary,
                      List<String> inventoryNotes) {
        this(generatedAt, clusters, findings, summary, inventoryNotes, List.of());
    }

    /** The same report with these policy warnings. */
    public ScanReport withPolicyWarnings(List<String> warnings) {
        return new ScanReport(generatedAt, clusters, findings, summary, inventoryNotes, warnings);
    }

    /** One finding and every cluster whose chain contains it. */
    public record SharedFinding(Finding finding, List<ResourceId> clusterIds) {
        public SharedFinding {
            clusterIds = List.copyOf(clusterIds);
        }
    }

    public record Summary(int clusters, Map<ClusterStatus, Integer> byStatus, Map<Severity, Integer> bySeverity) {
        public Summary {
            byStatus = Map.copyOf(new EnumMap<>(byStatus));
            bySeverity = Map.copyOf(new EnumMap<>(bySeverity));
        }

        public int count(ClusterStatus s) {
            return byStatus.getOrDefault(s, 0);
        }

        public int count(Severity s) {
            return bySeverity.getOrDefault(s, 0);
        }
    }

    /** The most severe finding's severity, or null when there are none. */
    public Severity worst() {
        return findings.stream().map(f -> f.finding().severity()).min(Enum::compareTo).orElse(null);
    }
}
