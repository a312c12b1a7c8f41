package io.byokwatch.access;

import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Caller;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AccessIndexTest {
    private static final Instant T0 = Instant.parse("2026-11-17T00:00:00Z");

    private static AccessRecord at(int hour, String op, Caller c, int status, long n) {
        Instant h = T0.plusSeconds(3600L * hour);
        return new AccessRecord(h, "kv", "disk", op, c, "1.1.1.1", status, n, h, h);
    }

    @Test
    void ordersBinsByHour_andLeavesOutThoseOutsideTheRange() {
        AccessIndex index = AccessIndex.of(List.of(at(5, "KeyGet", AccessFixtures.DES, 200, 1), at(1, "KeyGet", AccessFixtures.DES, 200, 2),
                at(-1, "KeyGet", AccessFixtures.DES, 200, 7), at(24, "KeyGet", AccessFixtures.DES, 200, 9)), T0, T0.plusSeconds(86_400));
        assertEquals(24, index.hours());
        assertEquals(List.of(2L, 1L), index.records(0, 24).stream().map(AccessRecord::count).toList());
        assertEquals(3, index.events());
        assertEquals(1, index.records(5, 6).size());
        assertTrue(index.records(6, 24).isEmpty());
    }

    @Test
    void keepsASeriesPerCaller_butNoneForAnonymousChallenges() {
        AccessIndex index = AccessIndex.of(List.of(at(2, "KeyUnwrap", AccessFixtures.DES, 200, 3),
                at(2, "KeyUnwrap", AccessFixtures.DES, 403, 4), at(2, "KeyUnwrap", Caller.ANONYMOUS, 401, 5)), T0, T0.plusSeconds(86_400));
        assertEquals(1, index.series().size());
        CallerSeries s = index.series("kv", "disk", AccessFixtures.DES.id());
        assertEquals(7, s.counts()[2]);
        assertEquals(3, s.succeeded()[2]);
        KeyActivity k = index.key("kv", "disk");
        assertEquals(12, k.all()[2]);
        assertEquals(3, k.unwraps()[2]);
        assertEquals(4, k.failures(403)[2]);
        assertEquals(5, k.failures(401)[2]);
        assertNull(index.key("kv", "other"));
    }

    @Test
    void aRangeWithoutAWholeHour_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> AccessIndex.of(List.of(), T0, T0.plusSeconds(1800)));
    }
}
