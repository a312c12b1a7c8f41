package io.byokwatch.testsupport;

import io.byokwatch.port.Sleeper;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Sleeps by moving a {@link MutableClock}, and remembers every wait, so tests about backoff and pacing take no time. */
public final class FakeSleeper implements Sleeper {
    private final MutableClock clock;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private Runnable onEachSleep = () -> { };

    public FakeSleeper(MutableClock clock) {
        this.clock = clock;
    }

    /** Something to do whenever time passes (bring a receiver back up after a while). */
    public FakeSleeper onEachSleep(Runnable r) {
        this.onEachSleep = r;
        return this;
    }

    @Override
    public void sleep(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return;
        }
        waits.add(d);
        clock.advance(d);
        onEachSleep.run();
    }

    public List<Duration> waits() {
        return List.copyOf(waits);
    }

    public Duration total() {
        return waits.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
