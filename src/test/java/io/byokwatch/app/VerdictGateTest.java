package io.byokwatch.app;

import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.NotEvaluated;
import io.byokwatch.domain.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.byokwatch.rules.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class VerdictGateTest {

    private static ClusterVerdict verdict(String name, ClusterStatus status, Severity... findings) {
        List<Finding> fs = java.util.Arrays.stream(findings).map(s -> new Finding("r-" + s.label(), s, CLUSTER_ID.child("x", name),
                "t", "m.", "fix", Map.of(), List.of("ref"))).toList();
        List<NotEvaluated> missing = status == ClusterStatus.UNKNOWN
                ? List.of(new NotEvaluated("des-key-unavailable", DES_ID, "no keys exported")) : List.of();
        return new ClusterVerdict(CLUSTER_ID.child("c", name), name, SUB, status, fs, List.of(), missing);
    }

    private static ScanReport report(ClusterVerdict... verdicts) {
        return Scan.report(NOW, List.of(verdicts), List.of());
    }

    @Test
    void unknownCluster_failsByDefault_andPassesWithUnknownPass() {
        ScanReport r = report(verdict("a", ClusterStatus.COMPLIANT), verdict("b", ClusterStatus.UNKNOWN));
        VerdictGate.Decision strict = VerdictGate.defaults().decide(r);
        assertEquals(VerdictGate.FAIL, strict.exitCode());
        assertTrue(strict.reasons().get(0).contains("1 cluster unknown") && strict.reasons().get(0).contains("(b)"),
                strict.reasons().toString());
        assertTrue(new VerdictGate(Severity.HIGH, VerdictGate.Unknown.PASS).decide(r).passed());
    }

    @Test
    void findingsAtOrAboveTheThreshold_fail_belowPass() {
        ScanReport r = report(verdict("a", ClusterStatus.NONCOMPLIANT, Severity.MEDIUM));
        assertTrue(VerdictGate.defaults().decide(r).passed());
        VerdictGate.Decision medium = new VerdictGate(Severity.MEDIUM, VerdictGate.Unknown.FAIL).decide(r);
        assertEquals(VerdictGate.FAIL, medium.exitCode());
        assertEquals(List.of("1 finding at or above medium (worst medium)"), medium.reasons());
        assertTrue(new VerdictGate(null, VerdictGate.Unknown.PASS).decide(report(verdict("a", ClusterStatus.NONCOMPLIANT,
                Severity.CRITICAL))).passed());
    }

    @Test
    void noClusterAtAll_isNothingToJudge_neverAPass() {
        VerdictGate.Decision d = new VerdictGate(null, VerdictGate.Unknown.PASS).decide(report());
        assertEquals(VerdictGate.NOTHING_TO_JUDGE, d.exitCode());
        assertEquals(List.of("no AKS clusters in the inventory: did the cluster export fail?"), d.reasons());
    }

    @Test
    void failOnNone_defaultsUnknownToPass_anyThresholdDefaultsItToFail() {
        assertEquals(VerdictGate.Unknown.PASS, VerdictGate.defaultUnknown(null));
        assertEquals(VerdictGate.Unknown.FAIL, VerdictGate.defaultUnknown(Severity.LOW));
        assertEquals(VerdictGate.Unknown.FAIL, VerdictGate.Unknown.parse(" FAIL "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VerdictGate.Unknown.parse("maybe"));
        assertTrue(e.getMessage().contains("pass or fail"));
    }

    @Test
    void exemptAndNotRequired_pass() {
        assertTrue(VerdictGate.defaults().decide(report(verdict("a", ClusterStatus.EXEMPT),
                verdict("b", ClusterStatus.NOT_REQUIRED))).passed());
    }
}
