package io.byokwatch.access;

import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * Fires when one caller's hourly use of one key is far above what the same hour of comparable baseline days held:
 * at least {@code spikeMinCount} events, {@code spikeRatio} times the normal level and {@code spikeZ} robust standard
 * deviations above it. Callers with fewer than {@code minBaselineDays} active baseline days have no history to
 * compare with and are left to the other detectors.
 */
final class VolumeSpikeDetector implements Detector {
    static final String ID = "volume-spike";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Anomaly> detect(DetectionContext c) {
        Thresholds t = c.thresholds();
        List<Anomaly> out = new ArrayList<>();
        for (CallerSeries s : c.index().series()) {
            int[] counts = s.succeeded();
            if (!reachesMinimum(counts, c.windowFrom(), c.windowTo(), t.spikeMinCount())
                    || c.activeBaselineDays(counts) < t.minBaselineDays()) {
                continue;
            }
            int from = c.seriesBaselineFrom(counts);
            Burst burst = Burst.find(c, counts, from, t.spikeMinCount(), t.spikeRatio(), t.spikeZ());
            if (burst != null) {
                out.add(anomaly(c, s, counts, burst, from));
            }
        }
        return out;
    }

    static boolean reachesMinimum(int[] counts, int from, int to, int minimum) {
        for (int h = from; h < to; h++) {
            if (counts[h] >= minimum) {
                return true;
            }
        }
        return false;
    }

    private static Anomaly anomaly(DetectionContext c, CallerSeries s, int[] counts, Burst b, int baselineFrom) {
        Tally t = new Tally();
        for (AccessRecord r : s.records()) {
            if (r.succeeded() && b.covers(c.index().hourOf(r.hour()))) {
                t.add(r);
            }
        }
        String set = c.estate().setOf(s.caller().objectId());
        boolean severe = b.peakRatio() >= 10 || s.caller().human();
        StringBuilder why = new StringBuilder();
        why.append(UnexpectedCallerDetector.capitalised(s.caller().label())).append(" made ")
                .append(Text.plural(b.count, "successful call")).append(" on ").append(s.vault()).append('/').append(s.key())
                .append(" in ").append(Text.plural(b.hours.size(), "hour")).append(" where about ")
                .append(Text.number(b.expected)).append(" are normal (").append(t.operations()).append("); ")
                .append(b.peakPhrase(c)).append('.');
        if (set != null) {
            ByokEstate.DiskKey disk = c.estate().diskKey(s.vault(), s.key());
            why.append(" This is disk encryption set ").append(set);
            if (disk != null && !disk.clusters().isEmpty()) {
                why.append(", serving ").append(Text.list(disk.clusters(), 6));
            }
            why.append(": a large scale-out or a loop of failing disk attaches looks like this.");
        }
        double score = 25 * Math.log10(b.peakRatio()) + 1.5 * Math.min(b.peakZ, 30) + 5;
        return new Anomaly(ID, severe ? Severity.HIGH : Severity.MEDIUM, score, s.vault(), s.key(), t.mainOperation(),
                s.caller(), t.topAddress(), b.count, b.expected, t.first, t.last, why.toString(),
                c.kql(s.vault(), s.key(), null, s.caller(), null, 0), c.chart(counts, baselineFrom));
    }

    /** The window hours of a series that break all three thresholds, with the figures that explain the worst one. */
    static final class Burst {
        final List<Integer> hours = new ArrayList<>();
        long count;
        double expected;
        int peakHour = -1;
        long peak;
        double peakReference;
        double peakZ;
        int peakDays;

        static Burst find(DetectionContext c, int[] counts, int baselineFrom, int minCount, double ratio, double z) {
            Burst b = new Burst();
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
    }
}
