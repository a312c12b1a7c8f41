package io.byokwatch.adapter.storage;

import io.byokwatch.port.Outbox;
import io.byokwatch.port.Outbox.Lease;
import io.byokwatch.port.OutboxMessage;
import io.byokwatch.testsupport.CapturedLog;
import io.byokwatch.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileOutboxTest extends OutboxContract {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

    @Override
    Outbox newOutbox() {
        return new FileOutbox(dir.resolve("outbox"), clock);
    }

    @Override
    void passTime(Duration d) {
        clock.advance(d);
    }

    private static List<String> ids(List<Lease> leases) {
        return leases.stream().map(l -> l.message().id()).toList();
    }

    @Test
    void aPartitionsMessages_areHandedOutOneAtATimeInEnqueueOrder_whileOtherPartitionsFlow() {
        outbox.enqueue(message("a1", "cluster-a"));
        outbox.enqueue(message("a2", "cluster-a"));
        outbox.enqueue(message("b1", "cluster-b"));
        outbox.enqueue(message("a3", "cluster-a"));

        List<Lease> first = outbox.lease(10, Duration.ofSeconds(30));
        assertEquals(List.of("a1", "b1"), ids(first));
        assertEquals(List.of(), outbox.lease(10, Duration.ofSeconds(30)));

        outbox.ack(first.get(0));
        List<Lease> second = outbox.lease(10, Duration.ofSeconds(30));
        assertEquals(List.of("a2"), ids(second));
    }

    @Test
    void aReleasedMessage_isNotOvertakenByALaterOneOfItsPartition() {
        outbox.enqueue(message("a1", "cluster-a"));
        outbox.enqueue(message("a2", "cluster-a"));
        Lease a1 = outbox.lease(10, Duration.ofSeconds(30)).get(0);

        outbox.release(a1, Duration.ofMinutes(5));
        assertEquals(List.of(), outbox.lease(10, Duration.ofSeconds(30)));

        clock.advance(Duration.ofMinutes(5));
        assertEquals(List.of("a1"), ids(outbox.lease(10, Duration.ofSeconds(30))));
    }

    @Test
    void anExpiredLease_givesTheMessageBackBeforeLaterOnesOfItsPartition() {
        outbox.enqueue(message("a1", "cluster-a"));
        outbox.enqueue(message("a2", "cluster-a"));
        outbox.lease(10, VISIBILITY);

        clock.advance(VISIBILITY);

        assertEquals(List.of("a1"), ids(outbox.lease(10, VISIBILITY)));
    }

    @Test
    void concurrentEnqueues_eachGetTheirOwnSequence_andKeepTheirOrderPerWriter() throws Exception {
        int perWriter = 40;
        List<Thread> writers = new ArrayList<>();
        for (String w : List.of("x", "y")) {
            writers.add(new Thread(() -> {
                for (int i = 0; i < perWriter; i++) {
                    outbox.enqueue(message(w + i, "cluster-" + w));
                }
            }));
        }
        writers.forEach(Thread::start);
        for (Thread t : writers) {
            t.join();
        }

        assertEquals(2L * perWriter, outbox.size());
        List<String> xs = new ArrayList<>();
        for (int round = 0; round < perWriter; round++) {
            for (Lease l : outbox.lease(10, Duration.ofSeconds(30))) {
                if (l.message().partitionKey().equals("cluster-x")) {
                    xs.add(l.message().id());
                }
                outbox.ack(l);
            }
        }
        assertEquals(Stream.iterate(0, i -> i + 1).limit(perWriter).map(i -> "x" + i).toList(), xs);
        assertEquals(0, outbox.size());
    }

    @Test
    void aDamagedMessageFile_isReportedAndSetAside_andTheOthersStillFlow() throws Exception {
        outbox.enqueue(message("a1", "cluster-a"));
        outbox.enqueue(message("b1", "cluster-b"));
        Path first;
        try (Stream<Path> files = Files.list(dir.resolve("outbox"))) {
            first = files.filter(p -> p.getFileName().toString().matches("\\d{19}-.*\\.json")).sorted()
                    .findFirst().orElseThrow();
        }
        Files.writeString(first, "{\"schema\":1,\"id\":");

        try (CapturedLog log = CapturedLog.of("io.byokwatch.adapter.storage")) {
            List<Lease> leases = outbox.lease(10, VISIBILITY);

            assertEquals(List.of("b1"), ids(leases));
            assertTrue(log.lines().stream().anyMatch(l -> l.startsWith("WARNING") && l.contains(first.toString())),
                    log.lines().toString());
        }
        assertTrue(Files.exists(first.resolveSibling(first.getFileName() + ".damaged")));
        assertEquals(1, outbox.size());
    }

    @Test
    void aMessageSurvivesANewOutboxOnTheSameFolder_asAfterARestart() {
        outbox.enqueue(OutboxMessage.of("alert-1", "cluster-a", MADE_AT, "{}"));

        Outbox reopened = new FileOutbox(dir.resolve("outbox"), clock);
        reopened.enqueue(OutboxMessage.of("alert-2", "cluster-a", MADE_AT, "{}"));

        assertEquals(List.of("alert-1"), ids(reopened.lease(10, VISIBILITY)));
        assertEquals(2, reopened.size());
    }

    @Test
    void aLostSequenceFile_doesNotPutANewMessageAheadOfOlderOnesOfItsCluster() throws Exception {
        for (int i = 1; i <= 3; i++) {
            outbox.enqueue(message("filler" + i, "cluster-" + i));
        }
        outbox.enqueue(message("opened", "cluster-a"));
        Files.delete(dir.resolve("outbox/.sequence"));
        outbox.enqueue(message("resolved", "cluster-a"));
        Files.writeString(dir.resolve("outbox/.sequence"), "garbage");
        outbox.enqueue(message("opened-again", "cluster-a"));

        List<String> order = new ArrayList<>();
        for (List<Lease> batch = outbox.lease(10, VISIBILITY); !batch.isEmpty(); batch = outbox.lease(10, VISIBILITY)) {
            for (Lease l : batch) {
                order.add(l.message().id());
                outbox.ack(l);
            }
        }
        assertEquals(List.of("opened", "resolved", "opened-again"), order.stream().filter(id -> !id.startsWith("filler")).toList());
    }
}
