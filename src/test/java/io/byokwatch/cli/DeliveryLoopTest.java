package io.byokwatch.cli;

import io.byokwatch.adapter.storage.FileOutbox;
import io.byokwatch.notify.Secrets;
import io.byokwatch.port.Notifier;
import io.byokwatch.port.OutboxMessage;
import io.byokwatch.port.Sleeper;
import io.byokwatch.render.NoticeSamples;
import io.byokwatch.testsupport.OneChannelDelivery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** serve's background delivery on the real file outbox, with a channel that takes its time to answer. */
class DeliveryLoopTest {
    @TempDir
    Path state;

    @Test
    void closingMidDrain_finishesTheAlertInHand_handsTheRestBack_andPrintsNoFailure() throws Exception {
        FileOutbox outbox = new FileOutbox(state.resolve("outbox"), Clock.systemUTC());
        String body = OneChannelDelivery.CODEC.encode(NoticeSamples.opened());
        for (int i = 0; i < 6; i++) {
            outbox.enqueue(OutboxMessage.of("alert-" + i, "cluster-" + i, NoticeSamples.NOW, body));
        }
        CountDownLatch firstSending = new CountDownLatch(1);
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        Notifier slowReceiver = (channel, payload) -> {
            firstSending.countDown();
            sleep(400);
            sent.add(payload.idempotencyKey());
            return new Notifier.Sent(200);
        };
        OneChannelDelivery local = new OneChannelDelivery(state, slowReceiver, Clock.systemUTC(), Sleeper.REAL);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        DeliveryLoop loop = new DeliveryLoop(local.drainer(outbox, errStream::println), local.reminders(),
                Clock.systemUTC(), errStream, Secrets.NONE).start();

        assertTrue(firstSending.await(10, TimeUnit.SECONDS));
        loop.close();

        assertEquals(1, sent.size(), "the alert in hand was finished, nothing new was started");
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("delivered to siem (200)"), printed);
        assertFalse(printed.contains("failed") || printed.contains("Exception"), "closing is not a failure:\n" + printed);
        assertEquals(5, outbox.lease(10, OneChannelDelivery.LEASE).size(),
                "the rest of the batch can be taken at once by the next start or another instance");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
