package io.byokwatch.port;

import java.time.Duration;

/**
 * Waiting, as a seam: production code sleeps on the wall clock, tests advance a fake clock instead, so that tests about
 * backoff and pacing never sleep.
 */
@FunctionalInterface
public interface Sleeper {
    /**
     * Thread.sleep, rounded up to whole milliseconds: it may round a fraction down, and a pace kept 0.4 ms short
     * lets one send too many into a second.
     */
    Sleeper REAL = d -> {
        if (!d.isNegative() && !d.isZero()) {
            long millis = d.toMillis() + (d.toNanosPart() % 1_000_000 == 0 ? 0 : 1);
            Thread.sleep(millis);
        }
    };

    void sleep(Duration d) throws InterruptedException;
}
