package io.byokwatch.kpi;

import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Transition;
import io.byokwatch.testsupport.Histories;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.byokwatch.testsupport.Histories.baseline;
import static io.byokwatch.testsupport.Histories.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ComplianceSeriesTest {
    private static final ResourceId A = cluster("aks-a");
    private static final ResourceId B = cluster("aks-b");
    private static final ResourceId C = cluster(Histories.SUB_B, "aks-c");

    /** A compliant, B failing from day 1; C seen on day 2 as unknown; B fixed on day 2; A exempted and C deleted on day 3. */
    private static List<Transition> history() {
        return List.of(
                baseline(A, "2026-11-01T00:10:00Z", ClusterStatus.COMPLIANT),
                baseline(B, "2026-11-01T00:10:00Z", ClusterStatus.NONCOMPLIANT),
                baseline(C, "2026-11-02T08:00:00Z", ClusterStatus.UNKNOWN),
                Histories.resolved(B, "2026-11-02T12:00:00Z"),
                Histories.status(A, "2026-11-03T09:00:00Z", ClusterStatus.EXEMPT, ClusterStatus.COMPLIANT),
                Histories.deleted(C, "2026-11-03T10:00:00Z", ClusterStatus.UNKNOWN));
    }

    @Test
    void eachDay_countsClustersInTheirStatusAtTheEndOfThatDay() {
        ComplianceFigures f = ComplianceSeries.compute(history(), Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-03T18:00:00Z"), Grouping.NONE);

        assertEquals(3, f.days().size());
        assertEquals(new ComplianceFigures.Day(LocalDate.of(2026, 11, 1), 1, 1, 0, 0, 0), f.days().get(0));
        assertEquals(new ComplianceFigures.Day(LocalDate.of(2026, 11, 2), 2, 0, 1, 0, 0), f.days().get(1));
        assertEquals(new ComplianceFigures.Day(LocalDate.of(2026, 11, 3), 1, 0, 0, 1, 0), f.days().get(2));
        assertEquals(50.0, f.days().get(0).percent());
        assertEquals(200.0 / 3, f.days().get(1).percent(), 1e-9, "unknown counts against: nothing proved it compliant");
        assertEquals(50.0, f.latest().percent(), "exempt counts against too, and is shown on its own");
    }

    @Test
    void theLastDay_isJudgedAtTheEndOfTheWindow_notAtMidnight() {
        ComplianceFigures f = ComplianceSeries.compute(history(), Instant.parse("2026-11-03T00:00:00Z"),
                Instant.parse("2026-11-03T09:30:00Z"), Grouping.NONE);

        assertEquals(new ComplianceFigures.Day(LocalDate.of(2026, 11, 3), 1, 0, 1, 1, 0), f.latest());
    }

    @Test
    void beforeAnyEntry_nothingIsKnown_andThePercentIsNull() {
        ComplianceFigures f = ComplianceSeries.compute(history(), Instant.parse("2026-10-31T00:00:00Z"),
                Instant.parse("2026-11-01T00:00:00Z"), Grouping.NONE);

        assertEquals(0, f.latest().inScope());
        assertNull(f.latest().percent());
    }

    @Test
    void bySubscription_splitsTheSameCounts() {
        ComplianceFigures f = ComplianceSeries.compute(history(), Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-03T00:00:00Z"), Grouping.SUBSCRIPTION);

        assertEquals(List.of(Histories.SUB_A, Histories.SUB_B), List.copyOf(f.byGroup().keySet()));
        List<ComplianceFigures.Day> subB = f.byGroup().get(Histories.SUB_B);
        assertEquals(0, subB.get(0).inScope(), "C was not yet known on day 1");
        assertEquals(1, subB.get(1).unknown());
        assertEquals(50.0, f.byGroup().get(Histories.SUB_A).get(0).percent());
    }

    @Test
    void byTag_putsClustersWithoutItInUntagged() {
        Transition owned = Histories.entry("t1", Transition.Kind.BASELINE, A, Histories.tags("Owner", "payments"),
                ClusterStatus.COMPLIANT, null, "2026-11-01T01:00:00Z", null, false, List.of());
        Transition bare = baseline(B, "2026-11-01T01:00:00Z", ClusterStatus.NONCOMPLIANT);

        ComplianceFigures f = ComplianceSeries.compute(List.of(owned, bare), Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-02T00:00:00Z"), Grouping.parse("tag:owner"));

        assertEquals(100.0, f.byGroup().get("payments").get(0).percent());
        assertEquals(0.0, f.byGroup().get(Grouping.UNTAGGED).get(0).percent());
    }
}
