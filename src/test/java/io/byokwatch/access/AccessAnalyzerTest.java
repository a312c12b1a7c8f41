package io.byokwatch.access;

import io.byokwatch.domain.Severity;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static io.byokwatch.access.AccessFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class AccessAnalyzerTest {
    private static AccessReport analyze(AccessFixtures f, ByokEstate estate, Allowlist allow) {
        return new AccessAnalyzer(estate, Thresholds.DEFAULTS, allow, s -> "kql").analyze(f.index(), WINDOW, END, 14,
                "fixture logs", List.of("a page was partial."));
    }

    @Test
    void aQuietDay_isNothingUnusual_withItsFigures() {
        AccessReport r = analyze(new AccessFixtures().steadyDiskTraffic(4), estate(), Allowlist.EMPTY);
        assertTrue(r.nothingUnusual());
        assertNull(r.worst());
        assertEquals(15 * 24 * 4, r.records());
        assertEquals(24 * 4, r.windowEvents());
        assertEquals(1, r.vaults());
        assertEquals(1, r.keys());
        assertEquals(14, r.baselineCovered());
        assertEquals(List.of("a page was partial."), r.notes());
        assertEquals(Long.valueOf(96), r.operations().get("KeyUnwrap"));
        assertTrue(r.inventory());
    }

    @Test
    void anomalies_areRankedBySeverityThenScore() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(4)
                .add(windowHour(2), "kv-pay", null, "VaultPatch", PERSON, "10.0.0.1", 200, 1)
                .add(windowHour(3), "kv-pay", "aks-disk", "KeyUnwrap", PERSON, "10.0.0.1", 200, 3)
                .add(windowHour(4), "kv-pay", "aks-disk", "KeyPurge", APP, "10.0.0.1", 200, 1);
        AccessReport r = analyze(f, estate(), Allowlist.EMPTY);
        assertEquals(List.of(Severity.CRITICAL, Severity.CRITICAL, Severity.MEDIUM),
                r.anomalies().stream().map(Anomaly::severity).toList());
        assertTrue(r.anomalies().get(0).score() >= r.anomalies().get(1).score());
        assertEquals(Severity.CRITICAL, r.worst());
        assertEquals(2, r.count(Severity.CRITICAL));
    }

    @Test
    void theAllowlist_hidesWhatItCovers_andKeepsItOnRecord() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(4)
                .add(windowHour(3), "kv-pay", "aks-disk", "KeyUnwrap", PERSON, "10.0.0.1", 200, 3);
        Allowlist allow = new Allowlist(List.of(new AllowlistEntry("ALEX@contoso.example", Set.of("unexpected-caller"), "kv-pay",
                null, "break-glass test INC-42", LocalDate.parse("2026-11-30"), "sec-team")));
        AccessReport r = analyze(f, estate(), allow);
        assertTrue(r.nothingUnusual());
        assertEquals(1, r.suppressed().size());
        assertEquals("break-glass test INC-42", r.suppressed().get(0).entry().reason());
    }

    @Test
    void anEntryForAnotherDetectorOrVault_coversNothing() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(4)
                .add(windowHour(3), "kv-pay", "aks-disk", "KeyUnwrap", PERSON, "10.0.0.1", 200, 3);
        Allowlist other = new Allowlist(List.of(
                new AllowlistEntry(PERSON.objectId(), Set.of("new-source"), null, null, "r", LocalDate.parse("2027-01-01"), null),
                new AllowlistEntry(PERSON.objectId(), Set.of(), "kv-other", null, "r", LocalDate.parse("2027-01-01"), null)));
        assertEquals(1, analyze(f, estate(), other).anomalies().size());
    }

    @Test
    void anExpiredEntry_hidesNothing_andTheReportSaysItExpired() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(4)
                .add(windowHour(3), "kv-pay", "aks-disk", "KeyUnwrap", PERSON, "10.0.0.1", 200, 3);
        Allowlist expired = new Allowlist(List.of(new AllowlistEntry(PERSON.upn(), Set.of(), null, null, "migration",
                LocalDate.parse("2026-11-16"), null)));
        AccessReport r = analyze(f, estate(), expired);
        assertEquals(1, r.anomalies().size());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("expired on 2026-11-16")), r.notes().toString());
    }

    @Test
    void aShortBaseline_isNoted() {
        AccessFixtures f = new AccessFixtures().steadyDiskTraffic(4);
        AccessReport r = new AccessAnalyzer(estate(), Thresholds.DEFAULTS, Allowlist.EMPTY, s -> "")
                .analyze(f.index(), WINDOW, END, 30, "x", List.of());
        assertEquals(14, r.baselineCovered());
        assertTrue(r.notes().get(0).contains("14 of the 30 baseline days"), r.notes().toString());
    }

    @Test
    void everyDetectorHasADistinctDocumentedId() {
        assertEquals(Set.of("unexpected-caller", "volume-spike", "failure-burst", "new-source", "sensitive-operation",
                "silent-key"), AccessAnalyzer.detectorIds());
    }
}
