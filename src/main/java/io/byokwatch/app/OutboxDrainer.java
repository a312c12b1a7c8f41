package io.byokwatch.app;

import io.byokwatch.notify.Secrets;
import io.byokwatch.port.DeadLetters;
import io.byokwatch.port.LeaseLostException;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.OutboxMessage;
import io.byokwatch.port.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Delivers what waits in a leasing outbox (the file outbox of {@code replay} and {@code serve}): lease, deliver, then
 * ack, release with the retry delay, or swap for a held copy. Releasing keeps the file outbox's order per cluster, so
 * a cluster's later alerts wait behind one that is being retried and people see them in order.
 *
 * <p>It leases a few messages at a time and keeps their leases short and renewed while it holds them (see
 * {@link LeaseKeeper}): a consumer that crashes mid-batch strands at most {@link #BATCH} messages, for one short lease.
 */
public final class OutboxDrainer {
    static final int BATCH = 4;

    private final Outbox outbox;
    private final AlertDelivery delivery;
    private final DeadLetters deadLetters;
    private final RetryPolicy retry;
    private final Secrets secrets;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration lease;
    private final Consumer<String> log;
    private final LeaseKeeper keeper;

    /**
     * @param lease how long a message stays leased without a renewal: leases are renewed every third of it while held,
     *              so this is how long a crashed consumer's messages wait, not how long a delivery may take
     * @param log   where each line about what happened goes (already free of secrets)
     */
    public OutboxDrainer(Outbox outbox, AlertDelivery delivery, DeadLetters deadLetters, RetryPolicy retry, Secrets secrets,
                         Clock clock, Sleeper sleeper, Duration lease, Consumer<String> log) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.log = Objects.requireNonNull(log, "log");
        this.keeper = new LeaseKeeper(outbox, lease, log);
    }

    /**
     * What a drain did. {@code nextRetryAt} is when the earliest message put back for a retry comes due (null if none);
     * held resolutions are not counted there, they wait a whole flap window.
     */
    public record Report(int finished, int deadLettered, int retried, int held, Instant nextRetryAt) {
        static final Report NONE = new Report(0, 0, 0, 0, null);

        Report plus(Report o) {
            Instant next = nextRetryAt == null ? o.nextRetryAt : o.nextRetryAt == null ? nextRetryAt
                    : nextRetryAt.isBefore(o.nextRetryAt) ? nextRetryAt : o.nextRetryAt;
            return new Report(finished + o.finished, deadLettered + o.deadLettered, retried + o.retried, held + o.held, next);
        }
    }

    /** One pass: every message visible now, until none is. */
    public Report drainVisible() {
        return drainVisible(due -> { }, () -> false);
    }

    /**
     * One pass that ends early once {@code stopping} says so: the message in hand is finished, the rest of its batch is
     * handed back at once for another consumer, so shutting down never strands leased alerts for a whole lease.
     */
    public Report drainVisible(BooleanSupplier stopping) {
        return drainVisible(due -> { }, stopping);
    }

    private Report drainVisible(Consumer<Instant> retries, BooleanSupplier stopping) {
        Report total = Report.NONE;
        while (!stopping.getAsBoolean()) {
            List<Outbox.Lease> leased = outbox.lease(BATCH, lease);
            if (leased.isEmpty()) {
                return total;
            }
            try (LeaseKeeper.Batch kept = keeper.hold(leased)) {
                List<LeaseKeeper.Held> batch = kept.held();
                for (int i = 0; i < batch.size(); i++) {
                    if (stopping.getAsBoolean()) {
                        handBack(batch.subList(i, batch.size()), null);
                        return total;
                    }
                    Report r;
                    try {
                        r = handle(batch.get(i));
                    } catch (RuntimeException e) {
                        // the outbox itself failed (ack or release); what is still leased goes back now, not in a lease
                        handBack(batch.subList(i + 1, batch.size()), e);
                        throw e;
                    }
                    if (r.nextRetryAt() != null) {
                        retries.accept(r.nextRetryAt());
                    }
                    total = total.plus(r);
                }
            }
        }
        return total;
    }

    /**
     * Returns leases this consumer will not work on. A message that cannot be handed back (the outbox is failing) still
     * comes back by itself when its lease runs out, so nothing is lost either way.
     */
    private void handBack(List<LeaseKeeper.Held> rest, RuntimeException cause) {
        for (LeaseKeeper.Held l : rest) {
            try {
                l.finish(lease -> {
                    outbox.release(lease, Duration.ZERO);
                    return null;
                });
            } catch (RuntimeException e) {
                if (cause != null && cause != e) {
                    cause.addSuppressed(e);
                }
            }
        }
    }

    /**
     * Drains, waiting out retry delays, until nothing is left to retry or {@code budget} is spent: for one-shot runs.
     * What is still waiting afterwards stays in the outbox for the next run.
     */
    public Report drainUntilSettled(Duration budget) throws InterruptedException {
        Instant deadline = clock.instant().plus(budget);
        TreeSet<Instant> due = new TreeSet<>();
        Report total = Report.NONE;
        while (true) {
            total = total.plus(drainVisible(due::add, () -> false));
            due.headSet(clock.instant(), true).clear();
            if (due.isEmpty() || due.first().isAfter(deadline)) {
                return new Report(total.finished(), total.deadLettered(), total.retried(), total.held(),
                        due.isEmpty() ? null : due.first());
            }
            Duration wait = Duration.between(clock.instant(), due.first());
            sleeper.sleep(wait.isNegative() ? Duration.ZERO : wait);
        }
    }

    private Report handle(LeaseKeeper.Held l) {
        OutboxMessage m = l.message();
        AlertDelivery.Outcome outcome;
        try {
            outcome = delivery.deliver(m);
        } catch (RuntimeException e) {
            return failed(l, e);
        }
        outcome.lines().forEach(log);
        try {
            return l.finish(lease -> {
                if (outcome instanceof AlertDelivery.RetryLater r) {
                    outbox.release(lease, r.delay());
                    return new Report(0, 0, 1, 0, clock.instant().plus(r.delay()));
                }
                if (outcome instanceof AlertDelivery.Held h) {
                    Duration wait = Duration.between(clock.instant(), h.until());
                    // the copy goes in before the original goes out: a crash in between delivers twice, never not at all
                    outbox.enqueue(new OutboxMessage(m.id(), AlertDelivery.heldPartition(m.partitionKey()), m.enqueuedAt(),
                            m.body(), 0), wait.isNegative() ? Duration.ZERO : wait);
                    outbox.ack(lease);
                    return new Report(0, 0, 0, 1, null);
                }
                outbox.ack(lease);
                return new Report(1, ((AlertDelivery.Done) outcome).deadLettered(), 0, 0, null);
            });
        } catch (LeaseLostException e) {
            log.accept("outbox message " + m.id() + ": " + secrets.mask(e.getMessage()));
            return Report.NONE;
        }
    }

    /** A failure of our own (state unreadable, a bug): retried with backoff, dead-lettered when it keeps failing. */
    private Report failed(LeaseKeeper.Held l, RuntimeException e) {
        OutboxMessage m = l.message();
        String reason = secrets.mask(e.getClass().getSimpleName() + ": " + e.getMessage());
        try {
            return l.finish(lease -> {
                if (retry.exhausted(m.dequeueCount())) {
                    deadLetters.add(new DeadLetters.DeadLetter(m.id(), "-", "delivery kept failing: " + reason,
                            m.dequeueCount(), clock.instant(), m.body()));
                    outbox.ack(lease);
                    log.accept("outbox message " + m.id() + " dead-lettered after " + m.dequeueCount() + " attempts: " + reason);
                    return new Report(1, 1, 0, 0, null);
                }
                Duration wait = retry.delay(m.dequeueCount(), null);
                outbox.release(lease, wait);
                log.accept("outbox message " + m.id() + " failed (" + reason + "); retrying in " + wait.toSeconds() + " s");
                return new Report(0, 0, 1, 0, clock.instant().plus(wait));
            });
        } catch (LeaseLostException lost) {
            return Report.NONE;
        }
    }
}
