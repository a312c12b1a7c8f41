package io.byokwatch.kpi;

import java.util.Objects;

/**
 * The weekly digest's content: the four numbers for the week just ended, the same for the week before, and where the
 * dashboard is. Each change is null when either week lacks the number.
 *
 * @param link where people open the dashboard (a URL or a path), or null when the page was not kept anywhere
 */
public record KpiWeek(KpiReport current, KpiReport previous, String link) {
    public KpiWeek {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
    }

    public Double compliantChange() {
        return change(current.headline().compliantPercent(), previous.headline().compliantPercent());
    }

    public Double mttrHoursChange() {
        return change(current.headline().meanHoursToRemediate(), previous.headline().meanHoursToRemediate());
    }

    public Double rotationChange() {
        return change(current.headline().rotatedWithinPolicyPercent(), previous.headline().rotatedWithinPolicyPercent());
    }

    public Double costChange() {
        return change(current.headline().costEstimate(), previous.headline().costEstimate());
    }

    private static Double change(Double now, Double before) {
        return now == null || before == null ? null : now - before;
    }
}
