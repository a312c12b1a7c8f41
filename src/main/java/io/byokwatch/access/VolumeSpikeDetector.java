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
            if (!HourlyBurst.reachesMinimum(counts, c.windowFrom(), c.windowTo(), t.spikeMinCount())
                    || c.activeBaselineDays(counts) < t.minBaselineDays()) {
                continue;
            }
            int from = c.seriesBaselineFrom(counts);
            HourlyBurst burst = HourlyBurst.find(c, counts, from, t.spikeMinCount(), t.spikeRatio(), t.spikeZ());
            if (burst != null) {
                out.add(anomaly(c, s, counts, burst, from));
            }
        }
        return out;
    }

    private static Anomaly anomaly(DetectionContext c, CallerSeries s, int[] counts, HourlyBurst b, int baselineFrom) {
        Tally t = new Tally();
        for (AccessRecord r : s.records()) {
            if (r.succeeded() && b.covers(c.index().hourOf(r.hour()))) {
                t.add(r);
            }
        }
        String set = c.estate().setOf(s.caller().objectId());
        boolean severe = b.peakRatio() >= 10 || s.caller().human();
        StringBuilder why = new StringBuilder();
        why.append(Text.capitalised(s.caller().label())).append(" made ")
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
}
