package io.byokwatch.adapter.arm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps this process within Resource Graph's per-user quota of 15 queries in any 5-second window, so a sweep over a
 * management group of thousands of subscriptions (one query per 1,000 of them, and one per page) waits its turn
 * instead of collecting 429s. Other processes sharing the identity are covered by the quota headers the retry
 * policy honours.
 */
final class GraphPacer {
    static final int QUERIES_PER_WINDOW = 15;
    static final Duration WINDOW = Duration.ofSeconds(5);

    private final Clock clock;
    private final Sleeper sleeper;
    private final Deque<Instant> sent = new ArrayDeque<>();

    GraphPacer(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits until one more query fits in the window, then counts it as sent. */
    synchronized void acquire() {
        while (true) {
            Instant now = clock.instant();
            while (!sent.isEmpty() && !sent.peekFirst().plus(WINDOW).isAfter(now)) {
                sent.removeFirst();
            }
            if (sent.size() < QUERIES_PER_WINDOW) {
                sent.addLast(now);
                return;
            }
            Duration wait = Duration.between(now, sent.peekFirst().plus(WINDOW));
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing Resource Graph queries", e);
            }
        }
    }
}
