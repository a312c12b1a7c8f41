package io.byokwatch.app;

import io.byokwatch.adapter.storage.FileOutbox;
import io.byokwatch.port.Notifier;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.OutboxMessage;
import io.byokwatch.port.Sleeper;
import io.byokwatch.render.NoticeSamples;
import io.byokwatch.testsupport.OneChannelDelivery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Short leases, renewed while held, on the real file outbox and the real clock (renewal is real time): a delivery that
 * outlasts the lease keeps its message, and a consumer holds only a few messages at a time, so one that dies strands
 * few, for one short lease.
 */
class OutboxDrainerLeaseTest {
    /*
     * Short, but long enough that a renewal every third of it survives a loaded machine's scheduling stalls: at 300 ms
     * a stall of 200 ms let another consumer in, which says nothing about the drainer.
     */
    private static final Duration SHORT = Duration.ofMillis(1000);

    @TempDir
    Path state;

    private FileOutbox outbox(int messages) {
        FileOutbox outbox = new FileOutbox(state.resolve("outbox"), Clock.systemUTC());
        String body = OneChannelDelivery.CODEC.encode(NoticeSamples.opened());
        for (int i = 0; i < messages; i++) {
            outbox.enqueue(OutboxMessage.of("alert-" + i, "cluster-" + i, NoticeSamples.NOW, body));
        }
        return outbox;
    }

    @Test
    void aDeliveryThatOutlastsTheLease_keepsItsMessage_noOtherConsumerTakesIt() throws Exception {
        FileOutbox files = outbox(OutboxDrainer.BATCH);
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        Notifier slow = (channel, payload) -> {
            sent.add(payload.idempotencyKey());
            sleep(SHORT.multipliedBy(2));
            return new Notifier.Sent(200);
        };
        Thread drain = new Thread(() -> new OneChannelDelivery(state, slow, Clock.systemUTC(), Sleeper.REAL)
                .drainer(files, l -> { }, SHORT).drainVisible());
        drain.start();
        while (sent.isEmpty() && drain.isAlive()) {
            Thread.sleep(5);
        }
        Set<String> takenByAnother = new TreeSet<>();
        while (drain.isAlive()) {
            for (Outbox.Lease l : files.lease(10, SHORT)) {
                takenByAnother.add(l.message().id());
                files.release(l, Duration.ZERO);
            }
            Thread.sleep(50);
        }
        assertEquals(Set.of(), takenByAnother, "a held message was leased by another consumer");
        assertEquals(OutboxDrainer.BATCH, sent.size(), "each message sent once, none again after a lease ran out");
        assertEquals(0, files.size());
    }

    @Test
    void aConsumerHoldsOnlyAFewMessages_theRestFlowToAnotherConsumerAtOnce() throws Exception {
        FileOutbox files = outbox(10);
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch inHand = new CountDownLatch(1);
        Notifier hangs = (channel, payload) -> {
            inHand.countDown();
            try {
                stuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Notifier.Sent(200);
        };
        Thread drain = new Thread(() -> new OneChannelDelivery(state, hangs, Clock.systemUTC(), Sleeper.REAL)
                .drainer(files, l -> { }, SHORT).drainVisible(() -> stuck.getCount() == 0));
        drain.start();
        try {
            assertTrue(inHand.await(10, TimeUnit.SECONDS));
            assertEquals(10 - OutboxDrainer.BATCH, files.lease(100, Duration.ofMinutes(1)).size());
        } finally {
            stuck.countDown();
            drain.join(10_000);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
