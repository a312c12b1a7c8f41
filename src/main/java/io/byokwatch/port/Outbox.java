package io.byokwatch.port;

import java.time.Duration;
import java.util.List;

/**
 * Alerts waiting for delivery, handed out under leases: at-least-once delivery.
 *
 * <p>A consumer leases messages, delivers each, and then {@link #ack acks} it; only the ack deletes. A consumer that
 * crashes simply lets the lease expire and the message comes back for another consumer. A failed delivery is
 * {@link #release released} with a delay, which is how retry backoff is done. Because a message can be delivered more
 * than once, receivers deduplicate on {@link OutboxMessage#id()}.
 *
 * <p><b>Order.</b> What an implementation guarantees differs, so consumers must not rely on more than the weakest:
 * <ul>
 *   <li>The file outbox keeps order per {@link OutboxMessage#partitionKey()}: messages of one partition are handed out
 *   in enqueue order, and at most one of them is leased at a time, so a retried message is never overtaken by a later
 *   one of the same cluster.</li>
 *   <li>Azure Storage Queues do not guarantee FIFO at all: a message can be received before an older one, and a
 *   released message goes behind newer ones. Alert bodies therefore carry {@code detectedAt} and a per-cluster
 *   sequence, so that receivers (and our own notifier) can order alerts and drop one that is older than what they
 *   already showed for that cluster.</li>
 * </ul>
 */
public interface Outbox {

    /**
     * Stores the message durably before returning.
     *
     * @throws IllegalArgumentException when the message exceeds what the implementation can carry (the Azure queue
     *                                  takes 64 KiB after encoding); the message names the size and the limit
     */
    void enqueue(OutboxMessage m);

    /**
     * Stores the message durably, hidden from {@link #lease} for {@code delay}: how a consumer that cannot release (a
     * queue-triggered function, whose lease the host holds) retries later, and how a notice is held back for a while.
     * In the file outbox a hidden message holds back its partition like a released one, so callers that must not block
     * a cluster's later alerts give it a partition of its own.
     *
     * @throws IllegalArgumentException as {@link #enqueue(OutboxMessage)}, or when the delay is negative or beyond what
     *                                  the implementation can hide a message for (the Azure queue: 7 days)
     */
    void enqueue(OutboxMessage m, Duration delay);

    /**
     * Leases up to {@code max} visible messages for {@code visibility}; they stay hidden from other consumers until
     * acked, released, or the lease expires. May return fewer than {@code max} (the Azure queue hands out at most 32 per
     * call) or none.
     */
    List<Lease> lease(int max, Duration visibility);

    /**
     * Extends a held lease to {@code visibility} from now, so a consumer can lease for a short time and keep the message
     * for as long as it is working on it: a consumer that dies stops renewing, and the message comes back within one
     * short lease instead of one long enough for the slowest delivery.
     *
     * @return the lease to use from now on (the Azure queue hands out a new receipt with every change)
     * @throws LeaseLostException when the lease is no longer held, as {@link #ack}
     */
    Lease renew(Lease lease, Duration visibility);

    /**
     * Deletes the message: call only after it was delivered.
     *
     * @throws LeaseLostException when the lease is no longer held: it expired and the message was leased again, or the
     *                            message is already gone. Azure Storage Queues answer both with the same 404, so the
     *                            two cannot be told apart; either way the delivery may be repeated by another holder
     *                            and the receiver's deduplication absorbs it
     */
    void ack(Lease lease);

    /**
     * Ends the lease without deleting: the message becomes visible again after {@code delay}.
     *
     * @throws LeaseLostException when the lease expired and the message was leased again since, or it is gone
     */
    void release(Lease lease, Duration delay);

    /** How many messages are stored, leased ones included; the Azure queue only knows an approximate count. */
    long size();

    /** A leased message and the receipt that proves the lease; the receipt is opaque to callers. */
    record Lease(OutboxMessage message, String receipt) {
    }
}
