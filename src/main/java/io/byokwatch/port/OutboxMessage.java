package io.byokwatch.port;

import java.time.Instant;
import java.util.Objects;

/**
 * One alert waiting for delivery.
 *
 * @param id           idempotency key: delivery is at-least-once, so receivers drop a repeated id
 * @param partitionKey what must be delivered in order, normally {@link io.byokwatch.domain.ResourceId#key()} of the
 *                     cluster; messages that need no order can share any constant
 * @param enqueuedAt   when the message was created
 * @param body         the message as JSON text, opaque to the outbox
 * @param dequeueCount how many times the message has been leased, this lease included (0 before the first lease): a
 *                     consumer dead-letters a message that keeps failing
 */
public record OutboxMessage(String id, String partitionKey, Instant enqueuedAt, String body, int dequeueCount) {
    public OutboxMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(enqueuedAt, "enqueuedAt");
        Objects.requireNonNull(body, "body");
        if (id.isBlank()) {
            throw new IllegalArgumentException("an outbox message needs a non-blank id (its idempotency key)");
        }
    }

    /** A new message that has not been leased yet. */
    public static OutboxMessage of(String id, String partitionKey, Instant enqueuedAt, String body) {
        return new OutboxMessage(id, partitionKey, enqueuedAt, body, 0);
    }
}
