package io.byokwatch.adapter.webhook;

import io.byokwatch.port.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Paces sends to one channel: at most {@code burst} at once, then {@code perSecond} on average. Slack throttles an
 * incoming webhook beyond about one message a second and Teams beyond four; pacing ourselves is cheaper than 429s.
 *
 * <p>Kept as the theoretical arrival time of the next send (the "generic cell rate" form of a token bucket), so each
 * caller reserves its slot under the lock and waits outside it: concurrent senders queue fairly and none holds the
 * lock while sleeping. Pacing is per process; several Functions instances each keep their own pace, and the 429
 * handling covers what they add up to.
 */
final class TokenBucket {
    /**
     * Sleeps end late by a varying fraction of a millisecond, so slots exactly one interval apart can start a little
     * closer than that, and one send too many lands in some second. Two milliseconds per slot absorb that.
     */
    static final Duration GUARD = Duration.ofMillis(2);
    private final Duration interval;
    private final Duration burstTolerance;
    private final Clock clock;
    private final Sleeper sleeper;
    private Instant theoreticalArrival;

    TokenBucket(double perSecond, int burst, Clock clock, Sleeper sleeper) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a pace needs a positive rate and a burst of at least 1");
        }
        this.interval = Duration.ofNanos((long) Math.ceil(1_000_000_000L / perSecond)).plus(GUARD);
        this.burstTolerance = interval.multipliedBy(burst - 1L);
        this.clock = clock;
        this.sleeper = sleeper;
        this.theoreticalArrival = Instant.MIN;
    }

    /** Waits until this send may go; returns how long it waited. */
    Duration acquire() throws InterruptedException {
        Duration wait;
        synchronized (this) {
            Instant now = clock.instant();
            Instant tat = theoreticalArrival.isAfter(now) ? theoreticalArrival : now;
            Instant earliest = tat.minus(burstTolerance);
            wait = earliest.isAfter(now) ? Duration.between(now, earliest) : Duration.ZERO;
            theoreticalArrival = tat.plus(interval);
        }
        sleeper.sleep(wait);
        return wait;
    }
}
