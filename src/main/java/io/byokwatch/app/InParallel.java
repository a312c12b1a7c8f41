package io.byokwatch.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Applies a task to every item on this thread and {@code width - 1} helpers, results in the items' order. A scan of
 * 10,000 clusters is CPU work on a read-only inventory, one cluster independent of the next; on a machine with two
 * cores judging it on both halves the wait. Items are taken in small runs from a shared cursor, so a slow cluster
 * (thousands of disks) holds up only its own thread. The first failure in item order is thrown here, after the helpers
 * have stopped; a failure stops the others taking new items.
 */
final class InParallel {
    /** Items taken at a time: enough to make the shared cursor cheap, few enough to balance uneven clusters. */
    private static final int RUN = 16;

    private InParallel() {
    }

    /** One thread per core, at most four: beyond that the collector, not the rules, sets the pace. */
    static int width() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * @param done told on this thread, now and then, how many items are finished (for a progress display)
     */
    static <T, R> List<R> map(List<T> items, Function<T, R> task, int width, IntConsumer done) {
        int n = items.size();
        Object[] results = new Object[n];
        Throwable[] failures = new Throwable[n];
        AtomicInteger cursor = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        // one run of items from the cursor; false when there are none left, or a failure stopped the work
        BooleanSupplier nextRun = () -> {
            int start = cursor.getAndAdd(RUN);
            if (start >= n) {
                return false;
            }
            for (int i = start, end = Math.min(n, start + RUN); i < end; i++) {
                try {
                    results[i] = task.apply(items.get(i));
                } catch (Throwable t) {
                    failures[i] = t;
                    cursor.set(n); // nothing new is started; what runs finishes
                    return false;
                } finally {
                    finished.incrementAndGet();
                }
            }
            return true;
        };
        int helpers = Math.max(0, Math.min(width, (n + RUN - 1) / RUN) - 1);
        List<Thread> threads = new ArrayList<>(helpers);
        for (int h = 0; h < helpers; h++) {
            Thread t = new Thread(() -> {
                while (nextRun.getAsBoolean()) {
                    // runs until the cursor passes the end
                }
            }, "byokwatch-scan-" + (h + 1));
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        // this thread works too, reporting progress between its runs
        while (nextRun.getAsBoolean()) {
            done.accept(finished.get());
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while judging clusters", e);
            }
        }
        for (Throwable t : failures) {
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
        done.accept(n);
        @SuppressWarnings("unchecked")
        List<R> out = (List<R>) Arrays.asList(results);
        return out;
    }
}
