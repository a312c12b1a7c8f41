package io.byokwatch.domain;

import java.time.Instant;
import java.util.List;

/**
 * A change in a cluster's verdict worth telling people about. {@code alertId} is the idempotency key: the same
 * transition decided twice (two instances, a retry after a crash) yields the same id, so receivers can drop repeats.
 * {@code sequence} grows strictly per cluster, so receivers can order alerts that a queue delivered out of order and
 * drop one older than what they already showed: the detection time in epoch milliseconds, or one more than the
 * cluster's previous alert when the clock says less (it stepped back). {@code clusterTags} are the
 * cluster's tags when the alert was decided (the last known ones for a deleted cluster), so that notifications can be
 * routed to the team that owns the cluster.
 */
public record Alert(String alertId, Kind kind, ResourceId clusterId, String clusterName, String subscriptionId,
                    ClusterStatus status, ClusterStatus previousStatus, List<Finding> findings,
                    List<String> resolvedFindingKeys, Trigger trigger, Instant detectedAt, Instant openSince,
                    long sequence, Tags clusterTags) {

    public Alert {
        findings = List.copyOf(findings);
        resolvedFindingKeys = List.copyOf(resolvedFindingKeys);
        clusterTags = clusterTags == null ? Tags.NONE : clusterTags;
    }

    /** The most severe finding's severity, or null when the alert carries none (resolved, deleted). */
    public Severity maxSeverity() {
        Severity max = null;
        for (Finding f : findings) {
            if (max == null || f.severity().atLeast(max)) {
                max = f.severity();
            }
        }
        return max;
    }

    /** What changed: became noncompliant or gained findings; lost some findings; fully fixed; cluster gone. */
    public enum Kind {
        OPENED, CHANGED, RESOLVED, DELETED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What made byokwatch look: the event (or the reconcile sweep) and who made the change. */
    public record Trigger(String eventId, String eventType, String operationName, ResourceId resourceId,
                          Instant eventTime, Actor actor, String route) {
        public static Trigger sweep(String eventType, Instant at) {
            return new Trigger(null, eventType, null, null, at, Actor.UNKNOWN, "scheduled re-evaluation of every cluster in scope");
        }

        public static Trigger of(ChangeEvent e, String route) {
            return new Trigger(e.eventId(), e.eventType(), e.operationName(),
                    e.resourceId() != null ? e.resourceId() : e.vaultId(), e.eventTime(), e.actor(), route);
        }
    }
}
