package io.byokwatch.kpi;

import java.time.Instant;
import java.util.List;

/**
 * The four figures the CMK playbooks ask for, over one window, with everything behind them: what the JSON contract,
 * the Markdown and the dashboard render, and the weekly digest summarises.
 *
 * @param historyEntries entries of the transition history the compliance and remediation figures rest on
 * @param historySince   detection time of the oldest entry, or null with no history
 * @param inventory      where the key facts came from (a path, "live"), or null when no inventory was given
 * @param notes          what limits the figures (no history yet, keys whose versions are unknown), one sentence each
 */
public record KpiReport(Instant generatedAt, Instant from, Instant to, int historyEntries, Instant historySince,
                        String inventory, ComplianceFigures compliance, RemediationFigures remediation,
                        RotationFigures rotation, CostFigures cost, List<String> notes) {
    public KpiReport {
        notes = List.copyOf(notes);
    }

    /** The four headline numbers, each null when the data cannot support it. */
    public Headline headline() {
        ComplianceFigures.Day today = compliance.latest();
        return new Headline(today == null ? null : today.percent(),
                remediation.overall().count() == 0 ? null : remediation.overall().mean().toSeconds() / 3600.0,
                rotation.withinPolicyPercent(), "none".equals(cost.source()) && cost.lines().isEmpty() ? null : cost.total());
    }

    /**
     * @param compliantPercent        in-scope clusters compliant at the end of the window
     * @param meanHoursToRemediate    mean detection-to-fix time of findings fixed in the window (MTTR)
     * @param rotatedWithinPolicyPercent keys in use whose newest version is within keyMaxAgeDays
     * @param costEstimate            estimated Key Vault cost of AKS encryption in the window
     */
    public record Headline(Double compliantPercent, Double meanHoursToRemediate, Double rotatedWithinPolicyPercent,
                           Double costEstimate) {
    }
}
