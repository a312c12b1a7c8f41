package io.byokwatch.access;

import java.time.Instant;

/** One hour of an anomaly's series: what happened, and the band the baseline says is normal for that hour. */
public record ChartPoint(Instant hour, long count, double expected, double low, double high) {
}
