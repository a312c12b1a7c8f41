package io.byokwatch.port;

import java.time.Duration;

/**
 * Waiting, as a seam: production code sleeps on the wall clock, tests advance a fake clock instead, so that tests about
 * backoff and pacing never sleep.
 */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        }
    };

    void sleep(Duration d) throws InterruptedException;
}
