package io.byokwatch.adapter.webhook;

import io.byokwatch.port.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Paces sends to one channel: each starts at least one interval after the one before, so no second sees more than
 * {@code perSecond} of them. Slack throttles an incoming webhook beyond about one message a second and Teams beyond
 * four; pacing ourselves is cheaper than collecting 429s.
 *
 * <p>The spacing is measured from when the previous send was actually let go, not from when it was scheduled: a
 * thread that wakes late (a busy machine) must not let the next one go early. Waiting happens outside the lock, and a
 * waiter re-checks after waking, so several threads (a Functions host runs deliveries in parallel) share one pace.
 * Pacing is per process; several Functions instances each keep their own, and the 429 handling covers what they add
 * up to.
 */
final class TokenBucket {
    /** Room for the clock reading and the request leaving a moment apart. */
    static final Duration GUARD = Duration.ofMillis(2);
    private final Duration interval;
    private final Clock clock;
    private final Sleeper sleeper;
    private Instant lastStart;

    TokenBucket(double perSecond, Clock clock, Sleeper sleeper) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("a pace needs a positive rate, not " + perSecond);
        }
        this.interval = Duration.ofNanos((long) Math.ceil(1_000_000_000L / perSecond)).plus(GUARD);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits until this send may go; returns how long it waited. */
    Duration acquire() throws InterruptedException {
        Duration waited = Duration.ZERO;
        while (true) {
            Duration wait;
            synchronized (this) {
                Instant now = clock.instant();
                Instant next = lastStart == null ? now : lastStart.plus(interval);
                if (!next.isAfter(now)) {
                    lastStart = now;
                    return waited;
                }
                wait = Duration.between(now, next);
            }
            sleeper.sleep(wait);
            waited = waited.plus(wait);
        }
    }
}
