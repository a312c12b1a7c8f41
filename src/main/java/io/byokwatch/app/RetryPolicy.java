package io.byokwatch.app;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before trying a channel again: exponential backoff from {@code base}, capped, with "equal jitter"
 * (half fixed, half random) so that many alerts failing together do not come back together, yet never retry at once.
 * A receiver that says how long to wait (Retry-After) is believed, up to {@link #MAX_RETRY_AFTER}.
 */
public final class RetryPolicy {
    /** A receiver asking for more than this is more likely misconfigured than busy; we try again and count it. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final int maxAttempts;
    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;

    public RetryPolicy(int maxAttempts, Duration base, Duration cap, RandomGenerator random) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt, not " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.base = Objects.requireNonNull(base, "base");
        this.cap = Objects.requireNonNull(cap, "cap");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** 5 s doubling to 10 min: with 8 attempts a receiver may be down about 10 minutes before anything is dead-lettered. */
    public static RetryPolicy standard(int maxAttempts, RandomGenerator random) {
        return new RetryPolicy(maxAttempts, Duration.ofSeconds(5), Duration.ofMinutes(10), random);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** True when {@code attempts} failed tries are all we may make. */
    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }

    /**
     * The wait after the {@code attempts}-th failed try (1 for the first).
     *
     * @param retryAfter what the receiver asked for, or null
     */
    public Duration delay(int attempts, Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            Duration asked = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
            // a little spread, so a burst of 429s does not return as a burst
            long spreadMillis = Math.min(1000, asked.toMillis() / 10);
            return asked.plusMillis(spreadMillis == 0 ? 0 : random.nextLong(spreadMillis + 1));
        }
        int shift = Math.min(30, Math.max(0, attempts - 1));
        long exp = base.toMillis() << shift;
        long capped = exp <= 0 || exp > cap.toMillis() ? cap.toMillis() : exp;
        long half = capped / 2;
        return Duration.ofMillis(half + random.nextLong(capped - half + 1));
    }
}
