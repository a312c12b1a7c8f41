package io.byokwatch.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** access-report --fail-on: exit codes like scan's, on the example night (one critical and one medium anomaly). */
class AccessReportFailOnTest {
    @Test
    void withoutFailOn_theReportAloneDecidesNothing_asBefore() {
        assertEquals(0, AccessReportCommandTest.demo().code());
    }

    @Test
    void anAnomalyAtOrAboveTheLevel_exits1_belowIt0() {
        assertEquals(1, AccessReportCommandTest.demo("--fail-on", "critical").code());
        assertEquals(1, AccessReportCommandTest.demo("--fail-on", "medium").code());
        assertEquals(1, AccessReportCommandTest.demo("--fail-on", "LOW").code(), "levels ignore case, as scan's do");
        assertEquals(0, AccessReportCommandTest.demo("--fail-on", "none").code());
    }

    @Test
    void anUnknownLevel_isAUsageError() {
        AccessReportCommandTest.Result r = AccessReportCommandTest.demo("--fail-on", "severe");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--fail-on must be one of critical, high, medium, low, none"), r.err());
    }

    @Test
    void theSilentKeysRealEvidence_andANextStep_areInTheReport() {
        AccessReportCommandTest.Result r = AccessReportCommandTest.demo();
        assertTrue(r.out().contains("| expected callers | des-archive"), r.out());
        assertTrue(r.out().contains("x 404"), r.out());
        assertTrue(r.out().contains("**Next:** Confirm with alex.ruiz why they unwrapped key kv-pay-prod/aks-disk"), r.out());
        assertTrue(r.out().contains("<details><summary>Raw audit rows (KQL)</summary>"), r.out());
    }
}
