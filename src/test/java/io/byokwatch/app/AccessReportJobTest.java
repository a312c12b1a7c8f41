package io.byokwatch.app;

import io.byokwatch.access.AccessReport;
import io.byokwatch.access.Allowlist;
import io.byokwatch.access.Anomaly;
import io.byokwatch.access.Thresholds;
import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.AccessScope;
import io.byokwatch.domain.Caller;
import io.byokwatch.port.AccessLogRead;
import io.byokwatch.port.AccessLogSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

class AccessReportJobTest {
    /** des-pay-prod's identity in examples/estate; its key is kv-pay-prod/aks-disk. */
    private static final Caller DES_PAY_PROD = new Caller("8f5cc9a7-ee13-4650-a223-2aaf82c9fdd6", null, null);
    private static final Caller STRANGER = new Caller("3d1f6b9e-7a42-4c8e-9b15-6e0a2c4d8f71", null, "alex@contoso.example");

    /** Serves fixed records, keeping what it was asked for. */
    private static final class FixedLogs implements AccessLogSource {
        final List<AccessRecord> records = new ArrayList<>();
        Instant from;
        Instant to;

        @Override
        public AccessLogRead read(Instant from, Instant to, Consumer<AccessRecord> sink) {
            this.from = from;
            this.to = to;
            records.forEach(sink);
            return new AccessLogRead("fixed logs", List.of());
        }

        @Override
        public String rawRowsQuery(AccessScope scope) {
            return "rows of " + scope.vault();
        }
    }

    private static FixedLogs logs(Instant windowStart) {
        FixedLogs logs = new FixedLogs();
        for (Instant h = windowStart.minus(Duration.ofDays(14)); h.isBefore(windowStart.plus(Duration.ofDays(1))); h = h.plusSeconds(3600)) {
            logs.records.add(AccessRecord.event(h.plusSeconds(100), "kv-pay-prod", "aks-disk", "KeyUnwrap", DES_PAY_PROD, "20.1.2.3", 200));
        }
        return logs;
    }

    @Test
    void readsTheBaselineAndTheWindow_endingAtTheStartOfTheCurrentHour() {
        FixedLogs logs = logs(Instant.parse("2026-11-30T02:00:00Z"));
        AccessReport r = new AccessReportJob(logs, null, Thresholds.DEFAULTS, Allowlist.EMPTY)
                .run(Instant.parse("2026-12-01T02:17:45Z"), Duration.ofHours(24), 14);
        assertEquals(Instant.parse("2026-11-16T02:00:00Z"), logs.from);
        assertEquals(Instant.parse("2026-12-01T02:00:00Z"), logs.to);
        assertEquals(Instant.parse("2026-11-30T02:00:00Z"), r.windowStart());
        assertEquals(Instant.parse("2026-12-01T02:00:00Z"), r.windowEnd());
        assertEquals(24, r.windowEvents());
        assertEquals("fixed logs", r.source());
        assertFalse(r.inventory());
        assertTrue(r.nothingUnusual(), r.anomalies().toString());
    }

    @Test
    void withTheExampleInventory_theSetsIdentityIsExpected_andAStrangerIsNot() {
        FixedLogs logs = logs(Instant.parse("2026-11-30T02:00:00Z"));
        logs.records.add(AccessRecord.event(Instant.parse("2026-11-30T23:14:00Z"), "kv-pay-prod", "aks-disk", "KeyUnwrap", STRANGER,
                "198.51.100.23", 200));
        AccessReport r = new AccessReportJob(logs, SnapshotInventory.load(Path.of("examples/estate")), Thresholds.DEFAULTS,
                Allowlist.EMPTY).run(Instant.parse("2026-12-01T02:00:00Z"), Duration.ofHours(24), 14);
        assertTrue(r.inventory());
        List<Anomaly> callers = r.anomalies().stream().filter(a -> a.detector().equals("unexpected-caller")).toList();
        assertEquals(1, callers.size(), r.anomalies().toString());
        assertEquals(STRANGER, callers.get(0).caller());
        assertEquals("rows of kv-pay-prod", callers.get(0).kql());
        assertTrue(callers.get(0).explanation().contains("des-pay-prod") && callers.get(0).explanation().contains("aks-pay-prod"),
                callers.get(0).explanation());
    }

    @Test
    void aWindowOfPartHours_isRefused() {
        AccessReportJob job = new AccessReportJob(new FixedLogs(), null, Thresholds.DEFAULTS, Allowlist.EMPTY);
        assertThrows(IllegalArgumentException.class, () -> job.run(Instant.now(), Duration.ofMinutes(90), 14));
        assertThrows(IllegalArgumentException.class, () -> job.run(Instant.now(), Duration.ofHours(1), 0));
    }
}
