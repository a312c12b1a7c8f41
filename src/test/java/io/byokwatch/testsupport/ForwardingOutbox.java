package io.byokwatch.testsupport;

import io.byokwatch.port.Outbox;
import io.byokwatch.port.OutboxMessage;

import java.time.Duration;
import java.util.List;

/** Passes every call to a real outbox; tests and benchmarks override one operation to time it or make it fail. */
public class ForwardingOutbox implements Outbox {
    private final Outbox inner;

    public ForwardingOutbox(Outbox inner) {
        this.inner = inner;
    }

    @Override
    public void enqueue(OutboxMessage m) {
        inner.enqueue(m);
    }

    @Override
    public void enqueue(OutboxMessage m, Duration delay) {
        inner.enqueue(m, delay);
    }

    @Override
    public List<Lease> lease(int max, Duration visibility) {
        return inner.lease(max, visibility);
    }

    @Override
    public Lease renew(Lease lease, Duration visibility) {
        return inner.renew(lease, visibility);
    }

    @Override
    public void ack(Lease lease) {
        inner.ack(lease);
    }

    @Override
    public void release(Lease lease, Duration delay) {
        inner.release(lease, delay);
    }

    @Override
    public long size() {
        return inner.size();
    }
}
