package io.byokwatch.adapter.storage;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.Outbox.Lease;
import io.byokwatch.port.OutboxMessage;
import io.byokwatch.testsupport.Azurite;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueOutboxTest extends OutboxContract {
    /** Azurite compares times in milliseconds against a whole-second visibility; this covers the rounding. */
    private static final Duration SERVICE_SLACK = Duration.ofMillis(300);

    private String queueName;

    @Override
    Outbox newOutbox() {
        queueName = "outbox-" + UUID.randomUUID();
        return QueueOutbox.connect(Azurite.get().connectionString(), queueName);
    }

    @Override
    void passTime(Duration d) {
        try {
            Thread.sleep(d.plus(SERVICE_SLACK).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private QueueClient rawClient(QueueMessageEncoding encoding) {
        return new QueueClientBuilder().connectionString(Azurite.get().connectionString()).queueName(queueName)
                .messageEncoding(encoding).buildClient();
    }

    /** A message whose Base64 form is exactly {@code chars} long (a multiple of 4). */
    private static OutboxMessage messageEncodingTo(int chars) {
        OutboxMessage empty = OutboxMessage.of("alert-big", "cluster-a", MADE_AT, "");
        int envelopeBytes = QueueEnvelope.write(empty).getBytes(StandardCharsets.UTF_8).length;
        String body = "x".repeat(chars / 4 * 3 - envelopeBytes);
        OutboxMessage m = OutboxMessage.of("alert-big", "cluster-a", MADE_AT, body);
        assertEquals(chars, QueueOutbox.base64Length(QueueEnvelope.write(m).getBytes(StandardCharsets.UTF_8).length));
        return m;
    }

    @Test
    void aMessageOfExactly64KiBEncoded_isAcceptedByTheService_andComesBackWhole() {
        OutboxMessage m = messageEncodingTo(QueueOutbox.MAX_ENCODED_CHARS);

        outbox.enqueue(m);

        assertEquals(m.body(), outbox.lease(1, VISIBILITY).get(0).message().body());
    }

    @Test
    void aMessageOverTheLimit_isRefusedBeforeSending_withBothSizesInTheError() {
        OutboxMessage m = messageEncodingTo(QueueOutbox.MAX_ENCODED_CHARS + 4);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> outbox.enqueue(m));

        assertTrue(e.getMessage().contains("65540 chars after Base64") && e.getMessage().contains("65536"),
                e.getMessage());
        assertEquals(0, outbox.size());
    }

    @Test
    void messages_areBase64OnTheWire_asAFunctionsQueueTriggerExpects() {
        OutboxMessage m = message("alert-1", "cluster-a");
        outbox.enqueue(m);

        String wire = rawClient(QueueMessageEncoding.NONE).peekMessage().getMessageText();

        String decoded = new String(Base64.getDecoder().decode(wire), StandardCharsets.UTF_8);
        assertTrue(decoded.contains("\"id\":\"alert-1\"") && decoded.contains("\"partitionKey\":\"cluster-a\""),
                decoded);
    }

    @Test
    void aForeignMessageInTheQueue_isHandedOnAsItIs_forTheConsumerToDeadLetter() {
        rawClient(QueueMessageEncoding.BASE64).sendMessage("plain text from someone else");

        List<Lease> leases = outbox.lease(10, VISIBILITY);

        assertEquals(1, leases.size());
        assertEquals("plain text from someone else", leases.get(0).message().body());
        assertEquals(1, leases.get(0).message().dequeueCount());
    }

    @Test
    void aClientWithoutBase64Encoding_isRefused() {
        newOutbox();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new QueueOutbox(rawClient(QueueMessageEncoding.NONE)));

        assertTrue(e.getMessage().contains("BASE64"), e.getMessage());
    }

    @Test
    void aRefusedConnectionString_isReportedWithoutItsKey() {
        String secret = "c2VjcmV0LWtleS10aGF0LW11c3Qtbm90LWxlYWs=";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QueueOutbox.connect("AccountName=acct;AccountKey=" + secret + ";Bogus", "outbox"));

        assertTrue(!e.getMessage().contains(secret) && e.getMessage().contains("connection string was refused"),
                e.getMessage());
    }
}
