package io.byokwatch.access;

import io.byokwatch.domain.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.byokwatch.access.AccessFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class NewSourceDetectorTest {
    private final NewSourceDetector detector = new NewSourceDetector();

    @Test
    void anotherAddressInAKnownNetwork_isNotNew() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(3)
                .add(windowHour(7), "kv-pay", "aks-disk", "KeyUnwrap", DES, "20.1.2.254", 200, 2);
        assertEquals(List.of(), f.detect(detector, estate()));
    }

    @Test
    void theSetsIdentityCallingFromANewNetwork_isHigh() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(3)
                .add(windowHour(7), "kv-pay", "aks-disk", "KeyUnwrap", DES, "203.0.113.50", 200, 2);
        List<Anomaly> found = f.detect(detector, estate());
        assertEquals(1, found.size());
        Anomaly a = found.get(0);
        assertEquals(Severity.HIGH, a.severity());
        assertEquals("203.0.113.50", a.sourceIp());
        assertEquals(2, a.count());
        assertTrue(a.explanation().contains("203.0.113.0/24") && a.explanation().contains("20.1.2.0/24")
                && a.explanation().contains("des-pay"), a.explanation());
    }

    @Test
    void onlyRefusedCallsFromANewNetwork_areLow() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(3)
                .add(windowHour(7), "kv-pay", "aks-disk", "KeyUnwrap", DES, "203.0.113.50", 403, 2);
        assertEquals(Severity.LOW, f.detect(detector, estate()).get(0).severity());
    }

    @Test
    void aCallerWithoutHistory_hasNoNetworksToCompareWith() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(3)
                .add(windowHour(7), "kv-pay", "aks-disk", "KeyUnwrap", PERSON, "203.0.113.50", 200, 2);
        assertEquals(List.of(), f.detect(detector, estate()));
    }

    @Test
    void thePrefixLength_isASetting() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(3)
                .add(windowHour(7), "kv-pay", "aks-disk", "KeyUnwrap", DES, "20.1.9.1", 200, 2);
        assertEquals(1, f.detect(detector, estate()).size());
        Thresholds wide = new Thresholds(3, 30, 4, 6, 20, 3, 6, 16, 64, 1, 3);
        assertEquals(List.of(), f.detect(detector, estate(), wide));
    }
}
