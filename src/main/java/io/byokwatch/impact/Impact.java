package io.byokwatch.impact;

import io.byokwatch.domain.ResourceId;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which clusters one change event obliges us to re-check, and why. {@code route} is one short line a person can
 * follow ("vault kv-pay -> 2 disk encryption sets -> 3 clusters"); an ignored event has no clusters and says why it
 * was ignored. The clusters are held sorted so two impacts print, compare and iterate the same way.
 */
public record Impact(Set<ResourceId> clusters, String route, boolean ignored, String ignoredReason) {

    public Impact {
        SortedSet<ResourceId> sorted = new TreeSet<>(clusters);
        clusters = Collections.unmodifiableSortedSet(sorted);
        Objects.requireNonNull(route, "route");
        if (ignored && (ignoredReason == null || ignoredReason.isBlank())) {
            throw new IllegalArgumentException("an ignored impact needs a reason");
        }
        if (ignored && !clusters.isEmpty()) {
            throw new IllegalArgumentException("an ignored impact reaches no clusters");
        }
    }

    public static Impact reaches(Set<ResourceId> clusters, String route) {
        return new Impact(clusters, route, false, null);
    }

    public static Impact ignored(String reason) {
        return new Impact(Set.of(), "ignored: " + reason, true, reason);
    }
}
