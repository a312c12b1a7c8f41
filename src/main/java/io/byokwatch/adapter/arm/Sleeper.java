package io.byokwatch.adapter.arm;

import java.time.Duration;

/** Waits between retries; a seam so tests can honour a {@code Retry-After: 30} without waiting 30 seconds. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
