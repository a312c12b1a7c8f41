package io.byokwatch.app;

import io.byokwatch.domain.Actor;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Tags;
import io.byokwatch.domain.Transition;
import io.byokwatch.port.StoredVerdict;
import io.byokwatch.port.TransitionHistory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns what the drift detector decided into history entries. An alert's entry carries the alert's id, so it is
 * written (again) wherever the alert is handed to the outbox (again); a change that raised no alert gets an id made
 * the same way from the stored version it followed, so only the writer that won that version records it.
 */
final class HistoryRecorder {
    private final TransitionHistory history;

    HistoryRecorder(TransitionHistory history) {
        this.history = history;
    }

    /** Records the transition an alert announces; called before the alert reaches the outbox. */
    void alerted(Alert a) {
        history.record(new Transition(a.alertId(), Transition.Kind.of(a.kind()), a.clusterId(), a.clusterName(),
                a.subscriptionId(), a.clusterTags(), a.status(), a.previousStatus(),
                a.findings().stream().map(Transition.FindingRef::of).toList(), a.resolvedFindingKeys(), a.detectedAt(),
                a.trigger().eventTime(), a.trigger().eventId() != null, a.trigger().eventType(), a.trigger().actor()));
    }

    /**
     * Records a verdict stored without an alert: the first evaluation of a cluster (a baseline) or a status that moved
     * quietly, such as compliant to unknown.
     */
    void silent(ManagedCluster cluster, StoredVerdict prev, ClusterVerdict verdict, Alert.Trigger trigger, Instant now) {
        Transition.Kind kind = prev == null ? Transition.Kind.BASELINE : Transition.Kind.STATUS;
        List<String> keys = new ArrayList<>(Transitions.keys(verdict));
        List<String> gone = new ArrayList<>(prev == null ? List.of() : prev.findingKeys());
        gone.removeAll(keys);
        history.record(new Transition(id(cluster.id(), prev, kind, verdict.status().label(), keys), kind, cluster.id(),
                cluster.name(), cluster.subscriptionId(), cluster.tags(), verdict.status(),
                prev == null ? null : status(prev.status()),
                verdict.findings().stream().map(Transition.FindingRef::of).toList(), gone, now, trigger.eventTime(),
                trigger.eventId() != null, trigger.eventType(), trigger.actor()));
    }

    /** Records a cluster gone whose last verdict raised nothing to close (so no deleted alert was sent). */
    void deletedQuietly(StoredVerdict prev, Tags tags, Alert.Trigger trigger, Instant now) {
        history.record(new Transition(id(prev.clusterId(), prev, Transition.Kind.DELETED, "-", List.of()),
                Transition.Kind.DELETED, prev.clusterId(), prev.clusterName(), prev.subscriptionId(), tags, null,
                status(prev.status()), List.of(), prev.findingKeys(), now, trigger.eventTime(), trigger.eventId() != null,
                trigger.eventType(), trigger.actor() == null ? Actor.UNKNOWN : trigger.actor()));
    }

    private static ClusterStatus status(String label) {
        for (ClusterStatus s : ClusterStatus.values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        return null;
    }

    /** Same cluster, same prior version, same change: same id, as for alerts (see DriftDetector#alertId). */
    static String id(ResourceId cluster, StoredVerdict prev, Transition.Kind kind, String status, List<String> keys) {
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        String material = cluster.key() + "|" + (prev == null ? "-" : prev.version()) + "|history:" + kind.label() + "|"
                + status + "|" + String.join(",", sorted);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
