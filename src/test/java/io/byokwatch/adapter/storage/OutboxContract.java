package io.byokwatch.adapter.storage;

import io.byokwatch.port.LeaseLostException;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.Outbox.Lease;
import io.byokwatch.port.OutboxMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link Outbox} must do; each implementation's test extends this with a fresh, empty outbox. */
abstract class OutboxContract {
    /** The shortest lease the Azure queue honours (it counts in whole seconds). */
    static final Duration VISIBILITY = Duration.ofSeconds(1);
    static final Instant MADE_AT = Instant.parse("2026-03-02T09:00:00.123Z");

    Outbox outbox;

    abstract Outbox newOutbox();

    /** Lets {@code d} pass for the outbox (and then a little more, for a real service's clock granularity). */
    abstract void passTime(Duration d);

    @BeforeEach
    void freshOutbox() {
        outbox = newOutbox();
    }

    static OutboxMessage message(String id, String partition) {
        return OutboxMessage.of(id, partition, MADE_AT, "{\"alert\":\"" + id + "\",\"detectedAt\":\"" + MADE_AT + "\"}");
    }

    @Test
    void anEnqueuedMessage_isLeasedWithItsFields_andAckDeletesIt() {
        OutboxMessage m = message("alert-1", "cluster-a");
        outbox.enqueue(m);
        assertEquals(1, outbox.size());

        List<Lease> leases = outbox.lease(10, VISIBILITY);

        assertEquals(1, leases.size());
        assertEquals(new OutboxMessage("alert-1", "cluster-a", MADE_AT, m.body(), 1), leases.get(0).message());
        outbox.ack(leases.get(0));
        assertEquals(0, outbox.size());
        passTime(VISIBILITY);
        assertEquals(List.of(), outbox.lease(10, VISIBILITY));
    }

    @Test
    void aLeasedMessage_staysHiddenUntilTheLeaseExpires_thenComesBackCountingTheSecondDelivery() {
        outbox.enqueue(message("alert-1", "cluster-a"));
        Lease first = outbox.lease(10, VISIBILITY).get(0);

        assertEquals(List.of(), outbox.lease(10, VISIBILITY));
        assertEquals(1, outbox.size());

        passTime(VISIBILITY);
        List<Lease> again = outbox.lease(10, VISIBILITY);
        assertEquals(1, again.size());
        assertEquals("alert-1", again.get(0).message().id());
        assertEquals(2, again.get(0).message().dequeueCount());
        assertNotEquals(first.receipt(), again.get(0).receipt());
    }

    @Test
    void release_withADelay_hidesTheMessageForTheDelay_thenItComesBack() {
        outbox.enqueue(message("alert-1", "cluster-a"));
        Lease lease = outbox.lease(10, Duration.ofSeconds(30)).get(0);

        outbox.release(lease, VISIBILITY);

        assertEquals(List.of(), outbox.lease(10, VISIBILITY));
        passTime(VISIBILITY);
        List<Lease> back = outbox.lease(10, VISIBILITY);
        assertEquals(List.of("alert-1"), back.stream().map(l -> l.message().id()).toList());
    }

    @Test
    void enqueue_withADelay_hidesTheNewMessageForTheDelay_thenItComesBackAsEnqueued() {
        OutboxMessage m = message("alert-1", "cluster-a#held");
        outbox.enqueue(m, VISIBILITY);

        assertEquals(1, outbox.size());
        assertEquals(List.of(), outbox.lease(10, VISIBILITY));
        passTime(VISIBILITY);
        List<Lease> back = outbox.lease(10, VISIBILITY);
        assertEquals(List.of(new OutboxMessage("alert-1", "cluster-a#held", MADE_AT, m.body(), 1)),
                back.stream().map(Lease::message).toList());
    }

    @Test
    void enqueue_withANegativeDelay_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> outbox.enqueue(message("alert-1", "a"), Duration.ofSeconds(-1)));
        assertEquals(0, outbox.size());
    }

    @Test
    void release_withoutDelay_makesTheMessageAvailableAtOnce() {
        outbox.enqueue(message("alert-1", "cluster-a"));
        Lease lease = outbox.lease(10, Duration.ofSeconds(30)).get(0);

        outbox.release(lease, Duration.ZERO);

        assertEquals(1, outbox.lease(10, VISIBILITY).size());
    }

    @Test
    void ackWithAnExpiredLease_afterTheMessageWasLeasedAgain_isRefused_andTheNewHolderCanAck() {
        outbox.enqueue(message("alert-1", "cluster-a"));
        Lease stale = outbox.lease(10, VISIBILITY).get(0);
        passTime(VISIBILITY);
        Lease current = outbox.lease(10, Duration.ofSeconds(30)).get(0);

        assertThrows(LeaseLostException.class, () -> outbox.ack(stale));
        assertThrows(LeaseLostException.class, () -> outbox.release(stale, Duration.ZERO));
        outbox.ack(current);
        assertEquals(0, outbox.size());
    }

    @Test
    void ackingTwice_reportsTheLeaseAsLost_andDeletesNothingElse() {
        outbox.enqueue(message("alert-1", "cluster-a"));
        outbox.enqueue(message("alert-2", "cluster-b"));
        Lease lease = outbox.lease(1, VISIBILITY).get(0);

        outbox.ack(lease);
        assertThrows(LeaseLostException.class, () -> outbox.ack(lease));

        assertEquals(1, outbox.size());
    }

    @Test
    void lease_handsOutAtMostMax_andTheRestLater() {
        for (int i = 0; i < 5; i++) {
            outbox.enqueue(message("alert-" + i, "cluster-" + i));
        }

        List<Lease> first = outbox.lease(3, Duration.ofSeconds(30));
        List<Lease> rest = outbox.lease(10, Duration.ofSeconds(30));

        assertEquals(3, first.size());
        assertEquals(2, rest.size());
        assertEquals(5, first.stream().map(l -> l.message().id()).distinct().count()
                + rest.stream().map(l -> l.message().id()).distinct().count());
        assertTrue(first.stream().noneMatch(a -> rest.stream().anyMatch(b -> b.message().id().equals(a.message().id()))));
    }

    @Test
    void renew_keepsAMessageHiddenPastItsFirstLease_andTheRenewedLeaseAcksIt() {
        outbox.enqueue(message("alert-1", "cluster-a"));
        Lease first = outbox.lease(10, VISIBILITY).get(0);

        Lease renewed = outbox.renew(first, Duration.ofSeconds(30));
        passTime(VISIBILITY);

        assertEquals(List.of(), outbox.lease(10, VISIBILITY), "the renewed lease still hides it");
        outbox.ack(renewed);
        assertEquals(0, outbox.size());
    }

    @Test
    void renew_ofALeaseThatRanOutAndWasTakenAgain_isRefused() {
        outbox.enqueue(message("alert-1", "cluster-a"));
        Lease stale = outbox.lease(10, VISIBILITY).get(0);
        passTime(VISIBILITY);
        Lease current = outbox.lease(10, Duration.ofSeconds(30)).get(0);

        assertThrows(LeaseLostException.class, () -> outbox.renew(stale, Duration.ofSeconds(30)));
        outbox.ack(current);
        assertEquals(0, outbox.size());
    }
}
