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
                drainer.drainVisible();
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
                // a failure of our own (state folder unreadable): say so and keep serving; the outbox keeps the alerts
                err.println("delivery failed: " + secrets.mask(e.getClass().getSimpleName() + ": " + e.getMessage()));
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

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
