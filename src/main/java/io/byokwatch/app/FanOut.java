package io.byokwatch.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one task per cluster a few at a time. A vault change can reach a thousand clusters, and each costs a few
 * verdict-store round trips (about 5-10 ms each against Azure Table storage), so one after the other the last alert
 * left tens of seconds after the event; {@code width} at once brings that to a few seconds while keeping the load on ARM
 * and storage bounded (the pool is shared by every event this process handles at the same time).
 *
 * <p>Every task runs to its end even when another fails; the first failure is then rethrown, so an event that could not
 * be fully handled still fails and is redelivered, and what did get decided is kept. Idle threads end after a while, so
 * a process that handles no events holds none.
 */
final class FanOut {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int width;
    private final ThreadPoolExecutor pool;

    FanOut(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, not " + width);
        }
        this.width = width;
        int id = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(width, width, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "byokwatch-evaluate-" + id + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** {@code task} applied to every item, results in the items' order. */
    <T, R> List<R> map(List<T> items, Function<T, R> task) {
        if (width == 1 || items.size() < 2) {
            List<R> out = new ArrayList<>(items.size());
            for (T item : items) {
                out.add(task.apply(item));
            }
            return out;
        }
        List<CompletableFuture<R>> running = new ArrayList<>(items.size());
        for (T item : items) {
            running.add(CompletableFuture.supplyAsync(() -> task.apply(item), pool));
        }
        List<R> out = new ArrayList<>(items.size());
        RuntimeException first = null;
        for (CompletableFuture<R> f : running) {
            try {
                out.add(f.join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                if (first == null) {
                    first = cause;
                } else if (first != cause) {
                    first.addSuppressed(cause);
                }
                out.add(null);
            }
        }
        if (first != null) {
            throw first;
        }
        return out;
    }
}
