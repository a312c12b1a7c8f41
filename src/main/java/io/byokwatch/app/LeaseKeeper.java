package io.byokwatch.app;

import io.byokwatch.port.LeaseLostException;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.OutboxMessage;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Keeps the leases of the batch a consumer holds alive, renewing each every third of the lease until it is acked or
 * released. That is what lets the lease be short: a consumer killed mid-batch stops renewing, and its messages (and
 * the later alerts of their clusters, which wait behind them) come back within one short lease rather than one long
 * enough for the slowest delivery. A renewal that fails is logged and tried again at the next turn; if the lease runs
 * out meanwhile another consumer may deliver the message too, which receivers absorb by its id.
 */
final class LeaseKeeper {
    /** One daemon thread for the whole process: a renewal is a short call, and a dead process must renew nothing. */
    private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "byokwatch-lease-renewal");
        t.setDaemon(true);
        return t;
    });

    private final Outbox outbox;
    private final Duration lease;
    private final Consumer<String> log;

    LeaseKeeper(Outbox outbox, Duration lease, Consumer<String> log) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Holds {@code leases}, renewing them until the batch is closed. */
    Batch hold(List<Outbox.Lease> leases) {
        return new Batch(leases.stream().map(Held::new).toList());
    }

    /** The leases a consumer works through; closing stops renewing whatever was not finished (it then runs out). */
    final class Batch implements AutoCloseable {
        private final List<Held> held;
        private final ScheduledFuture<?> renewing;

        private Batch(List<Held> held) {
            this.held = held;
            long every = Math.max(1, lease.toMillis() / 3);
            this.renewing = RENEWALS.scheduleWithFixedDelay(() -> held.forEach(Held::renew), every, every, TimeUnit.MILLISECONDS);
        }

        List<Held> held() {
            return held;
        }

        @Override
        public void close() {
            renewing.cancel(false);
        }
    }

    /** One leased message while held; every use of its lease goes through {@link #finish}, after which it is not renewed. */
    final class Held {
        private Outbox.Lease current;
        private boolean finished;
        private boolean lost;

        private Held(Outbox.Lease lease) {
            this.current = lease;
        }

        OutboxMessage message() {
            return current.message();
        }

        /** Acks or releases with the newest receipt, and stops renewing. */
        synchronized <T> T finish(Function<Outbox.Lease, T> use) {
            finished = true;
            return use.apply(current);
        }

        private synchronized void renew() {
            if (finished || lost) {
                return;
            }
            try {
                current = outbox.renew(current, lease);
            } catch (LeaseLostException e) {
                lost = true;
                log.accept("outbox message " + current.message().id() + ": lease lost while held (" + e.getMessage()
                        + "); another consumer may deliver it too");
            } catch (RuntimeException e) {
                log.accept("outbox message " + current.message().id() + ": could not renew its lease (" + e.getMessage()
                        + "); trying again");
            }
        }
    }
}
