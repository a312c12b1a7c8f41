package io.byokwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real threads: results come back in the items' order whoever computed them, and failures are not lost. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InParallelTest {
    private static List<Integer> upTo(int n) {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(i);
        }
        return items;
    }

    @Test
    void resultsAreInTheItemsOrder_andEveryThreadTakesPart() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> items = upTo(5_000);

        List<Integer> out = InParallel.map(items, i -> {
            threads.add(Thread.currentThread().getName());
            if (i % 97 == 0) {
                Thread.onSpinWait();
                try {
                    Thread.sleep(1); // uneven work, so that runs finish out of order
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return i * 2;
        }, 3, done -> { });

        List<Integer> expected = items.stream().map(i -> i * 2).toList();
        assertEquals(expected, out);
        assertTrue(threads.size() > 1, "more than one thread judged: " + threads);
    }

    @Test
    void progressEndsAtTheTotal_andNeverGoesBack() {
        List<Integer> seen = new ArrayList<>();
        InParallel.map(upTo(1_000), i -> i, 2, seen::add);
        assertEquals(1_000, seen.get(seen.size() - 1));
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "progress " + seen);
        }
    }

    @Test
    void theFirstFailureInItemOrder_isThrown_andNoNewItemStartsAfterIt() {
        IllegalArgumentException early = new IllegalArgumentException("item 100");
        AtomicInteger started = new AtomicInteger();

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> InParallel.map(upTo(100_000), i -> {
            started.incrementAndGet();
            if (i == 100) {
                throw early;
            }
            if (i == 5_000) {
                throw new IllegalArgumentException("item 5000");
            }
            return i;
        }, 2, done -> { }));

        assertSame(early, thrown);
        assertTrue(started.get() < 100_000, "the rest was not judged after a failure: " + started.get());
    }

    @Test
    void oneThreadOrFewItems_runOnTheCallersThreadAlone() {
        String caller = Thread.currentThread().getName();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        InParallel.map(upTo(10), i -> threads.add(Thread.currentThread().getName()), 4, done -> { });
        InParallel.map(upTo(500), i -> threads.add(Thread.currentThread().getName()), 1, done -> { });
        assertEquals(Set.of(caller), threads);
    }
}
