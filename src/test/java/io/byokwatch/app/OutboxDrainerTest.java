package io.byokwatch.app;

import io.byokwatch.adapter.storage.FileOutbox;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.OutboxMessage;
import io.byokwatch.render.alert.AlertJson;
import io.byokwatch.render.NoticeSamples;
import io.byokwatch.testsupport.FakeSleeper;
import io.byokwatch.testsupport.ForwardingOutbox;
import io.byokwatch.testsupport.MutableClock;
import io.byokwatch.testsupport.OneChannelDelivery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drainer over the real file outbox: what happens to the rest of a leased batch when the drain cannot go on.
 * Another consumer must be able to take those messages at once; left leased they would sit out the five-minute lease.
 */
class OutboxDrainerTest {
    private static final AlertJson CODEC = OneChannelDelivery.CODEC;
    private static final Duration LEASE = OneChannelDelivery.LEASE;

    @TempDir
    Path state;
    private final MutableClock clock = new MutableClock(NoticeSamples.NOW);
    private final ScriptedNotifier notifier = new ScriptedNotifier();
    private final List<String> lines = new ArrayList<>();

    private OutboxDrainer drainer(Outbox outbox) {
        return new OneChannelDelivery(state, notifier, clock, new FakeSleeper(clock)).drainer(outbox, lines::add);
    }

    /** Five alerts of five clusters, so that one lease hands out all of them. */
    private FileOutbox fiveClusters() {
        FileOutbox outbox = new FileOutbox(state.resolve("outbox"), clock);
        String body = CODEC.encode(NoticeSamples.opened());
        for (int i = 0; i < 5; i++) {
            outbox.enqueue(OutboxMessage.of("alert-" + i, "cluster-" + i, NoticeSamples.NOW, body));
        }
        return outbox;
    }

    @Test
    void whenTheOutboxFailsMidBatch_theRestIsHandedBackAtOnce_notStrandedForTheLease() {
        FileOutbox files = fiveClusters();
        AtomicInteger acks = new AtomicInteger();
        Outbox failingSecondAck = new ForwardingOutbox(files) {
            @Override
            public void ack(Lease lease) {
                if (acks.incrementAndGet() == 2) {
                    throw new UncheckedIOException("could not work under lock outbox/.lock: Resource deadlock avoided",
                            new java.io.IOException("Resource deadlock avoided"));
                }
                super.ack(lease);
            }
        };

        assertThrows(UncheckedIOException.class, () -> drainer(failingSecondAck).drainVisible());

        List<String> again = files.lease(10, LEASE).stream().map(l -> l.message().id()).toList();
        assertEquals(List.of("alert-2", "alert-3", "alert-4"), again,
                "the undelivered rest is leasable now; alert-1 (delivered, ack failed) returns when its lease runs out");
        clock.advance(LEASE.plusSeconds(1));
        assertTrue(files.lease(10, LEASE).stream().anyMatch(l -> l.message().id().equals("alert-1")),
                "a delivered message whose ack failed comes back: a repeat, never a loss");
    }

    @Test
    void stoppingMidBatch_finishesTheMessageInHand_andHandsBackTheRest() {
        FileOutbox files = fiveClusters();
        AtomicInteger delivered = new AtomicInteger();
        Outbox counting = new ForwardingOutbox(files) {
            @Override
            public void ack(Lease lease) {
                delivered.incrementAndGet();
                super.ack(lease);
            }
        };

        OutboxDrainer.Report report = drainer(counting).drainVisible(() -> delivered.get() >= 2);

        assertEquals(2, report.finished());
        assertEquals(2, notifier.calls().size());
        assertEquals(3, files.lease(10, LEASE).size(), "the three not started are free for another consumer");
    }

    @Test
    void aDrainThatIsNotStopped_deliversEverythingVisible() {
        FileOutbox files = fiveClusters();
        assertEquals(5, drainer(files).drainVisible(() -> false).finished());
        assertEquals(0, files.size());
    }
}
