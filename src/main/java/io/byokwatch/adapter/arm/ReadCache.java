package io.byokwatch.adapter.arm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Answers kept for a short TTL so that a burst of events about one estate costs one read per resource. */
final class ReadCache {
    private static final int MAX_ENTRIES = 100_000;

    /** {@code sentAt}: when the ARM request behind the answer was sent; null for Resource Graph rows, which lag. */
    private record Entry(Object value, Instant expires, Instant sentAt) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** One lock per key being read now, so that threads asking for it meanwhile wait for that read. */
    private final ConcurrentHashMap<String, Object> loading = new ConcurrentHashMap<>();
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
     * The cached answer, else what {@code load} reads (and puts here). A fan-out evaluates eight clusters at a time,
     * and they all need the same key, vault and role assignments at once: without this each of them read it. A caller
     * that asks while another reads the same key waits for that read and takes its answer; an answer the loader does
     * not cache (a failure) is read again by the next caller. Loaders make one read and no other cached read, so
     * these locks never nest.
     */
    <T> T getOrLoad(String key, Supplier<T> load, Runnable hit) {
        T cached = get(key);
        if (cached != null) {
            hit.run();
            return cached;
        }
        Object lock = loading.computeIfAbsent(key, k -> new Object());
        synchronized (lock) {
            try {
                cached = get(key);
                if (cached != null) {
                    hit.run();
                    return cached;
                }
                return load.get();
            } finally {
                loading.remove(key, lock);
            }
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
