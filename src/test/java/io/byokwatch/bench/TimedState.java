package io.byokwatch.bench;

import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.OutboxMessage;
import io.byokwatch.port.StoredVerdict;
import io.byokwatch.port.VerdictStore;
import io.byokwatch.testsupport.ForwardingOutbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The verdict store and outbox with one stopwatch around both, to separate state-file I/O from processing; optionally
 * with a modelled network round trip added to every call (loopback storage answers far faster than a storage account
 * in another building does).
 */
final class TimedState {
    private final LongAdder nanos = new LongAdder();
    private final long addedMillis;
    final VerdictStore store;
    final Outbox outbox;

    TimedState(VerdictStore store, Outbox outbox) {
        this(store, outbox, Duration.ZERO);
    }

    TimedState(VerdictStore store, Outbox outbox, Duration addedPerCall) {
        this.store = new Store(store);
        this.outbox = new Box(outbox);
        this.addedMillis = addedPerCall.toMillis();
    }

    long nanos() {
        return nanos.sum();
    }

    private <T> T timed(Supplier<T> call) {
        long start = System.nanoTime();
        try {
            if (addedMillis > 0) {
                Thread.sleep(addedMillis);
            }
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            nanos.add(System.nanoTime() - start);
        }
    }

    private final class Store implements VerdictStore {
        private final VerdictStore inner;

        Store(VerdictStore inner) {
            this.inner = inner;
        }

        @Override
        public Optional<StoredVerdict> get(ResourceId clusterId) {
            return timed(() -> inner.get(clusterId));
        }

        @Override
        public String write(StoredVerdict v) {
            return timed(() -> inner.write(v));
        }

        @Override
        public boolean delete(ResourceId clusterId, String version) {
            return timed(() -> inner.delete(clusterId, version));
        }

        @Override
        public List<StoredVerdict> all() {
            return timed(inner::all);
        }
    }

    private final class Box extends ForwardingOutbox {
        Box(Outbox inner) {
            super(inner);
        }

        @Override
        public void enqueue(OutboxMessage m) {
            timed(() -> {
                super.enqueue(m);
                return null;
            });
        }

        @Override
        public void enqueue(OutboxMessage m, Duration delay) {
            timed(() -> {
                super.enqueue(m, delay);
                return null;
            });
        }
    }
}
