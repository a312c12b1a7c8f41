package io.byokwatch.access;

import io.byokwatch.access.synth.SyntheticAuditLogs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The detectors on a seeded synthetic estate (100 vaults, about 1,000 caller series, 14 baseline days and 11 window
 * days with one planted anomaly of every kind each day): every planted anomaly is found, and false alarms stay under
 * one per 10,000 normal series-days. The figures are printed; {@link DetectionQuality#main} measures larger estates.
 */
class AccessDetectionQualityTest {
    private static SyntheticAuditLogs world;

    @BeforeAll
    static void generate() {
        world = SyntheticAuditLogs.generate(100, 14, 11, 42);
    }

    @Test
    void withInventory_everyPlantedAnomalyIsFound_andFalseAlarmsStayUnderOnePer10kSeriesDays() {
        DetectionQuality.Figures f = DetectionQuality.measure(world, true);
        System.out.print(f.summary("access detection quality, with inventory (100 vaults, 11 windows, seed 42)"));
        assertEquals(f.planted(), f.found(), f.summary("missed"));
        assertEquals(6, f.recallByDetector().size(), "every detector has planted anomalies to find");
        assertTrue(f.seriesDays() >= 10_000, "enough normal series-days to mean something: " + f.seriesDays());
        assertTrue(f.falseAlarms() * 10_000L <= f.seriesDays(), f.summary("too many false alarms"));
    }

    @Test
    void historyOnly_findsAllButSilentKeys_whichNeedTheInventory() {
        DetectionQuality.Figures f = DetectionQuality.measure(world, false);
        System.out.print(f.summary("access detection quality, history only"));
        assertEquals(f.planted(), f.found(), f.summary("missed"));
        assertFalse(f.recallByDetector().containsKey("silent-key"));
        assertTrue(f.falseAlarms() * 10_000L <= f.seriesDays(), f.summary("too many false alarms"));
    }
}
