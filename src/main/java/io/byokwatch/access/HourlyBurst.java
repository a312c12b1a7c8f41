package io.byokwatch.access;

import java.util.ArrayList;
import java.util.List;

/**
 * The window hours of an hourly series that break all three thresholds (a minimum count, a ratio to the hour's normal
 * level, a robust z-score), with the figures that explain the worst one. Shared by the volume and failure detectors.
 */
final class HourlyBurst {
    final List<Integer> hours = new ArrayList<>();
    long count;
    double expected;
    int peakHour = -1;
    long peak;
    double peakReference;
    double peakZ;
    int peakDays;

    static HourlyBurst find(DetectionContext c, int[] counts, int baselineFrom, int minCount, double ratio, double z) {
        HourlyBurst b = new HourlyBurst();
        for (int h = c.windowFrom(); h < c.windowTo(); h++) {
            int x = counts[h];
            if (x < minCount) {
                continue;
            }
            Seasonal.Expectation e = c.expect(counts, h, baselineFrom);
            if (x < ratio * Math.max(e.reference(), 1) || e.z(x) < z) {
                continue;
            }
            b.hours.add(h);
            b.count += x;
            b.expected += e.median();
            if (b.peakHour < 0 || x / Math.max(e.reference(), 1) > b.peakRatio()) {
                b.peakHour = h;
                b.peak = x;
                b.peakReference = e.reference();
                b.peakZ = e.z(x);
                b.peakDays = e.days();
            }
        }
        return b.hours.isEmpty() ? null : b;
    }

    /** "the peak, 279 at 2026-10-19 11:00 UTC, is 11 times the usual 25 for that hour on 10 comparable baseline days and 40 robust standard deviations above it" */
    String peakPhrase(DetectionContext c) {
        String head = "the peak, " + peak + " at " + Text.time(c.index().instant(peakHour)) + ", ";
        if (peakReference < 1) {
            return head + "compares with about " + Text.number(peakReference) + " in that hour on "
                    + Text.plural(peakDays, "comparable baseline day");
        }
        return head + "is " + Text.number(peakRatio()) + " times the usual " + Text.number(peakReference) + " for that hour on "
                + Text.plural(peakDays, "comparable baseline day") + " and " + Text.number(peakZ)
                + " robust standard deviations above it";
    }

    double peakRatio() {
        return peak / Math.max(peakReference, 1);
    }

    boolean covers(int hour) {
        return hours.contains(hour);
    }

    /** Whether any window hour reaches the minimum: the cheap test that skips most series. */
    static boolean reachesMinimum(int[] counts, int from, int to, int minimum) {
        for (int h = from; h < to; h++) {
            if (counts[h] >= minimum) {
                return true;
            }
        }
        return false;
    }
}
