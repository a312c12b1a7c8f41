package io.byokwatch.app;

import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.ManagedDisk;
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
                         Summary summary, List<String> inventoryNotes, List<String> policyWarnings,
                         List<Coverage> coverage, List<ManagedDisk> orphanDisks) {

    public ScanReport {
        clusters = List.copyOf(clusters);
        findings = List.copyOf(findings);
        inventoryNotes = List.copyOf(inventoryNotes);
        policyWarnings = List.copyOf(policyWarnings);
        coverage = coverage == null ? List.of() : List.copyOf(coverage);
        orphanDisks = orphanDisks == null ? null : List.copyOf(orphanDisks);
    }

    /** A report with no policy warnings. */
    public ScanReport(Instant generatedAt, List<ClusterVerdict> clusters, List<SharedFinding> findings, Summary summary,
                      List<String> inventoryNotes) {
        this(generatedAt, clusters, findings, summary, inventoryNotes, List.of(), List.of(), null);
    }

    /** The same report with these policy warnings. */
    public ScanReport withPolicyWarnings(List<String> warnings) {
        return new ScanReport(generatedAt, clusters, findings, summary, inventoryNotes, warnings, coverage, orphanDisks);
    }

    /**
     * The same report with what its verdicts could not cover and the persistent-volume disks no cluster owns (null
     * when the inventory holds no disks, so nothing can be said about them).
     */
    public ScanReport withDisks(List<Coverage> coverage, List<ManagedDisk> orphanDisks) {
        return new ScanReport(generatedAt, clusters, findings, summary, inventoryNotes, policyWarnings, coverage,
                orphanDisks);
    }

    /**
     * Facts a rule would have read that the inventory lacks and the policy lets the verdicts stand without (persistent-
     * volume disks not exported, unless {@code requireDataDiskEvidence}): said once for the whole report, with every
     * cluster it applies to, never counted as a failure.
     *
     * @param note    one sentence a person reads: what was not checked, for how many clusters, and what it means
     * @param reasons the distinct reasons, each with what to export
     */
    public record Coverage(String ruleId, String keyUse, List<ResourceId> clusterIds, String note, List<String> reasons) {
        public Coverage {
            clusterIds = List.copyOf(clusterIds);
            reasons = List.copyOf(reasons);
        }
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
