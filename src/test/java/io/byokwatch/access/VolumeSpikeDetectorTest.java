package io.byokwatch.access;

import io.byokwatch.domain.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.byokwatch.access.AccessFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class VolumeSpikeDetectorTest {
    private final VolumeSpikeDetector detector = new VolumeSpikeDetector();

    @Test
    void steadyUse_isNoSpike() {
        assertEquals(List.of(), new AccessFixtures().steadyDiskTraffic(40).detect(detector, estate()));
    }

    @Test
    void tenTimesTheHoursNormal_isASpike_withTheFiguresThatShowIt() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(20)
                .add(windowHour(13), "kv-pay", "aks-disk", "KeyUnwrap", DES, "20.1.2.9", 200, 380);
        List<Anomaly> found = f.detect(detector, estate());
        assertEquals(1, found.size());
        Anomaly a = found.get(0);
        assertEquals(Severity.HIGH, a.severity(), "20 times the usual level");
        assertEquals(400, a.count());
        assertEquals(20, a.baseline(), 0.001);
        assertTrue(a.explanation().contains("20 times the usual 20") && a.explanation().contains("des-pay"), a.explanation());
        assertEquals(400, a.chart().get(13).count());
        assertEquals(20, a.chart().get(13).expected(), 0.001);
    }

    @Test
    void aScaleOutOfTwoAndAHalfTimes_staysBelowTheRatio() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(20)
                .add(windowHour(13), "kv-pay", "aks-disk", "KeyUnwrap", DES, "20.1.2.9", 200, 30);
        assertEquals(List.of(), f.detect(detector, estate()));
    }

    @Test
    void aQuietKey_staysBelowTheMinimumCount_howeverLargeTheRatio() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(1)
                .add(windowHour(13), "kv-pay", "aks-disk", "KeyUnwrap", DES, "20.1.2.9", 200, 20);
        assertEquals(List.of(), f.detect(detector, estate()));
        Thresholds lower = new Thresholds(3, 10, 4, 6, 20, 3, 6, 24, 64, 1, 3);
        assertEquals(1, f.detect(detector, estate(), lower).size(), "the minimum is a setting");
    }

    @Test
    void refusals_areNotUse_soTheyMakeNoSpike() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(20)
                .add(windowHour(13), "kv-pay", "aks-disk", "KeyUnwrap", DES, "20.1.2.9", 403, 500);
        assertEquals(List.of(), f.detect(detector, estate()));
    }

    @Test
    void aCallerWithoutHistory_isLeftToTheOtherDetectors() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(20)
                .add(windowHour(13), "kv-pay", "aks-disk", "KeyUnwrap", PERSON, "1.1.1.1", 200, 500);
        assertEquals(List.of(), f.detect(detector, estate()));
    }
}
