package io.byokwatch.port;

import io.byokwatch.domain.Notice;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What people were last told about one cluster, for flap detection and for dropping alerts that arrive out of order.
 *
 * @param clusterKey     {@link io.byokwatch.domain.ResourceId#key()} of the cluster
 * @param lastSequence   the newest alert sequence decided for the cluster; an older alert is stale
 * @param lastAlertId    the alert that sequence belongs to: the same alert again is a repeat, while another alert with
 *                       an equal sequence (a replay with a pinned clock) is news
 * @param recent         transitions inside the flap window, oldest first
 * @param heldAlertId    a resolution held back to see whether the cluster re-opens, or null
 * @param lastFlappingAt when a flapping notice was last shown, or null
 * @param version        the store's concurrency token; null before the first write
 */
public record ClusterNotices(String clusterKey, long lastSequence, String lastAlertId, List<Notice.Transition> recent,
                             String heldAlertId, Instant lastFlappingAt, String version) {
    public ClusterNotices {
        Objects.requireNonNull(clusterKey, "clusterKey");
        recent = List.copyOf(recent);
    }

    public static ClusterNotices none(String clusterKey) {
        return new ClusterNotices(clusterKey, Long.MIN_VALUE, null, List.of(), null, null, null);
    }

    public ClusterNotices withVersion(String v) {
        return new ClusterNotices(clusterKey, lastSequence, lastAlertId, recent, heldAlertId, lastFlappingAt, v);
    }
}
