package io.byokwatch.app;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-cluster work of one event, a few clusters at a time. */
class FanOutTest {
    private static final List<Integer> HUNDRED = IntStream.range(0, 100).boxed().toList();

    @Test
    void resultsComeBackInTheItemsOrder_andNoMoreThanTheWidthRunAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Integer> doubled = new FanOut(4).map(HUNDRED, i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(i % 3);
            running.decrementAndGet();
            return i * 2;
        });
        assertEquals(HUNDRED.stream().map(i -> i * 2).toList(), doubled);
        assertTrue(most.get() <= 4, "at most 4 at once, saw " + most.get());
        assertTrue(most.get() > 1, "the work did run side by side");
    }

    @Test
    void aFailingItem_doesNotStopTheOthers_andItsFailureIsRethrownAfterwards() {
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FanOut(4).map(HUNDRED, i -> {
            if (i == 7 || i == 60) {
                throw new IllegalStateException("cluster " + i + " could not be read");
            }
            done.add(i);
            return i;
        }));
        assertEquals("cluster 7 could not be read", e.getMessage(), "the first in item order");
        assertEquals(1, e.getSuppressed().length);
        assertEquals(98, done.size(), "every other cluster was still decided");
    }

    @Test
    void widthOne_runsOnTheCallersThread() {
        Thread caller = Thread.currentThread();
        assertEquals(List.of(true, true), new FanOut(1).map(List.of(1, 2), i -> Thread.currentThread() == caller));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
