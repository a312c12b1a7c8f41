package io.byokwatch.access;

import java.time.Instant;
import java.util.Arrays;

/**
 * What an hour of a series normally looks like, from the same hour of comparable baseline days. Key use follows the
 * working day and the week (node pools scale with traffic, batch clusters start at night), so an hour is compared with
 * the same hour of day on days of the same kind (weekdays or weekend), and with the hours either side of it so that a
 * job drifting across an hour boundary is not news. Medians and the median absolute deviation keep a past incident
 * inside the baseline from raising what counts as normal.
 */
final class Seasonal {
    /** Fewer comparable days than this and every baseline day counts, weekday or not. */
    private static final int MIN_SAME_KIND = 3;

    /**
     * @param reference the level an hour must be measured against: the median of the same hour, or the upper quartile
     *                  of the neighbouring hours when that is higher (a job that runs at 02:55 one day, 03:05 the next)
     * @param spread    robust standard deviation (1.4826 x MAD), never below the Poisson noise of the reference
     * @param low       lower edge of the normal band (10th percentile of the same hour)
     * @param high      upper edge of the normal band (90th percentile of the same and neighbouring hours)
     * @param days      comparable baseline days the figures come from
     */
    record Expectation(double reference, double median, double spread, double low, double high, int days) {
        /** Robust z-score of a count against this hour. */
        double z(long count) {
            return (count - reference) / spread;
        }
    }

    static final Expectation NONE = new Expectation(0, 0, 1, 0, 0, 0);

    private Seasonal() {
    }

    /**
     * @param counts        events per hour
     * @param hour          the hour to describe
     * @param baselineFrom  first baseline hour (inclusive); hours before a series first appeared are not zeros
     * @param baselineTo    end of the baseline (exclusive)
     * @param indexStart    the instant of hour 0, to know hours of day and days of week
     */
    static Expectation at(int[] counts, int hour, int baselineFrom, int baselineTo, Instant indexStart) {
        long epochHour0 = Math.floorDiv(indexStart.getEpochSecond(), 3600L);
        boolean weekend = weekend(epochHour0 + hour);
        int[] same = new int[64];
        int[] pooled = new int[192];
        int nSame = 0;
        int nPooled = 0;
        for (int pass = 0; pass < 2 && nSame < MIN_SAME_KIND; pass++) {
            boolean anyKind = pass == 1;
            nSame = 0;
            nPooled = 0;
            for (int at = hour - 24; at + 1 >= baselineFrom; at -= 24) {
                if (!anyKind && weekend(epochHour0 + at) != weekend) {
                    continue;
                }
                for (int d = -1; d <= 1; d++) {
                    int i = at + d;
                    if (i < baselineFrom || i >= baselineTo) {
                        continue;
                    }
                    if (nPooled == pooled.length) {
                        pooled = Arrays.copyOf(pooled, pooled.length * 2);
                    }
                    pooled[nPooled++] = counts[i];
                    if (d == 0) {
                        if (nSame == same.length) {
                            same = Arrays.copyOf(same, same.length * 2);
                        }
                        same[nSame++] = counts[i];
                    }
                }
            }
        }
        if (nSame == 0) {
            return NONE;
        }
        Arrays.sort(same, 0, nSame);
        Arrays.sort(pooled, 0, nPooled);
        double median = quantile(same, nSame, 0.5);
        double reference = Math.max(median, quantile(pooled, nPooled, 0.75));
        int[] deviations = new int[nSame];
        for (int i = 0; i < nSame; i++) {
            deviations[i] = (int) Math.abs(same[i] - median);
        }
        Arrays.sort(deviations);
        double mad = quantile(deviations, nSame, 0.5);
        double spread = Math.max(1.4826 * mad, Math.sqrt(Math.max(reference, 1.0)));
        return new Expectation(reference, median, spread, quantile(same, nSame, 0.1),
                Math.max(reference, quantile(pooled, nPooled, 0.9)), nSame);
    }

    /** Saturday and Sunday, UTC. Epoch hour 0 fell on a Thursday. */
    static boolean weekend(long epochHour) {
        long dayOfWeek = Math.floorMod(Math.floorDiv(epochHour, 24L) + 3, 7L); // 0 = Monday
        return dayOfWeek >= 5;
    }

    /** Linear-interpolated quantile of the first n sorted values. */
    static double quantile(int[] sorted, int n, double q) {
        if (n == 0) {
            return 0;
        }
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
