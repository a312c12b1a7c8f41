package io.byokwatch.domain;

import java.time.Instant;
import java.util.List;

/**
 * The daily repetition of what is still open, for one channel: every noncompliant cluster routed to it, oldest first.
 *
 * @param reminderId the idempotency key: the same day and channel give the same id, so a repeated run can be dropped
 */
public record Reminder(String reminderId, Instant at, List<OpenCluster> clusters) {
    public Reminder {
        clusters = List.copyOf(clusters);
    }

    /** A cluster that is still noncompliant, and since when. */
    public record OpenCluster(ResourceId clusterId, String name, String subscriptionId, Instant openSince,
                              List<Finding> findings) {
        public OpenCluster {
            findings = List.copyOf(findings);
        }
    }
}
