package io.byokwatch.access;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

class SeasonalTest {
    /** Monday 2026-11-02 00:00 UTC; 14 days of baseline, then the window day (a Monday). */
    private static final Instant START = Instant.parse("2026-11-02T00:00:00Z");
    private static final int WINDOW = 14 * 24;

    @Test
    void weekdayHours_areComparedWithWeekdays_notWeekends() {
        int[] counts = new int[15 * 24];
        for (int d = 0; d < 14; d++) {
            boolean weekend = d % 7 >= 5;
            counts[d * 24 + 10] = weekend ? 5 : 100;
        }
        Seasonal.Expectation monday = Seasonal.at(counts, WINDOW + 10, 0, WINDOW, START);
        assertEquals(100, monday.median());
        assertEquals(10, monday.days());
        Seasonal.Expectation sunday = Seasonal.at(counts, 13 * 24 + 10, 0, 13 * 24, START);
        assertEquals(5, sunday.median(), "the weekend before it: Saturday and Sunday of week one, Saturday of week two");
    }

    @Test
    void oneIncidentInTheBaseline_doesNotRaiseWhatCountsAsNormal() {
        int[] counts = new int[15 * 24];
        for (int d = 0; d < 14; d++) {
            counts[d * 24 + 10] = 20;
        }
        counts[3 * 24 + 10] = 5000;
        Seasonal.Expectation e = Seasonal.at(counts, WINDOW + 10, 0, WINDOW, START);
        assertEquals(20, e.median());
        assertTrue(e.spread() < 10, "median absolute deviation ignores the outlier: " + e.spread());
    }

    @Test
    void aJobThatDriftsAcrossTheHourBoundary_setsTheReferenceFromItsNeighbours() {
        int[] counts = new int[15 * 24];
        for (int d = 0; d < 14; d++) {
            counts[d * 24 + (d % 2 == 0 ? 2 : 3)] = 200;
        }
        Seasonal.Expectation e = Seasonal.at(counts, WINDOW + 3, 0, WINDOW, START);
        assertEquals(200, e.reference(), 0.001);
    }

    @Test
    void spreadNeverFallsBelowPoissonNoise() {
        int[] counts = new int[15 * 24];
        java.util.Arrays.fill(counts, 0, WINDOW, 100);
        assertEquals(10, Seasonal.at(counts, WINDOW + 1, 0, WINDOW, START).spread(), 0.001);
    }

    @Test
    void noComparableHour_isNoExpectation() {
        assertSame(Seasonal.NONE, Seasonal.at(new int[48], 30, 24, 24, START));
    }

    @Test
    void weekend_isSaturdayAndSundayUtc() {
        long saturday = Instant.parse("2026-11-07T12:00:00Z").getEpochSecond() / 3600;
        assertTrue(Seasonal.weekend(saturday));
        assertTrue(Seasonal.weekend(saturday + 24));
        assertFalse(Seasonal.weekend(saturday + 48));
        assertFalse(Seasonal.weekend(saturday - 24));
    }
}
