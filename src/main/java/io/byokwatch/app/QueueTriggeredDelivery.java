package io.byokwatch.app;

import io.byokwatch.port.Outbox;
import io.byokwatch.port.OutboxMessage;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Delivery for a queue-triggered function, where the host holds the message's lease and deletes it when the function
 * returns. A retry or a hold therefore cannot release the message; it enqueues a copy (same alert id) hidden for the
 * delay, and returns. The per-channel progress lives in the delivery log, not the message, so the copy goes on where
 * the first attempt stopped. If putting the copy back fails, the function throws and the host redelivers the original.
 */
public final class QueueTriggeredDelivery {
    private final AlertDelivery delivery;
    private final Outbox outbox;
    private final Clock clock;

    public QueueTriggeredDelivery(AlertDelivery delivery, Outbox outbox, Clock clock) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Delivers one message and schedules what is left; returns the lines to log. */
    public List<String> handle(OutboxMessage m) {
        AlertDelivery.Outcome outcome = delivery.deliver(m);
        if (outcome instanceof AlertDelivery.RetryLater r) {
            outbox.enqueue(OutboxMessage.of(m.id(), m.partitionKey(), m.enqueuedAt(), m.body()), r.delay());
        } else if (outcome instanceof AlertDelivery.Held h) {
            Duration wait = Duration.between(clock.instant(), h.until());
            outbox.enqueue(OutboxMessage.of(m.id(), AlertDelivery.heldPartition(m.partitionKey()), m.enqueuedAt(), m.body()),
                    wait.isNegative() ? Duration.ZERO : wait);
        }
        return outcome.lines();
    }
}
