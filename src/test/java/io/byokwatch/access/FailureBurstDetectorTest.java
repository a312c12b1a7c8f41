package io.byokwatch.access;

import io.byokwatch.domain.Caller;
import io.byokwatch.domain.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.byokwatch.access.AccessFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class FailureBurstDetectorTest {
    private final FailureBurstDetector detector = new FailureBurstDetector();

    @Test
    void theSetDeniedOnItsKey_isCritical_andSaysWhatStops() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(10);
        for (int h = 3; h < 6; h++) {
            f.add(windowHour(h), "kv-pay", "aks-disk", "KeyUnwrap", DES, "20.1.2.9", 403, 60);
        }
        List<Anomaly> found = f.detect(detector, estate());
        assertEquals(1, found.size());
        Anomaly a = found.get(0);
        assertEquals(Severity.CRITICAL, a.severity());
        assertEquals(180, a.count());
        assertEquals(DES, a.caller());
        assertTrue(a.explanation().contains("403 Forbidden") && a.explanation().contains("aks-pay"), a.explanation());
    }

    @Test
    void aSteady401Background_isNormal_butAJumpOverItIsMedium() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(10);
        for (Instant h = START; h.isBefore(END); h = h.plusSeconds(3600)) {
            f.add(h, "kv-pay", "aks-disk", "KeyUnwrap", Caller.ANONYMOUS, "20.1.2.3", 401, 30);
        }
        assertEquals(List.of(), f.detect(detector, estate()));
        f.add(windowHour(9), "kv-pay", "aks-disk", "KeyUnwrap", Caller.ANONYMOUS, "20.1.2.3", 401, 400);
        List<Anomaly> found = f.detect(detector, estate());
        assertEquals(1, found.size());
        assertEquals(Severity.MEDIUM, found.get(0).severity());
        assertTrue(found.get(0).caller().anonymous());
    }

    @Test
    void aFewStrayRefusals_areNoise() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(10)
                .add(windowHour(9), "kv-pay", "aks-disk", "KeyGet", PERSON, "10.0.0.1", 403, 5);
        assertEquals(List.of(), f.detect(detector, estate()));
    }

    @Test
    void throttlingOfAnApplication_isMedium() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(10)
                .add(windowHour(9), "kv-pay", "app", "KeyDecrypt", APP, "10.0.0.1", 429, 90);
        List<Anomaly> found = f.detect(detector, estate());
        assertEquals(Severity.MEDIUM, found.get(0).severity());
        assertTrue(found.get(0).explanation().contains("throttles"), found.get(0).explanation());
    }
}
