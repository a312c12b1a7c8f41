package io.byokwatch.app;

import io.byokwatch.domain.Alert;
import io.byokwatch.domain.ChangeEvent;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Tags;
import io.byokwatch.impact.Impact;
import io.byokwatch.impact.ImpactRouter;
import io.byokwatch.policy.Policy;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.OutboxMessage;
import io.byokwatch.port.Sleeper;
import io.byokwatch.port.StoredVerdict;
import io.byokwatch.port.TransitionHistory;
import io.byokwatch.port.VerdictStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The event path: route a change to the clusters it can affect, re-read and re-evaluate each from the inventory as it
 * is now (never from the event body; the changed resource from a read made after the change), and turn state changes
 * into alerts.
 *
 * <p>Alerts are never lost and never doubled by two instances: the new verdict is written with compare-and-set while
 * carrying the alert as pending, only the winner hands it to the outbox, and the pending mark is cleared afterwards.
 * A crash between the two leaves the mark, and the next evaluation of that cluster re-sends the same alert (same id,
 * so receivers drop the repeat). A mark only just written most likely belongs to a writer that is sending it right now,
 * so an evaluation that finds one first gives that writer a moment ({@link #WRITER_WAIT}) to clear it: without that,
 * every instance that received the same event sent its own copy.
 */
public final class DriftDetector {
    private static final int MAX_CAS_ATTEMPTS = 8;
    /**
     * How far Azure's event times and our clock may disagree. A read sent within this of the event time may predate
     * the change, so it does not count; larger means more re-reads of a resource right after it changed, smaller means
     * trusting clock sync more. Azure hosts keep time to well under a second.
     */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(1);
    /** How long an evaluation waits for the writer of a fresh pending mark, and how fresh counts. */
    static final Duration WRITER_WAIT = Duration.ofMillis(250);
    private static final Duration FRESH_MARK = Duration.ofSeconds(2);
    private static final Duration WRITER_POLL = Duration.ofMillis(25);

    /** The status of a tombstone: the cluster is gone, its verdict row stays so that ids of later transitions are new. */
    public static final String DELETED = "deleted";
    /** Clusters of one event evaluated at once; see {@link FanOut}. */
    public static final int EVALUATION_WIDTH = 8;
    private final Inventory inventory;
    private final ImpactRouter router;
    private final ClusterEvaluator evaluator;
    private final Supplier<Policy> policy;
    private final VerdictStore store;
    private final Outbox outbox;
    private final AlertCodec codec;
    private final Clock clock;
    private final FanOut fanOut;
    /** Written in the same flow as the verdict: before an alert reaches the outbox, after a silent verdict won. */
    private final HistoryRecorder history;

    public DriftDetector(Inventory inventory, ImpactRouter router, ClusterEvaluator evaluator, Supplier<Policy> policy,
                         VerdictStore store, Outbox outbox, AlertCodec codec, Clock clock) {
        this(inventory, router, evaluator, policy, store, outbox, codec, clock, EVALUATION_WIDTH);
    }

    /** @param width how many clusters of one event are evaluated at once (1: one after the other) */
    public DriftDetector(Inventory inventory, ImpactRouter router, ClusterEvaluator evaluator, Supplier<Policy> policy,
                         VerdictStore store, Outbox outbox, AlertCodec codec, Clock clock, int width) {
        this(inventory, router, evaluator, policy, store, outbox, codec, clock, width, TransitionHistory.NONE);
    }

    /** @param history where every transition is kept for the KPIs */
    public DriftDetector(Inventory inventory, ImpactRouter router, ClusterEvaluator evaluator, Supplier<Policy> policy,
                         VerdictStore store, Outbox outbox, AlertCodec codec, Clock clock, int width,
                         TransitionHistory history) {
        this.history = new HistoryRecorder(history);
        this.inventory = inventory;
        this.router = router;
        this.evaluator = evaluator;
        this.policy = policy;
        this.store = store;
        this.outbox = outbox;
        this.codec = codec;
        this.clock = clock;
        this.fanOut = new FanOut(width);
    }

    /** What one event led to. */
    public record EventOutcome(String eventId, boolean ignored, String reason, Set<ResourceId> clusters, List<Alert> alerts,
                               List<String> notes) {
    }

    public EventOutcome onEvent(ChangeEvent event) {
        ResourceId about = event.resourceId() != null ? event.resourceId() : event.vaultId();
        Inventory view = about == null ? inventory : inventory.freshFor(about, changedBy(event));
        Impact impact = router.route(event, view);
        if (impact.ignored()) {
            return new EventOutcome(event.eventId(), true, impact.ignoredReason(), Set.of(), List.of(), List.of());
        }
        Alert.Trigger trigger = Alert.Trigger.of(event, impact.route());
        List<String> notes = Collections.synchronizedList(new ArrayList<>());
        Set<ResourceId> clusters = new TreeSet<>(impact.clusters());
        if (isClusterDelete(event)) {
            clusters.add(event.resourceId().topLevel());
        }
        List<Alert> alerts = present(fanOut.map(List.copyOf(clusters),
                id -> decide(view, id, existing(event, id, view.cluster(id)), trigger, notes)));
        return new EventOutcome(event.eventId(), false, impact.route(), clusters, alerts, List.copyOf(notes));
    }

    /** Re-evaluates every cluster in scope, and closes verdicts of clusters that no longer exist. */
    public EventOutcome reconcile(String eventType) {
        Alert.Trigger trigger = Alert.Trigger.sweep(eventType, clock.instant());
        List<String> notes = Collections.synchronizedList(new ArrayList<>());
        Set<ResourceId> seen = new HashSet<>();
        List<ManagedCluster> all = inventory.clusters();
        all.forEach(c -> seen.add(c.id()));
        List<Alert> alerts = new ArrayList<>(present(fanOut.map(all, c -> {
            try {
                return decide(inventory, c.id(), Lookup.found(c), trigger, notes);
            } catch (InventoryUnavailableException e) {
                // one cluster whose chain cannot be read now must not stop the sweep of the others
                notes.add(e.getMessage() + "; the next sweep tries again");
                return Optional.<Alert>empty();
            }
        })));
        for (StoredVerdict v : store.all()) {
            if (!seen.contains(v.clusterId()) && !DELETED.equals(v.status()) && inventory.inScope(v.clusterId())) {
                try {
                    reevaluate(v.clusterId(), trigger, notes).ifPresent(alerts::add);
                } catch (InventoryUnavailableException e) {
                    notes.add(e.getMessage() + "; the next sweep tries again");
                }
                seen.add(v.clusterId());
            }
        }
        return new EventOutcome(null, false, "reconcile", seen, alerts, List.copyOf(notes));
    }

    private static List<Alert> present(List<Optional<Alert>> decided) {
        List<Alert> alerts = new ArrayList<>();
        decided.forEach(a -> a.ifPresent(alerts::add));
        return alerts;
    }

    /** Re-reads one cluster now and records the transition, if any. */
    public Optional<Alert> reevaluate(ResourceId clusterId, Alert.Trigger trigger, List<String> notes) {
        Inventory view = inventory.freshFor(clusterId);
        return decide(view, clusterId, view.cluster(clusterId), trigger, notes);
    }

    private Optional<Alert> decide(Inventory inv, ResourceId clusterId, Lookup<ManagedCluster> current, Alert.Trigger trigger,
                                   List<String> notes) {
        if (current instanceof Lookup.Unknown<ManagedCluster> u) {
            if (u.retryable()) {
                throw new InventoryUnavailableException("cluster " + clusterId + " not re-evaluated, it could not be"
                        + " read for now: " + u.reason());
            }
            notes.add("cluster " + clusterId + " not re-evaluated: " + u.reason());
            return Optional.empty();
        }
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            Optional<StoredVerdict> stored = store.get(clusterId);
            if (stored.isPresent() && pending(stored.get())) {
                stored = awaitWriter(clusterId, stored.get());
            }
            if (stored.isPresent() && pending(stored.get())) {
                flushPending(stored.get());
                stored = store.get(clusterId);
            }
            Attempt result = current instanceof Lookup.Found<ManagedCluster> found
                    ? attemptEvaluation(inv, found.value(), stored.orElse(null), trigger)
                    : attemptDeletion(clusterId, stored.orElse(null), trigger);
            if (result.written()) {
                return result.alert();
            }
        }
        throw new IllegalStateException("cluster " + clusterId + ": verdict kept changing under " + MAX_CAS_ATTEMPTS
                + " concurrent writers; the event will be retried");
    }

    private record Attempt(boolean written, Optional<Alert> alert) {
    }

    private Attempt attemptEvaluation(Inventory inv, ManagedCluster cluster, StoredVerdict prev, Alert.Trigger trigger) {
        Instant now = clock.instant();
        UnavailabilityWatch watch = new UnavailabilityWatch(inv);
        KmsKeyMemory remembered = prev == null || DELETED.equals(prev.status()) ? KmsKeyMemory.NONE
                : codec.storedKmsKeys(prev.detailJson());
        KmsKeyMemory memory = remembered.after(cluster);
        ClusterVerdict verdict = evaluator.evaluate(memory.apply(cluster), watch, policy.get(), now);
        watch.requireComplete(cluster.id());
        List<String> keys = new ArrayList<>(Transitions.keys(verdict));
        Optional<Alert.Kind> kind = Transitions.decide(prev == null ? null : prev.status(), prev == null ? null : prev.findingKeys(), verdict);
        boolean unchanged = prev != null && prev.status().equals(verdict.status().label())
                && new HashSet<>(prev.findingKeys()).equals(new HashSet<>(keys));
        if (kind.isEmpty() && unchanged && memory.sameAs(remembered)) {
            return new Attempt(true, Optional.empty());
        }
        Instant since = unchanged ? prev.since() : now;
        if (kind.isEmpty()) {
            StoredVerdict next = new StoredVerdict(cluster.id(), cluster.name(), cluster.subscriptionId(), verdict.status().label(),
                    keys, codec.withKmsKeys(codec.withSequence(codec.verdictDetail(verdict, cluster.tags(), null),
                    AlertSequence.last(prev, codec)), memory), since, now, prev == null ? null : prev.lastAlertAt(),
                    prev == null ? null : prev.lastAlertKind(), prev == null ? null : prev.version());
            boolean won = store.put(next);
            if (won) {
                history.silent(cluster, prev, verdict, trigger, now);
            }
            return new Attempt(won, Optional.empty());
        }
        Instant openSince = kind.get() == Alert.Kind.OPENED && (prev == null || !ClusterStatus.NONCOMPLIANT.label().equals(prev.status()))
                ? now : prev != null ? prev.since() : now;
        Alert alert = new Alert(alertId(cluster.id(), prev, kind.get(), keys), kind.get(), cluster.id(), cluster.name(),
                cluster.subscriptionId(), verdict.status(), prev == null ? null : status(prev.status()), verdict.findings(),
                resolved(prev, keys), trigger, now, openSince, AlertSequence.next(prev, now, codec), cluster.tags());
        String body = codec.encode(alert);
        return send(alert, body, new StoredVerdict(cluster.id(), cluster.name(), cluster.subscriptionId(), verdict.status().label(),
                keys, codec.withKmsKeys(codec.withSequence(codec.verdictDetail(verdict, cluster.tags(), body), alert.sequence()),
                memory), since, now, null,
                kind.get().label(),
                prev == null ? null : prev.version()));
    }

    private Attempt attemptDeletion(ResourceId clusterId, StoredVerdict prev, Alert.Trigger trigger) {
        if (prev == null || DELETED.equals(prev.status())) {
            return new Attempt(true, Optional.empty());
        }
        Instant now = clock.instant();
        Tags tags = codec.storedTags(prev.detailJson());
        if (!ClusterStatus.NONCOMPLIANT.label().equals(prev.status())) {
            // a tombstone rather than nothing: its version is what gives a cluster created again under the same id a
            // new alertId for its first transition (see alertId)
            boolean won = store.put(new StoredVerdict(clusterId, prev.clusterName(), prev.subscriptionId(), DELETED,
                    List.of(), codec.withSequence(codec.verdictDetail(null, tags, null), AlertSequence.last(prev, codec)), now, now,
                    prev.lastAlertAt(), prev.lastAlertKind(),
                    prev.version()));
            if (won) {
                history.deletedQuietly(prev, tags, trigger, now);
            }
            return new Attempt(won, Optional.empty());
        }
        Alert alert = new Alert(alertId(clusterId, prev, Alert.Kind.DELETED, List.of()), Alert.Kind.DELETED, clusterId,
                prev.clusterName(), prev.subscriptionId(), null, status(prev.status()), List.of(), prev.findingKeys(),
                trigger, now, prev.since(), AlertSequence.next(prev, now, codec), tags);
        String body = codec.encode(alert);
        return send(alert, body, new StoredVerdict(clusterId, prev.clusterName(), prev.subscriptionId(), DELETED, List.of(),
                codec.withSequence(codec.verdictDetail(null, tags, body), alert.sequence()), now, now, null,
                Alert.Kind.DELETED.label(), prev.version()));
    }

    /**
     * Stores the verdict with its alert marked pending, hands the alert to the outbox, then clears the mark on exactly
     * the version written: never on a verdict another instance wrote since, whose own pending alert that would hide.
     */
    private Attempt send(Alert alert, String body, StoredVerdict pending) {
        String written = store.write(pending);
        if (written == null) {
            return new Attempt(false, Optional.empty());
        }
        history.alerted(alert);
        outbox.enqueue(OutboxMessage.of(alert.alertId(), alert.clusterId().key(), alert.detectedAt(), body));
        clearPending(pending.withVersion(written));
        return new Attempt(true, Optional.of(alert));
    }

    /** Re-sends an alert a crashed writer stored as pending but may not have handed to the outbox. */
    private static boolean pending(StoredVerdict v) {
        return v.lastAlertKind() != null && v.lastAlertAt() == null;
    }

    /** Re-reads a fresh pending verdict until its writer clears or replaces it, or {@link #WRITER_WAIT} is over. */
    private Optional<StoredVerdict> awaitWriter(ResourceId clusterId, StoredVerdict pending) {
        if (pending.evaluatedAt().plus(FRESH_MARK).isBefore(clock.instant())) {
            return Optional.of(pending);
        }
        Optional<StoredVerdict> now = Optional.of(pending);
        for (long waited = 0; waited < WRITER_WAIT.toMillis(); waited += WRITER_POLL.toMillis()) {
            try {
                Sleeper.REAL.sleep(WRITER_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return now;
            }
            now = store.get(clusterId);
            if (now.isEmpty() || !pending(now.get()) || !java.util.Objects.equals(now.get().version(), pending.version())) {
                return now;
            }
        }
        return now;
    }

    private void flushPending(StoredVerdict v) {
        String body = codec.pendingAlert(v.detailJson());
        if (body != null) {
            recordPending(body);
            outbox.enqueue(OutboxMessage.of(codec.alertId(body), v.clusterId().key(), clock.instant(), body));
        }
        clearPending(v);
    }

    /** The history entry of a pending alert; one unreadable body must not stop the alert itself from being re-sent. */
    private void recordPending(String body) {
        Alert alert;
        try {
            alert = codec.decode(body);
        } catch (IllegalArgumentException e) {
            System.getLogger(DriftDetector.class.getName()).log(System.Logger.Level.WARNING,
                    "A pending alert is re-sent without its history entry, its body could not be read back: {0}", e.getMessage());
            return;
        }
        history.alerted(alert);
    }

    private void clearPending(StoredVerdict v) {
        if (v.lastAlertAt() != null) {
            return;
        }
        store.put(new StoredVerdict(v.clusterId(), v.clusterName(), v.subscriptionId(), v.status(), v.findingKeys(),
                codec.withoutPending(v.detailJson()),
                v.since(), v.evaluatedAt(), clock.instant(), v.lastAlertKind(), v.version()));
    }

    /**
     * When the change the event reports had surely happened by, on our clock: its event time plus what clocks may
     * disagree by, and never later than now. A read of the resource sent after this shows the change, so duplicate,
     * redelivered and late events about it can share that read. Without an event time, only a read from now on will do.
     */
    private Instant changedBy(ChangeEvent e) {
        Instant now = clock.instant();
        if (e.eventTime() == null) {
            return now;
        }
        Instant by = e.eventTime().plus(CLOCK_SKEW);
        return by.isBefore(now) ? by : now;
    }

    /**
     * A write (or any other change but the cluster's own deletion) to a cluster or one of its parts is evidence that the
     * cluster exists. An inventory that lacks it then only shows that the inventory is incomplete (a partial export):
     * the cluster is not known, not gone. Only its delete event, or a read of it answering 404 just now, closes its
     * verdict as deleted.
     */
    private static Lookup<ManagedCluster> existing(ChangeEvent event, ResourceId clusterId, Lookup<ManagedCluster> read) {
        if (read instanceof Lookup.Absent<ManagedCluster> a && !a.readNow() && !isClusterDelete(event)
                && event.resourceId() != null && event.resourceId().topLevel().equals(clusterId)) {
            return Lookup.unknown("event " + event.eventId() + " reports " + event.operationName() + " on it, so it exists,"
                    + " but the inventory does not show it (" + a.evidence() + "); its last verdict stands until the"
                    + " inventory holds it, or a delete event or a read answering 404 says it is gone");
        }
        return read;
    }

    private static boolean isClusterDelete(ChangeEvent e) {
        return e.resourceId() != null && e.operationName() != null
                && e.resourceId().isType("microsoft.containerservice/managedclusters")
                && e.operationName().toLowerCase(java.util.Locale.ROOT).endsWith("/delete");
    }

    private static List<String> resolved(StoredVerdict prev, List<String> keys) {
        if (prev == null) {
            return List.of();
        }
        List<String> gone = new ArrayList<>(prev.findingKeys());
        gone.removeAll(keys);
        return gone;
    }

    private static ClusterStatus status(String label) {
        for (ClusterStatus s : ClusterStatus.values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Same cluster, same prior version, same transition: same id, whichever instance decides it. A new cluster has no
     * prior version, so a deleted one keeps a tombstone verdict: otherwise a cluster created again under the same id
     * would repeat its first incident's id, and receivers, which drop repeats, would drop the new incident.
     */
    static String alertId(ResourceId cluster, StoredVerdict prev, Alert.Kind kind, List<String> keys) {
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        String material = cluster.key() + "|" + (prev == null ? "-" : prev.version()) + "|" + kind + "|" + String.join(",", sorted);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
