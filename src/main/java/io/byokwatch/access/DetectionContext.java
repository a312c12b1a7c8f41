package io.byokwatch.access;

import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.AccessScope;
import io.byokwatch.domain.Caller;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * What every detector reads: the index, which of its hours are the window and which the baseline, the estate, the
 * thresholds, and how to write the KQL behind an anomaly. Detectors leave notes here for things they could not judge.
 */
public final class DetectionContext {
    private final AccessIndex index;
    private final int windowFrom;
    private final int windowTo;
    private final int baselineFrom;
    private final int baselineDays;
    private final ByokEstate estate;
    private final Thresholds thresholds;
    private final Function<AccessScope, String> rawRows;
    private final List<String> notes = new ArrayList<>();

    /**
     * @param windowStart  first hour of the window (whole hour, inside the index)
     * @param windowEnd    end of the window (exclusive)
     * @param baselineDays days before the window to compare with; fewer when the index does not reach back that far
     */
    public DetectionContext(AccessIndex index, Instant windowStart, Instant windowEnd, int baselineDays, ByokEstate estate,
                            Thresholds thresholds, Function<AccessScope, String> rawRows) {
        this.index = index;
        this.windowFrom = index.hourOf(windowStart);
        this.windowTo = index.hourOf(windowEnd);
        if (windowFrom < 0 || windowTo > index.hours() || windowTo <= windowFrom) {
            throw new IllegalArgumentException("window " + windowStart + " to " + windowEnd + " is not inside the logs read, "
                    + index.start() + " to " + index.end());
        }
        this.baselineFrom = Math.max(0, windowFrom - baselineDays * 24);
        this.baselineDays = baselineDays;
        this.estate = estate;
        this.thresholds = thresholds;
        this.rawRows = rawRows;
    }

    public AccessIndex index() {
        return index;
    }

    public ByokEstate estate() {
        return estate;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    int windowFrom() {
        return windowFrom;
    }

    int windowTo() {
        return windowTo;
    }

    int baselineFrom() {
        return baselineFrom;
    }

    public Instant windowStart() {
        return index.instant(windowFrom);
    }

    public Instant windowEnd() {
        return index.instant(windowTo);
    }

    /** Days asked for. */
    public int baselineDays() {
        return baselineDays;
    }

    /** Whole days of baseline the index actually holds before the window. */
    public int baselineDaysCovered() {
        return (windowFrom - baselineFrom) / 24;
    }

    List<AccessRecord> windowRecords() {
        return index.records(windowFrom, windowTo);
    }

    List<AccessRecord> baselineRecords() {
        return index.records(baselineFrom, windowFrom);
    }

    boolean inWindow(AccessRecord r) {
        int h = index.hourOf(r.hour());
        return h >= windowFrom && h < windowTo;
    }

    boolean inBaseline(AccessRecord r) {
        int h = index.hourOf(r.hour());
        return h >= baselineFrom && h < windowFrom;
    }

    void note(String sentence) {
        notes.add(sentence);
    }

    public List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    /** Sum of counts over the window. */
    long windowSum(int[] counts) {
        return sum(counts, windowFrom, windowTo);
    }

    /** Sum of counts over the baseline. */
    long baselineSum(int[] counts) {
        return sum(counts, baselineFrom, windowFrom);
    }

    /** A baseline total scaled to the window's length: what the window would hold at the baseline's average rate. */
    double perWindow(long baselineTotal) {
        int baselineHours = windowFrom - baselineFrom;
        return baselineHours == 0 ? 0 : (double) baselineTotal * (windowTo - windowFrom) / baselineHours;
    }

    /** Baseline days (UTC, counted back from the window) with at least one event. */
    int activeBaselineDays(int[] counts) {
        int days = 0;
        for (int dayEnd = windowFrom; dayEnd - 24 >= baselineFrom; dayEnd -= 24) {
            if (sum(counts, dayEnd - 24, dayEnd) > 0) {
                days++;
            }
        }
        return days;
    }

    /**
     * The baseline a series can be judged on: from its first active day on, since the hours before a caller existed are
     * not quiet hours of that caller.
     */
    int seriesBaselineFrom(int[] counts) {
        for (int h = baselineFrom; h < windowFrom; h++) {
            if (counts[h] > 0) {
                return baselineFrom + ((h - baselineFrom) / 24) * 24;
            }
        }
        return windowFrom;
    }

    Seasonal.Expectation expect(int[] counts, int hour, int seriesBaselineFrom) {
        return Seasonal.at(counts, hour, seriesBaselineFrom, windowFrom, index.start());
    }

    /** The window's hours of a series against its baseline band. */
    List<ChartPoint> chart(int[] counts, int seriesBaselineFrom) {
        List<ChartPoint> points = new ArrayList<>(windowTo - windowFrom);
        for (int h = windowFrom; h < windowTo; h++) {
            Seasonal.Expectation e = expect(counts, h, seriesBaselineFrom);
            points.add(new ChartPoint(index.instant(h), counts[h], e.median(), e.low(), e.high()));
        }
        return points;
    }

    /** Hourly counts of some records over the whole index, for series the index does not keep (one network, one status). */
    int[] countsOf(Iterable<AccessRecord> records) {
        int[] counts = new int[index.hours()];
        for (AccessRecord r : records) {
            int h = index.hourOf(r.hour());
            if (h >= 0 && h < counts.length) {
                counts[h] += (int) Math.min(Integer.MAX_VALUE / 2, r.count());
            }
        }
        return counts;
    }

    /** KQL for the raw rows of the scope over the window; null parts and status 0 match anything. */
    String kql(String vault, String key, String operation, Caller caller, String sourceIp, int status) {
        return rawRows.apply(new AccessScope(vault, key, operation, caller, sourceIp, status, windowStart(), windowEnd()));
    }

    /** Window length for sentences: "24 hours", "2 days". */
    String windowPhrase() {
        long hours = Duration.between(windowStart(), windowEnd()).toHours();
        return hours % 24 == 0 && hours > 24 ? hours / 24 + " days" : hours == 1 ? "hour" : hours + " hours";
    }

    private static long sum(int[] counts, int from, int to) {
        long s = 0;
        for (int i = Math.max(0, from); i < Math.min(counts.length, to); i++) {
            s += counts[i];
        }
        return s;
    }
}
