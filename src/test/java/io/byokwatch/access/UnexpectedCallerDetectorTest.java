package io.byokwatch.access;

import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.byokwatch.access.AccessFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class UnexpectedCallerDetectorTest {
    private final UnexpectedCallerDetector detector = new UnexpectedCallerDetector();

    @Test
    void theSetsOwnIdentity_isExpected() {
        assertEquals(List.of(), new AccessFixtures().steadyDiskTraffic(3).detect(detector, estate()));
    }

    @Test
    void aPersonUnwrappingTheDiskKey_isCritical_andExplained() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(3)
                .add(windowHour(23), "kv-pay", "aks-disk", "KeyUnwrap", PERSON, "198.51.100.23", 200, 6)
                .add(windowHour(23), "kv-pay", "aks-disk", "KeyGet", PERSON, "198.51.100.23", 200, 2);
        List<Anomaly> found = f.detect(detector, estate());
        assertEquals(1, found.size());
        Anomaly a = found.get(0);
        assertEquals(Severity.CRITICAL, a.severity());
        assertEquals("KeyUnwrap", a.operation(), "the most revealing operation names the anomaly");
        assertEquals(8, a.count());
        assertEquals(0, a.baseline());
        assertEquals("198.51.100.23", a.sourceIp());
        assertEquals(PERSON, a.caller());
        assertTrue(a.explanation().contains("des-pay") && a.explanation().contains("aks-pay")
                && a.explanation().contains("no disk encryption set's identity"), a.explanation());
        assertEquals("rows of kv-pay/aks-disk", a.kql());
        assertEquals(24, a.chart().size());
        assertEquals(8, a.chart().get(23).count());
    }

    @Test
    void onlyRefusedAttempts_areMedium() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(3)
                .add(windowHour(4), "kv-pay", "aks-disk", "KeyUnwrap", PERSON, "198.51.100.23", 403, 3);
        assertEquals(Severity.MEDIUM, f.detect(detector, estate()).get(0).severity());
    }

    @Test
    void keysNoSetUses_areNotItsConcern_whenTheInventoryIsKnown() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(3)
                .add(windowHour(4), "kv-pay", "app-key", "KeyDecrypt", PERSON, "10.0.0.1", 200, 3);
        assertEquals(List.of(), f.detect(detector, estate()));
    }

    @Test
    void withoutInventory_aCallerNewToTheKeyFires_oneLevelLower_andAKnownOneDoesNot() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(3)
                .add(windowHour(4), "kv-pay", "aks-disk", "KeyUnwrap", PERSON, "10.0.0.1", 200, 3);
        List<Anomaly> found = f.detect(detector, ByokEstate.NONE);
        assertEquals(1, found.size());
        assertEquals(Severity.HIGH, found.get(0).severity());
        assertTrue(found.get(0).explanation().contains("Without an inventory"), found.get(0).explanation());
    }

    @Test
    void withoutInventoryOrBaseline_nothingCanBeJudged_andTheReportSaysSo() {
        AccessFixtures f = new AccessFixtures().add(windowHour(4), "kv-new", "k", "KeyUnwrap", PERSON, "10.0.0.1", 200, 3);
        DetectionContext c = new DetectionContext(f.index(), WINDOW, END, 14, ByokEstate.NONE, Thresholds.DEFAULTS, s -> "");
        assertEquals(List.of(), detector.detect(c));
        assertTrue(c.notes().get(0).contains("kv-new/k"), c.notes().toString());
    }

    @Test
    void whenTheInventoryCannotNameEveryCaller_aCallerFromTheBaselineIsAccepted() {
        ByokEstate kms = estate(new ManagedIdentity("SystemAssigned", DES.objectId(), null, Map.of()),
                List.of(KeyRef.parse("https://kv-pay.vault.azure.net/keys/aks-disk")));
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(3);
        for (int d = 0; d < 15; d++) {
            f.add(START.plusSeconds(86_400L * d + 7200), "kv-pay", "aks-disk", "KeyUnwrap", APP, "52.0.0.1", 200, 2);
        }
        assertEquals(List.of(), f.detect(detector, kms));
        f.add(windowHour(5), "kv-pay", "aks-disk", "KeyUnwrap", PERSON, "52.0.0.1", 200, 1);
        List<Anomaly> found = f.detect(detector, kms);
        assertEquals(1, found.size());
        assertTrue(found.get(0).explanation().contains("KMS"), found.get(0).explanation());
    }

    @Test
    void anonymousChallenges_areNoCaller() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(3)
                .add(windowHour(4), "kv-pay", "aks-disk", "KeyUnwrap", io.byokwatch.domain.Caller.ANONYMOUS, "1.1.1.1", 401, 30);
        assertEquals(List.of(), f.detect(detector, estate()));
    }
}
