package io.byokwatch.adapter.arm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the live inventory cost: requests on the wire by kind (every attempt, so retries are included), how many of
 * them were retries or throttled, and what the cache and the budget saved. Thread-safe; read it at any time.
 */
public final class ReadStats {
    private static final int MAX_PROBLEMS = 20;

    private final AtomicLong armRequests = new AtomicLong();
    private final AtomicLong graphRequests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong budgetRefusals = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final List<String> problems = new ArrayList<>();

    /** ARM GETs sent, retries included. */
    public long armRequests() {
        return armRequests.get();
    }

    /** Resource Graph query pages sent, retries included. */
    public long graphRequests() {
        return graphRequests.get();
    }

    public long retries() {
        return retries.get();
    }

    /** Responses with status 429. */
    public long throttled() {
        return throttled.get();
    }

    public long cacheHits() {
        return cacheHits.get();
    }

    /** Requests not sent because the per-process read budget was spent. */
    public long budgetRefusals() {
        return budgetRefusals.get();
    }

    /** Resources whose JSON the mapper could not read; {@link #problems()} says which. */
    public long unreadable() {
        return unreadable.get();
    }

    /** The first few unreadable resources, one sentence each. */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    void armRequest() {
        armRequests.incrementAndGet();
    }

    void graphRequest() {
        graphRequests.incrementAndGet();
    }

    void retry() {
        retries.incrementAndGet();
    }

    void throttledResponse() {
        throttled.incrementAndGet();
    }

    void cacheHit() {
        cacheHits.incrementAndGet();
    }

    void budgetRefusal() {
        budgetRefusals.incrementAndGet();
    }

    synchronized void unreadable(String problem) {
        unreadable.incrementAndGet();
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        }
    }

    @Override
    public String toString() {
        return "ARM GETs " + armRequests() + ", Resource Graph queries " + graphRequests() + " (retries " + retries()
                + ", 429s " + throttled() + "), cache hits " + cacheHits() + ", refused by budget " + budgetRefusals()
                + ", unreadable " + unreadable();
    }
}
