package io.byokwatch.kpi;

import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.Transition;
import io.byokwatch.testsupport.Histories;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.byokwatch.testsupport.Histories.cluster;
import static io.byokwatch.testsupport.Histories.finding;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RemediationTest {
    private static final ResourceId X = cluster("aks-x");
    private static final ResourceId Y = cluster("aks-y");
    private static final ResourceId Z = cluster("aks-z");
    private static final ResourceId W = cluster("aks-w");
    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-10T10:00:00Z");

    private static Transition changed(ResourceId c, String at, Transition.FindingRef... findings) {
        return Histories.entry("c-" + c.name() + at, Transition.Kind.CHANGED, c, null, ClusterStatus.NONCOMPLIANT,
                ClusterStatus.NONCOMPLIANT, at, at, true, List.of(findings));
    }

    /**
     * X: a critical and a medium finding open at 10:00 (event 2 s earlier); the critical is fixed at 14:00, the medium
     * two days later. Y: opened by a sweep, still open. Z: open, unknown for a while (no news), then fixed. W: open,
     * then deleted.
     */
    private static List<Transition> history() {
        Transition.FindingRef xCrit = finding(X, "key-unavailable", Severity.CRITICAL);
        Transition.FindingRef xMed = finding(X, "key-no-rotation", Severity.MEDIUM);
        return List.of(
                Histories.opened(X, "2026-11-01T10:00:00Z", "2026-11-01T09:59:58Z", xCrit, xMed),
                changed(X, "2026-11-01T14:00:00Z", xMed),
                Histories.resolved(X, "2026-11-03T14:00:00Z"),
                Histories.opened(Y, "2026-11-02T10:00:00Z", null, finding(Y, "aks-no-byok", Severity.HIGH)),
                Histories.opened(Z, "2026-11-04T00:00:00Z", "2026-11-03T22:00:00Z", finding(Z, "aks-no-byok", Severity.HIGH)),
                Histories.status(Z, "2026-11-04T06:00:00Z", ClusterStatus.UNKNOWN, ClusterStatus.NONCOMPLIANT),
                Histories.resolved(Z, "2026-11-05T00:00:00Z"),
                Histories.opened(W, "2026-11-06T00:00:00Z", "2026-11-05T23:59:00Z", finding(W, "aks-no-byok", Severity.HIGH)),
                Histories.deleted(W, "2026-11-07T00:00:00Z", ClusterStatus.NONCOMPLIANT));
    }

    @Test
    void eachFixedFinding_isTimedFromItsDetectionToTheEntryWithoutIt() {
        RemediationFigures r = Remediation.compute(history(), FROM, TO);

        assertEquals(Duration.ofHours(4), r.bySeverity().get(Severity.CRITICAL).p50());
        assertEquals(Duration.ofHours(52), r.bySeverity().get(Severity.MEDIUM).max());
        assertEquals(Duration.ofHours(24), r.bySeverity().get(Severity.HIGH).p50(), "Z: unknown in between did not close it");
        assertEquals(3, r.overall().count());
        assertEquals(Duration.ofHours(24), r.overall().p50());
        assertEquals(Duration.ofHours(52), r.overall().p90());
        assertEquals(Duration.ofHours(80).dividedBy(3), r.overall().mean());
        assertEquals(0, r.bySeverity().get(Severity.LOW).count());
        assertNull(r.bySeverity().get(Severity.LOW).p50(), "no case, no figure: never zero");
    }

    @Test
    void perRule_slowestMedianFirst() {
        RemediationFigures r = Remediation.compute(history(), FROM, TO);

        assertEquals(List.of("key-no-rotation", "aks-no-byok", "key-unavailable"),
                r.byRule().stream().map(RemediationFigures.RuleStats::ruleId).toList());
    }

    @Test
    void stillOpen_withAgeAtTheEndOfTheWindow_andBucketedBySeverity() {
        RemediationFigures r = Remediation.compute(history(), FROM, TO);

        assertEquals(1, r.open().size());
        assertEquals(Y, r.open().get(0).clusterId());
        assertEquals(Duration.ofDays(8), r.open().get(0).age());
        assertArrayEquals(new int[]{0, 0, 1, 0, 0}, r.openByAge().get(Severity.HIGH));
    }

    @Test
    void deletionAndExemption_closeWithoutCountingAsFixes() {
        RemediationFigures r = Remediation.compute(history(), FROM, TO);

        assertEquals(1, r.deleted());
        assertEquals(0, r.waived());
    }

    @Test
    void detectionLatency_timesEventDrivenOpens_againstTheOneHourBudget() {
        RemediationFigures r = Remediation.compute(history(), FROM, TO);

        RemediationFigures.DetectionLatency d = r.detection();
        assertEquals(3, d.stats().count(), "X, Z and W; Y was found by a sweep");
        assertEquals(1, d.fromSweeps());
        assertEquals(Duration.ofHours(2), d.stats().max());
        assertEquals(Duration.ofSeconds(60), d.stats().p50());
        assertEquals(2, d.withinBudget());
        assertEquals(200.0 / 3, d.withinBudgetPercent(), 1e-9);
    }

    @Test
    void fixesBeforeTheWindow_areNotCounted_butFindingsOpenBeforeItStillAge() {
        RemediationFigures r = Remediation.compute(history(), Instant.parse("2026-11-04T12:00:00Z"), TO);

        assertEquals(1, r.overall().count(), "only Z's fix falls in the window");
        assertEquals(1, r.open().size());
    }
}
