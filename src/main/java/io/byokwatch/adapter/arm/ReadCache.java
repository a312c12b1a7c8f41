package io.byokwatch.adapter.arm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Answers kept for a short TTL so that a burst of events about one estate costs one read per resource. */
final class ReadCache {
    private static final int MAX_ENTRIES = 100_000;

    /** {@code sentAt}: when the ARM request behind the answer was sent; null for Resource Graph rows, which lag. */
    private record Entry(Object value, Instant expires, Instant sentAt) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** The read of each key under way now, so that callers asking for it meanwhile take its answer. */
    private final ConcurrentHashMap<String, CompletableFuture<Object>> reading = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    ReadCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    @SuppressWarnings("unchecked")
    <T> T get(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (!clock.instant().isBefore(e.expires())) {
            entries.remove(key, e);
            return null;
        }
        return (T) e.value();
    }

    /**
     * The cached answer, else what {@code load} reads (and caches, when it is worth keeping). A fan-out evaluates eight
     * clusters at a time, and they all need the same key, vault and role assignments at once: without this each of them
     * read it. A caller that asks while another reads the same key takes that read's answer, a failure included (the
     * answer a loader does not cache), so eight callers never retry a failing read one after the other; the next caller
     * after it reads again.
     */
    @SuppressWarnings("unchecked")
    <T> T getOrLoad(String key, Supplier<T> load, Runnable hit) {
        T cached = get(key);
        if (cached != null) {
            hit.run();
            return cached;
        }
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = reading.putIfAbsent(key, mine);
        if (running != null) {
            hit.run();
            return (T) answerOf(running);
        }
        try {
            T value = get(key); // a read that ended between the first look and taking the slot
            if (value != null) {
                hit.run();
            } else {
                value = load.get();
            }
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            reading.remove(key, mine);
        }
    }

    private static Object answerOf(CompletableFuture<Object> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The answer, if an ARM request sent strictly after {@code changedBy} gave it. */
    @SuppressWarnings("unchecked")
    <T> T getReadAfter(String key, Instant changedBy) {
        Entry e = entries.get(key);
        if (e == null || e.sentAt() == null || !e.sentAt().isAfter(changedBy)
                || !clock.instant().isBefore(e.expires())) {
            return null;
        }
        return (T) e.value();
    }

    void put(String key, Object value) {
        put(key, value, null);
    }

    void put(String key, Object value, Instant sentAt) {
        if (ttl.isZero()) {
            return;
        }
        makeRoom();
        entries.put(key, new Entry(value, clock.instant().plus(ttl), sentAt));
    }

    /** Adds unless a live entry exists: a Resource Graph row, which may lag ARM, never replaces a point read. */
    void offer(String key, Object value) {
        if (get(key) == null) {
            put(key, value);
        }
    }

    private void makeRoom() {
        if (entries.size() < MAX_ENTRIES) {
            return;
        }
        Instant now = clock.instant();
        entries.values().removeIf(e -> !now.isBefore(e.expires()));
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
    }
}
