package io.byokwatch.kpi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long something took over a set of cases: count, mean, median, 90th percentile and maximum. Percentiles are by
 * nearest rank, so each is a duration that really occurred. With no cases every figure is null, never zero.
 */
public record Stats(int count, Duration mean, Duration p50, Duration p90, Duration max) {
    public static final Stats EMPTY = new Stats(0, null, null, null, null);

    public static Stats of(List<Duration> durations) {
        if (durations.isEmpty()) {
            return EMPTY;
        }
        List<Duration> sorted = new ArrayList<>(durations);
        sorted.sort(null);
        long totalSeconds = 0;
        for (Duration d : sorted) {
            totalSeconds += d.toSeconds();
        }
        return new Stats(sorted.size(), Duration.ofSeconds(Math.round((double) totalSeconds / sorted.size())),
                rank(sorted, 0.5), rank(sorted, 0.9), sorted.get(sorted.size() - 1));
    }

    /** Nearest rank: the smallest value with at least {@code p} of the cases at or below it. */
    static Duration rank(List<Duration> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
