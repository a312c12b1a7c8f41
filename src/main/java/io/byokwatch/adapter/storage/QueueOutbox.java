package io.byokwatch.adapter.storage;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.Context;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.models.QueueMessageDecodingError;
import com.azure.storage.queue.models.QueueMessageItem;
import com.azure.storage.queue.models.QueueStorageException;
import com.azure.storage.queue.models.UpdateMessageResult;
import io.byokwatch.port.LeaseLostException;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.OutboxMessage;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outbox on an Azure Storage Queue, for the Functions deployment.
 *
 * <p><b>Encoding.</b> Messages are sent Base64-encoded ({@link QueueMessageEncoding#BASE64}), which is what an Azure
 * Functions queue trigger expects by default ({@code extensions.queues.messageEncoding = base64} in host.json); a
 * client with another encoding is refused so that the two sides cannot drift apart.
 *
 * <p><b>Size.</b> The service takes at most 64 KiB of message text, and that limit applies after Base64 (4 chars per 3
 * bytes), so a message can carry about 48 KiB of UTF-8. A larger message is refused at enqueue with an
 * {@link IllegalArgumentException} that gives both sizes. Alert bodies are small summaries; should one ever need more,
 * the way out is a claim check (body in a blob, reference in the message), which this build does not have.
 *
 * <p><b>Order.</b> Storage Queues are not FIFO (see {@link Outbox}); consumers order by the alert's own fields.
 * The queue's dequeue count is reported as {@link OutboxMessage#dequeueCount()}, {@link #size()} is the service's
 * approximate count, one lease call returns at most 32 messages, and visibilities and delays count in whole seconds
 * (the service's limits).
 */
public final class QueueOutbox implements Outbox {
    private static final System.Logger LOG = System.getLogger(QueueOutbox.class.getName());
    /** The service's limit on message text, in chars (Base64 text is ASCII, so also bytes). */
    static final int MAX_ENCODED_CHARS = 64 * 1024;
    private static final int MAX_PER_RECEIVE = 32;
    private static final Duration MAX_VISIBILITY = Duration.ofDays(7);
    private static final int BAD_REQUEST = 400;
    private static final int NOT_FOUND = 404;

    /**
     * The storage SDK's default (4 tries, 4 s growing to 16 s between them, no per-try timeout) keeps one call busy for
     * half a minute when the queue is down, longer than Event Grid waits for a webhook's answer (30 s). Three tries of
     * at most 5 s each, 0.5 s then 1 s apart, fail within about 17 s, so the delivery fails in time to be redelivered.
     */
    static final RequestRetryOptions RETRIES = new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 3, 5, 500L, 2_000L, null);

    private final QueueClient queue;

    /** Uses an existing queue through a client the caller built; it must use Base64 encoding. */
    public QueueOutbox(QueueClient queue) {
        this.queue = Objects.requireNonNull(queue, "queue");
        if (queue.getMessageEncoding() != QueueMessageEncoding.BASE64) {
            throw new IllegalArgumentException("the queue client for the outbox must use QueueMessageEncoding.BASE64,"
                    + " as Azure Functions queue triggers expect; it uses " + queue.getMessageEncoding());
        }
    }

    /** Connects with an account connection string (Azurite, or a key-based account), creating the queue if missing. */
    public static QueueOutbox connect(String connectionString, String queueName) {
        QueueClient client;
        try {
            client = builder().connectionString(connectionString).queueName(queueName).buildClient();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(ConnectionStrings.rejected("Queue Storage", e));
        }
        return open(client);
    }

    /**
     * Connects with an identity (managed identity in Azure), creating the queue if missing. The identity needs the
     * "Storage Queue Data Contributor" role (or Message Sender plus Message Processor) on the account.
     *
     * @param endpoint e.g. {@code https://<account>.queue.core.windows.net}
     */
    public static QueueOutbox connect(String endpoint, TokenCredential credential, String queueName) {
        return open(builder().endpoint(endpoint).credential(Objects.requireNonNull(credential, "credential"))
                .queueName(queueName).buildClient());
    }

    private static QueueClientBuilder builder() {
        return new QueueClientBuilder().messageEncoding(QueueMessageEncoding.BASE64)
                .processMessageDecodingError(QueueOutbox::reportUndecodable)
                .retryOptions(RETRIES);
    }

    private static QueueOutbox open(QueueClient client) {
        client.createIfNotExists();
        return new QueueOutbox(client);
    }

    @Override
    public void enqueue(OutboxMessage m) {
        enqueue(m, Duration.ZERO);
    }

    @Override
    public void enqueue(OutboxMessage m, Duration delay) {
        requireWithinService(delay, "delay");
        String text = QueueEnvelope.write(m);
        long encoded = base64Length(text.getBytes(StandardCharsets.UTF_8).length);
        if (encoded > MAX_ENCODED_CHARS) {
            throw new IllegalArgumentException("outbox message " + m.id() + " is " + encoded
                    + " chars after Base64 encoding; an Azure Storage Queue message holds at most " + MAX_ENCODED_CHARS
                    + " (about 48 KiB of UTF-8 text). Shorten the alert body (" + m.body().length() + " chars);"
                    + " storing large bodies by reference is not supported.");
        }
        try {
            if (delay.isZero()) {
                queue.sendMessage(text);
            } else {
                // the service counts visibility in whole seconds; round up so the message is never early
                Duration seconds = Duration.ofSeconds(delay.getSeconds() + (delay.getNano() > 0 ? 1 : 0));
                queue.sendMessageWithResponse(text, seconds, null, null, Context.NONE);
            }
        } catch (QueueStorageException e) {
            throw failure("enqueue message " + m.id(), e);
        }
    }

    /**
     * The outbox message inside the text a Functions queue trigger hands over (the host has already decoded the
     * Base64). Text someone else put on the queue comes back as a message with an empty partition and the text as its
     * body, as {@link #lease} does, so the consumer's dead-lettering sees it.
     *
     * @param queueMessageId the host's message id, used as the id when the text is not ours
     */
    public static OutboxMessage fromTrigger(String text, String queueMessageId, java.time.Instant insertedAt) {
        try {
            return QueueEnvelope.read(text, 0);
        } catch (BadRecordException e) {
            LOG.log(Level.WARNING, "Queue message {0} is {1}; passing its text on unchanged.", queueMessageId, e.getMessage());
            return new OutboxMessage(queueMessageId == null || queueMessageId.isBlank() ? "unknown" : queueMessageId, "",
                    insertedAt == null ? java.time.Instant.EPOCH : insertedAt, text, 0);
        }
    }

    @Override
    public List<Lease> lease(int max, Duration visibility) {
        if (max < 1) {
            throw new IllegalArgumentException("lease at least one message, not " + max);
        }
        requireWithinService(visibility, "visibility");
        if (visibility.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the queue service leases for at least 1 second, not " + visibility);
        }
        List<Lease> leases = new ArrayList<>();
        try {
            for (QueueMessageItem item : queue.receiveMessages(Math.min(max, MAX_PER_RECEIVE), visibility, null, null)) {
                leases.add(new Lease(toMessage(item), Receipt.of(item.getMessageId(), item.getPopReceipt())));
            }
        } catch (QueueStorageException e) {
            throw failure("receive messages", e);
        }
        return leases;
    }

    @Override
    public Lease renew(Lease lease, Duration visibility) {
        requireWithinService(visibility, "visibility");
        Receipt r = Receipt.parse(lease.receipt());
        try {
            UpdateMessageResult updated = queue.updateMessage(r.messageId(), r.popReceipt(), null, visibility);
            return new Lease(lease.message(), Receipt.of(r.messageId(), updated.getPopReceipt()));
        } catch (QueueStorageException e) {
            if (isLeaseLost(e)) {
                throw lost(lease, e);
            }
            throw failure("renew the lease on message " + lease.message().id(), e);
        }
    }

    @Override
    public void ack(Lease lease) {
        Receipt r = Receipt.parse(lease.receipt());
        try {
            queue.deleteMessage(r.messageId(), r.popReceipt());
        } catch (QueueStorageException e) {
            if (isLeaseLost(e)) {
                throw lost(lease, e);
            }
            throw failure("delete message " + lease.message().id(), e);
        }
    }

    @Override
    public void release(Lease lease, Duration delay) {
        requireWithinService(delay, "delay");
        Receipt r = Receipt.parse(lease.receipt());
        try {
            // null text: only the visibility changes, the message stays as enqueued
            queue.updateMessage(r.messageId(), r.popReceipt(), null, delay);
        } catch (QueueStorageException e) {
            if (isLeaseLost(e)) {
                throw lost(lease, e);
            }
            throw failure("release message " + lease.message().id(), e);
        }
    }

    @Override
    public long size() {
        try {
            return queue.getProperties().getApproximateMessagesCount();
        } catch (QueueStorageException e) {
            throw failure("read the message count", e);
        }
    }

    /** Base64 length of {@code bytes} bytes: 4 chars per started group of 3. */
    static long base64Length(long bytes) {
        return 4 * ((bytes + 2) / 3);
    }

    private OutboxMessage toMessage(QueueMessageItem item) {
        int dequeues = (int) Math.min(Integer.MAX_VALUE, item.getDequeueCount());
        String text = item.getBody().toString();
        try {
            return QueueEnvelope.read(text, dequeues);
        } catch (BadRecordException e) {
            // someone else wrote to our queue; hand it on as it is so the consumer's dead-lettering can see it
            LOG.log(Level.WARNING, "Queue {0} message {1} is {2}; passing its text on unchanged.",
                    queue.getQueueName(), item.getMessageId(), e.getMessage());
            return new OutboxMessage(item.getMessageId(), "", item.getInsertionTime().toInstant(), text, dequeues);
        }
    }

    /**
     * Text that is not Base64 cannot be delivered; the SDK skips it and it comes back after its visibility, so each
     * appearance is reported once. A Functions trigger on the same queue would move it to the poison queue.
     */
    private static void reportUndecodable(QueueMessageDecodingError error) {
        QueueMessageItem item = error.getQueueMessageItem();
        LOG.log(Level.WARNING, "Skipping queue {0} message {1}: it is not Base64 text (dequeued {2} times); remove it"
                        + " or move it to a poison queue.", error.getQueueClient().getQueueName(),
                item == null ? "?" : item.getMessageId(), item == null ? "?" : item.getDequeueCount());
    }

    private static void requireWithinService(Duration d, String what) {
        if (d == null || d.isNegative() || d.compareTo(MAX_VISIBILITY) > 0) {
            throw new IllegalArgumentException(what + " must be between 0 and 7 days (the queue service's limit),"
                    + " not " + d);
        }
    }

    /**
     * Azure answers a stale pop receipt with 404 MessageNotFound, the same as for a deleted message; Azurite answers it
     * with 400 PopReceiptMismatch.
     */
    private static boolean isLeaseLost(QueueStorageException e) {
        return e.getStatusCode() == NOT_FOUND
                || (e.getStatusCode() == BAD_REQUEST && "PopReceiptMismatch".equals(errorCode(e)));
    }

    private static String errorCode(QueueStorageException e) {
        return e.getErrorCode() == null ? null : e.getErrorCode().toString();
    }

    private static LeaseLostException lost(Lease lease, QueueStorageException e) {
        return new LeaseLostException("the lease on outbox message " + lease.message().id() + " is no longer held ("
                + errorCode(e) + "): it expired and the message was received again, or it was already deleted", e);
    }

    private IllegalStateException failure(String what, QueueStorageException e) {
        return new IllegalStateException("Queue Storage refused to " + what + " on queue " + queue.getQueueName()
                + ": HTTP " + e.getStatusCode() + " " + errorCode(e), e);
    }

    /** Both halves of a lease: which message, and the pop receipt proving we hold it. */
    private record Receipt(String messageId, String popReceipt) {
        private static final char SEPARATOR = '|';

        static String of(String messageId, String popReceipt) {
            return messageId + SEPARATOR + popReceipt;
        }

        static Receipt parse(String receipt) {
            int sep = receipt == null ? -1 : receipt.indexOf(SEPARATOR);
            if (sep <= 0) {
                throw new IllegalArgumentException("not a receipt of the queue outbox: " + receipt);
            }
            return new Receipt(receipt.substring(0, sep), receipt.substring(sep + 1));
        }
    }
}
