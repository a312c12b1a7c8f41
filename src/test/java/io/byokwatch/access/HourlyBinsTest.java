package io.byokwatch.access;

import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Caller;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class HourlyBinsTest {
    private static final Caller C = new Caller("AAAA-1", null, null);

    @Test
    void eventsOfOneHourAndKind_becomeOneBin_withTheirFirstAndLastTimes() {
        HourlyBins bins = new HourlyBins();
        bins.accept(AccessRecord.event(Instant.parse("2026-11-17T10:59:00Z"), "KV", "Disk", "KeyUnwrap", C, "1.2.3.4", 200));
        bins.accept(AccessRecord.event(Instant.parse("2026-11-17T10:01:00Z"), "kv", "disk", "keyunwrap", C, "1.2.3.4", 200));
        bins.accept(AccessRecord.event(Instant.parse("2026-11-17T10:30:00Z"), "kv", "disk", "KeyUnwrap", C, "1.2.3.4", 403));
        bins.accept(AccessRecord.event(Instant.parse("2026-11-17T11:00:00Z"), "kv", "disk", "KeyUnwrap", C, "1.2.3.4", 200));
        List<AccessRecord> merged = bins.drain();
        assertEquals(3, merged.size());
        assertEquals(4, bins.events());
        AccessRecord ok = merged.stream().filter(r -> r.status() == 200 && r.hour().equals(Instant.parse("2026-11-17T10:00:00Z")))
                .findFirst().orElseThrow();
        assertEquals(2, ok.count());
        assertEquals("KeyUnwrap", ok.operation(), "operation names are put in their documented spelling");
        assertEquals(Instant.parse("2026-11-17T10:01:00Z"), ok.firstSeen());
        assertEquals(Instant.parse("2026-11-17T10:59:00Z"), ok.lastSeen());
    }

    @Test
    void binsFromAWorkspace_passThrough_andARepeatedBinAddsUp() {
        HourlyBins bins = new HourlyBins();
        Instant h = Instant.parse("2026-11-17T10:00:00Z");
        AccessRecord bin = new AccessRecord(h, "kv", "disk", "KeyGet", C, null, 200, 40, h.plusSeconds(5), h.plusSeconds(3000));
        bins.accept(bin);
        bins.accept(bin);
        assertEquals(1, bins.size());
        assertEquals(80, bins.drain().get(0).count());
        assertEquals(80, bins.events());
        assertEquals(0, bins.size(), "draining hands the bins over");
    }

    @Test
    void callersWithDifferentClaims_areDifferentBins() {
        HourlyBins bins = new HourlyBins();
        Instant t = Instant.parse("2026-11-17T10:00:00Z");
        bins.accept(AccessRecord.event(t, "kv", "disk", "KeyGet", C, null, 200));
        bins.accept(AccessRecord.event(t, "kv", "disk", "KeyGet", Caller.ANONYMOUS, null, 200));
        assertEquals(2, bins.size());
    }
}
