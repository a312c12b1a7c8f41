package io.byokwatch.notify;

import io.byokwatch.domain.Severity;
import io.byokwatch.domain.Tags;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which alerts a route takes. Every condition given must hold; within one condition any listed value will do; an
 * absent condition holds for everything. Names and values compare case-insensitively, as Azure compares them.
 *
 * <p>{@code minSeverity} looks at the most severe finding an alert carries. Resolved and deleted alerts carry none, and
 * pass it: whoever was told a cluster opened must also be told it closed.
 *
 * <p>Kind {@value #ACCESS_REPORT} is the nightly Key Vault access report. It is estate-wide, so it is matched by kind
 * alone: only routes that name it in {@code kinds} take it (a route without {@code kinds} was written for cluster
 * alerts and does not), and the loader refuses subscription, resource group and tag conditions beside it, which could
 * not hold for a report about every vault. {@code minSeverity} looks at the report's most severe anomaly; a report with
 * nothing unusual passes it, so a quiet night is still told and silence never means the job did not run.
 *
 * @param kinds alert kinds ({@code opened, changed, resolved, deleted}), {@code reminder} for the daily reminder and
 *              {@value #ACCESS_REPORT} for the nightly access report and {@value #KPI} for the weekly KPI digest
 */
public record RouteMatch(Set<String> subscriptions, Set<String> resourceGroups, Map<String, Set<String>> tags,
                         Set<String> kinds, Severity minSeverity) {
    public static final String ACCESS_REPORT = "access-report";
    /** The weekly KPI digest: estate-wide like the access report, matched by kind alone. */
    public static final String KPI = "kpi";
    public static final Set<String> KINDS = Set.of("opened", "changed", "resolved", "deleted", "reminder", ACCESS_REPORT, KPI);
    public static final RouteMatch EVERYTHING = new RouteMatch(Set.of(), Set.of(), Map.of(), Set.of(), null);

    public RouteMatch {
        subscriptions = lower(subscriptions);
        resourceGroups = lower(resourceGroups);
        tags = tags.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> e.getKey().toLowerCase(Locale.ROOT), e -> lower(e.getValue()), (a, b) -> a));
        kinds = lower(kinds);
    }

    /** The facts about one alert (or one open cluster, for reminders) that routes look at. */
    public record Facts(String subscriptionId, String resourceGroup, Tags tags, String kind, Severity maxSeverity) {
    }

    public boolean matches(Facts f) {
        return within(subscriptions, f.subscriptionId())
                && within(resourceGroups, f.resourceGroup())
                && within(kinds, f.kind())
                && tagsMatch(f.tags())
                && (minSeverity == null || f.maxSeverity() == null || f.maxSeverity().atLeast(minSeverity));
    }

    /** Whether this route takes the access report whose worst anomaly is {@code worst} (null: nothing unusual). */
    public boolean takesAccessReport(Severity worst) {
        return kinds.contains(ACCESS_REPORT) && (minSeverity == null || worst == null || worst.atLeast(minSeverity));
    }

    private boolean tagsMatch(Tags clusterTags) {
        for (Map.Entry<String, Set<String>> wanted : tags.entrySet()) {
            String value = clusterTags == null ? null : clusterTags.get(wanted.getKey());
            if (value == null || !wanted.getValue().contains(value.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private static boolean within(Set<String> allowed, String value) {
        return allowed.isEmpty() || (value != null && allowed.contains(value.toLowerCase(Locale.ROOT)));
    }

    private static Set<String> lower(Set<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
