package io.byokwatch.adapter.arm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket of requests per minute for the whole process: a burst of events spends what is saved, a flood is
 * answered "unknown" instead of pushing ARM into throttling every other reader of the subscription.
 */
final class ReadBudget {
    private final int perMinute;
    private final Clock clock;
    private double tokens;
    private Instant last;

    ReadBudget(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
        this.tokens = perMinute;
        this.last = clock.instant();
    }

    synchronized boolean tryAcquire() {
        refill();
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    synchronized String exhausted() {
        refill();
        long waitSeconds = (long) Math.ceil((1 - tokens) * 60.0 / perMinute);
        return "read budget exhausted: byokwatch sends at most " + perMinute + " ARM and Resource Graph requests a"
                + " minute; the next one is possible in about " + Math.max(1, waitSeconds) + " s";
    }

    private void refill() {
        Instant now = clock.instant();
        long elapsedNanos = Duration.between(last, now).toNanos();
        if (elapsedNanos > 0) {
            tokens = Math.min(perMinute, tokens + elapsedNanos * perMinute / 60e9);
            last = now;
        }
    }
}
