package io.byokwatch.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of the append-only transition history that the KPIs are computed from: a cluster's verdict as it became
 * at {@code detectedAt}, what it was before, what the change carried, and what caused it.
 *
 * <p>{@code id} is the idempotency key. For a transition that alerted it is the alert id, so history and alerts name
 * the same change alike and a re-sent pending alert rewrites the same entry; for silent entries (a baseline, a
 * status that moved without an alert) it is derived the same way from the cluster, the stored verdict version it
 * followed and the change.
 *
 * @param status         the status after the change; null for {@link Kind#DELETED}
 * @param previousStatus the status before it; null for a baseline
 * @param findings       every counted finding after the change (none once deleted)
 * @param resolvedKeys   finding keys present before and absent after
 * @param eventTime      when Azure says the change happened; for a scheduled sweep, the sweep time
 * @param fromEvent      true when a change event triggered the evaluation (false: a sweep or an on-demand check,
 *                       whose event time says nothing about when the change happened)
 */
public record Transition(String id, Kind kind, ResourceId clusterId, String clusterName, String subscriptionId, Tags tags,
                         ClusterStatus status, ClusterStatus previousStatus, List<FindingRef> findings,
                         List<String> resolvedKeys, Instant detectedAt, Instant eventTime, boolean fromEvent,
                         String eventType, Actor actor) {

    public Transition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(detectedAt, "detectedAt");
        clusterName = clusterName == null ? clusterId.name() : clusterName;
        subscriptionId = subscriptionId == null ? clusterId.subscriptionId() : subscriptionId;
        tags = tags == null ? Tags.NONE : tags;
        List<FindingRef> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing(FindingRef::key));
        findings = List.copyOf(sorted);
        resolvedKeys = resolvedKeys.stream().sorted().toList();
        actor = actor == null ? Actor.UNKNOWN : actor;
        if (kind == Kind.DELETED ? status != null : status == null) {
            throw new IllegalArgumentException("a " + kind.label() + " transition " + (kind == Kind.DELETED ? "has no" : "needs a")
                    + " status");
        }
    }

    /**
     * What the entry records: the first evaluation of a cluster, the four alert kinds, or a status that moved without
     * an alert (to or from unknown, exempt or not required).
     */
    public enum Kind {
        BASELINE, OPENED, CHANGED, RESOLVED, DELETED, STATUS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind parse(String label) {
            for (Kind k : values()) {
                if (k.label().equalsIgnoreCase(label)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("'" + label + "' is not a transition kind");
        }

        /** The history kind of an alert kind: alerts and history name a change alike. */
        public static Kind of(Alert.Kind alert) {
            return valueOf(alert.name());
        }
    }

    /**
     * One finding as history keeps it: enough to time its remediation per rule and severity, not its prose.
     *
     * @param keyUse the key use the finding is about ({@code os-disk}, {@code data-disk}, {@code kms-etcd}), or null
     *               when the finding does not say
     */
    public record FindingRef(String key, String ruleId, Severity severity, String resourceId, String keyUse) {
        public FindingRef {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(severity, "severity");
        }

        /** The fields history keeps of a finding; the key use is read from the finding when it carries one. */
        public static FindingRef of(Finding f) {
            return new FindingRef(f.key(), f.ruleId(), f.severity(), f.resourceId().toString(), keyUse(f));
        }

        /**
         * Which key uses a finding is about, from its {@link Finding#keyUse()} ids joined by {@code +} when it is
         * about several ({@code os-disk+data-disk}: one set behind both); null when it is about none.
         */
        static String keyUse(Finding f) {
            return f.keyUse().isEmpty() ? null : String.join("+", f.keyUse());
        }
    }
}
