package io.byokwatch.adapter.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadCacheTest {
    private final ReadCache cache = new ReadCache(Duration.ofSeconds(30),
            Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void eightCallersAskingForOneKeyWhileItIsRead_costOneRead_andAllGetItsAnswer() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger hits = new AtomicInteger();
        CountDownLatch allAsking = new CountDownLatch(8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    allAsking.countDown();
                    allAsking.await(5, TimeUnit.SECONDS);
                    return cache.getOrLoad("vault-host kv", () -> {
                        reads.incrementAndGet();
                        sleep(200); // the read is slow, so the others arrive while it runs
                        cache.put("vault-host kv", "found");
                        return "found";
                    }, hits::incrementAndGet);
                }));
            }
            for (Future<String> answer : answers) {
                assertEquals("found", answer.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, reads.get());
        assertEquals(7, hits.get());
    }

    @Test
    void callersWaitingOnAReadThatFails_takeItsFailure_insteadOfEachRetryingInTurn() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch allAsking = new CountDownLatch(4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> {
                    allAsking.countDown();
                    allAsking.await(5, TimeUnit.SECONDS);
                    // an unknown answer is returned, not cached, as ArmReads does with a 403 or a throttled read
                    return cache.getOrLoad("roles /subscriptions/x", () -> {
                        reads.incrementAndGet();
                        sleep(200);
                        return "unknown: 429";
                    }, () -> { });
                }));
            }
            for (Future<String> answer : answers) {
                assertEquals("unknown: 429", answer.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, reads.get());
    }

    @Test
    void aFailedRead_isNotShared_theNextCallerReadsAgain() {
        AtomicInteger reads = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> cache.getOrLoad("k", () -> {
            reads.incrementAndGet();
            throw new IllegalStateException("throttled");
        }, () -> { }));
        assertEquals("v", cache.getOrLoad("k", () -> {
            reads.incrementAndGet();
            return "v";
        }, () -> { }));
        assertEquals(2, reads.get());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
