package io.byokwatch.access;

import io.byokwatch.domain.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.byokwatch.access.AccessFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class SilentKeyDetectorTest {
    private final SilentKeyDetector detector = new SilentKeyDetector();

    @Test
    void aKeyUnwrappedInTheWindow_isNotSilent() {
        assertEquals(List.of(), new AccessFixtures().steadyDiskTraffic(1).detect(detector, estate()));
    }

    @Test
    void aKeyThatStoppedBeingUnwrapped_isHigh_andSaysSinceWhen() {
        AccessFixtures f = new AccessFixtures();
        for (Instant h = START; h.isBefore(WINDOW); h = h.plusSeconds(3600)) {
            f.add(h, "kv-pay", "aks-disk", "KeyUnwrap", DES, "20.1.2.3", 200, 2);
        }
        for (int h = 0; h < 24; h++) {
            f.add(windowHour(h), "kv-pay", "aks-disk", "KeyUnwrap", DES, "20.1.2.3", 403, 2);
        }
        Anomaly a = f.detect(detector, estate()).get(0);
        assertEquals(Severity.HIGH, a.severity());
        assertEquals(0, a.count());
        assertEquals(48, a.baseline(), 0.001);
        assertEquals(WINDOW.minusSeconds(3600).plusSeconds(3000), a.firstSeen(), "silent since the last unwrap");
        assertTrue(a.explanation().contains("aks-pay") && a.explanation().contains("48 x 403"), a.explanation());
    }

    @Test
    void aVaultThatSendsNoLogs_isMedium_andPointsAtTheDiagnosticSetting() {
        AccessFixtures f = new AccessFixtures().add(windowHour(1), "kv-other", "k", "KeyGet", APP, "10.0.0.1", 200, 1);
        Anomaly a = f.detect(detector, estate()).get(0);
        assertEquals(Severity.MEDIUM, a.severity());
        assertTrue(a.explanation().contains("diagnostic setting"), a.explanation());
    }

    @Test
    void withoutInventory_itCannotKnowWhichKeysClustersNeed_andSaysSo() {
        AccessFixtures f = new AccessFixtures();
        DetectionContext c = new DetectionContext(f.add(windowHour(1), "kv", "k", "KeyGet", APP, null, 200, 1).index(),
                WINDOW, END, 14, ByokEstate.NONE, Thresholds.DEFAULTS, s -> "");
        assertEquals(List.of(), detector.detect(c));
        assertTrue(c.notes().get(0).contains("--inventory"));
    }
}
