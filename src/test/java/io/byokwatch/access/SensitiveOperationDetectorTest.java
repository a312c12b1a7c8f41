package io.byokwatch.access;

import io.byokwatch.domain.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.byokwatch.access.AccessFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class SensitiveOperationDetectorTest {
    private final SensitiveOperationDetector detector = new SensitiveOperationDetector();

    @Test
    void deletingTheDiskKey_isCritical() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(3)
                .add(windowHour(3), "kv-pay", "aks-disk", "KeyDelete", PERSON, "10.0.0.9", 200, 1);
        Anomaly a = f.detect(detector, estate()).get(0);
        assertEquals(Severity.CRITICAL, a.severity());
        assertEquals("KeyDelete", a.operation());
        assertTrue(a.explanation().contains("disk key kv-pay/aks-disk") && a.explanation().contains("purge protection"),
                a.explanation());
    }

    @Test
    void aFailedAttempt_isOneLevelLower() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(3)
                .add(windowHour(3), "kv-pay", "aks-disk", "KeyBackup", PERSON, "10.0.0.9", 403, 1);
        assertEquals(Severity.MEDIUM, f.detect(detector, estate()).get(0).severity());
    }

    @Test
    void aVaultChangeOnAVaultWithADiskKey_isReported_andOtherVaultsAreNot() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(3)
                .add(windowHour(3), "kv-pay", null, "VaultPatch", PERSON, "10.0.0.9", 200, 1)
                .add(windowHour(3), "kv-apps", null, "VaultPatch", PERSON, "10.0.0.9", 200, 1);
        List<Anomaly> found = f.detect(detector, estate());
        assertEquals(1, found.size());
        assertNull(found.get(0).key());
        assertTrue(found.get(0).explanation().contains("holds disk key aks-disk"), found.get(0).explanation());
        assertEquals(2, f.detect(detector, ByokEstate.NONE).size(), "without an inventory every vault counts");
    }

    @Test
    void whatTheSameCallerDoesEveryNight_isLow_butADeleteNeverIs() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(3);
        for (int d = 0; d < 15; d++) {
            f.add(START.plusSeconds(86_400L * d + 3 * 3600), "kv-pay", null, "VaultPut", APP, "40.0.0.1", 200, 1);
            f.add(START.plusSeconds(86_400L * d + 3 * 3600), "kv-pay", "old-key", "KeyDelete", APP, "40.0.0.1", 200, 1);
        }
        List<Anomaly> found = f.detect(detector, estate());
        Anomaly put = found.stream().filter(a -> a.operation().equals("VaultPut")).findFirst().orElseThrow();
        Anomaly delete = found.stream().filter(a -> a.operation().equals("KeyDelete")).findFirst().orElseThrow();
        assertEquals(Severity.LOW, put.severity());
        assertTrue(put.explanation().contains("looks routine"), put.explanation());
        assertEquals(Severity.HIGH, delete.severity(), "a key in a disk vault, not the disk key itself");
        assertEquals(1, put.baseline(), 0.001, "once a day in the baseline, so once per one-day window");
    }

    @Test
    void aFullManagedHsmBackup_andAKeyExport_areSensitive() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(3)
                .add(windowHour(3), "kv-pay", null, "BackupCreate", PERSON, "10.0.0.9", 202, 1)
                .add(windowHour(4), "kv-pay", "aks-disk", "KeyExport", PERSON, "10.0.0.9", 200, 1);
        List<Anomaly> found = f.detect(detector, estate());
        Anomaly backup = found.stream().filter(a -> a.operation().equals("BackupCreate")).findFirst().orElseThrow();
        Anomaly export = found.stream().filter(a -> a.operation().equals("KeyExport")).findFirst().orElseThrow();
        assertEquals(Severity.HIGH, backup.severity());
        assertTrue(backup.explanation().contains("copies every key"), backup.explanation());
        assertEquals(Severity.HIGH, export.severity());
    }
}
