package io.byokwatch.adapter.storage;

import com.azure.core.credential.TokenCredential;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.models.PeekedMessageItem;
import com.azure.storage.queue.models.QueueStorageException;
import io.byokwatch.port.DeadLetters;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Dead letters on a second Storage Queue ({@code byokwatch-deadletter} by default), which nothing consumes: operators
 * read it in the portal or Storage Explorer, fix the channel, and re-send. Messages never expire (time-to-live -1),
 * because a dropped alert is exactly what this queue exists to prevent. A letter too large for a queue message keeps
 * its reason and alert id and says that its body was cut.
 */
public final class QueueDeadLetters implements DeadLetters {
    private static final System.Logger LOG = System.getLogger(QueueDeadLetters.class.getName());
    /** Text limit after Base64: 64 KiB of Base64 carry 48 KiB; keep room for the envelope. */
    private static final int MAX_BODY_BYTES = 40 * 1024;
    private static final int MAX_PEEK = 32;
    private static final Duration NEVER_EXPIRES = Duration.ofSeconds(-1);

    private final QueueClient queue;

    public QueueDeadLetters(QueueClient queue) {
        this.queue = Objects.requireNonNull(queue, "queue");
    }

    public static QueueDeadLetters connect(String connectionString, String queueName) {
        QueueClient client;
        try {
            client = builder().connectionString(connectionString).queueName(queueName).buildClient();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(ConnectionStrings.rejected("Queue Storage", e));
        }
        client.createIfNotExists();
        return new QueueDeadLetters(client);
    }

    /** Connects with an identity; it needs "Storage Queue Data Contributor" on the account. */
    public static QueueDeadLetters connect(String endpoint, TokenCredential credential, String queueName) {
        QueueClient client = builder().endpoint(endpoint).credential(Objects.requireNonNull(credential, "credential"))
                .queueName(queueName).buildClient();
        client.createIfNotExists();
        return new QueueDeadLetters(client);
    }

    private static QueueClientBuilder builder() {
        return new QueueClientBuilder().messageEncoding(QueueMessageEncoding.BASE64);
    }

    @Override
    public void add(DeadLetter d) {
        DeadLetter fitting = d;
        if (d.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            fitting = new DeadLetter(d.alertId(), d.channel(), d.reason() + " (body cut to fit a queue message; the alert"
                    + " is " + d.alertId() + ")", d.attempts(), d.at(), d.body().substring(0, MAX_BODY_BYTES / 4));
        }
        try {
            queue.sendMessageWithResponse(DeliveryRecords.write(fitting), null, NEVER_EXPIRES, null, null);
        } catch (QueueStorageException e) {
            throw new IllegalStateException("Queue Storage refused a dead letter for alert " + d.alertId() + " on queue "
                    + queue.getQueueName() + ": HTTP " + e.getStatusCode(), e);
        }
    }

    @Override
    public List<DeadLetter> recent(int max) {
        List<DeadLetter> out = new ArrayList<>();
        try {
            for (PeekedMessageItem item : queue.peekMessages(MAX_PEEK, null, null)) {
                try {
                    out.add(DeliveryRecords.deadLetter(item.getBody().toString()));
                } catch (BadRecordException e) {
                    LOG.log(Level.WARNING, "Skipping unreadable message {0} on dead-letter queue {1}: {2}",
                            item.getMessageId(), queue.getQueueName(), e.getMessage());
                }
            }
        } catch (QueueStorageException e) {
            throw new IllegalStateException("cannot read dead-letter queue " + queue.getQueueName() + ": HTTP "
                    + e.getStatusCode(), e);
        }
        // a queue shows its oldest first, and at most 32 of them
        java.util.Collections.reverse(out);
        return out.size() > max ? List.copyOf(out.subList(0, max)) : out;
    }
}
