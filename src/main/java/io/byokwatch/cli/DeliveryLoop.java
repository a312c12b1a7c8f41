package io.byokwatch.cli;

import io.byokwatch.app.OutboxDrainer;
import io.byokwatch.app.Reminders;
import io.byokwatch.notify.Secrets;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code serve}'s delivery: one background thread that drains the outbox whenever an event added alerts, and at least
 * once a second for retries and held resolutions coming due, and sends the daily reminder in its hour. One thread, so
 * alerts leave in outbox order and request threads never wait for a slow webhook.
 */
final class DeliveryLoop implements AutoCloseable {
    private static final long POLL_MILLIS = 1000;
    /** How long closing waits for the message in hand (a channel's timeout and pacing) before interrupting. */
    private static final long GRACE_MILLIS = 15_000;

    private final OutboxDrainer drainer;
    private final Reminders reminders;
    private final Clock clock;
    private final PrintStream err;
    private final Secrets secrets;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private boolean pending;
    private volatile boolean running = true;
    private LocalDate remindedOn;

    DeliveryLoop(OutboxDrainer drainer, Reminders reminders, Clock clock, PrintStream err, Secrets secrets) {
        this.drainer = drainer;
        this.reminders = reminders;
        this.clock = clock;
        this.err = err;
        this.secrets = secrets;
        this.thread = new Thread(this::loop, "byokwatch-delivery");
        thread.setDaemon(true);
    }

    DeliveryLoop start() {
        thread.start();
        return this;
    }

    /** New alerts are waiting: deliver now rather than at the next poll. */
    void wake() {
        lock.lock();
        try {
            pending = true;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            try {
                drainer.drainVisible(() -> !running);
                remindIfDue();
                lock.lock();
                try {
                    if (!pending && running) {
                        work.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    }
                    pending = false;
                } finally {
                    lock.unlock();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    // interrupted while closing: the outbox keeps whatever was in hand for the next start
                    return;
                }
                // a failure of our own (state folder unreadable): say so and keep serving; the outbox keeps the alerts
                err.println("delivery failed: " + secrets.mask(e.getClass().getSimpleName() + ": "
                        + (e.getMessage() == null ? "(no detail)" : e.getMessage())));
                sleepQuietly();
            }
        }
    }

    private void remindIfDue() throws InterruptedException {
        LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        if (reminders.due() && !today.equals(remindedOn)) {
            remindedOn = today;
            reminders.send().forEach(err::println);
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    /**
     * Stops after the message in hand and hands the rest of its batch back. Interrupting at once would break the file
     * lock a drain may hold mid-write (the channel closes on interrupt), so the thread is only interrupted when the
     * message in hand outlasts the grace period.
     */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(GRACE_MILLIS);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
