package io.byokwatch.access;

import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Caller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Merges audit events and hourly bins that share hour, vault, key, operation, caller, address and status into one
 * bin: the aggregation the Log Analytics query does on the server, done here for exported files. Bins a workspace
 * already returned pass through unchanged, and a bin repeated across query pages is merged rather than lost.
 *
 * <p>Millions of raw events share a few thousand distinct names, so a new bin keeps canonical copies of its strings:
 * the input's per-event strings become garbage at once, and the bins stay small.
 */
public final class HourlyBins implements Consumer<AccessRecord> {
    private record BinKey(long hour, String vault, String key, String operation, Caller caller, String sourceIp,
                          int status) {
    }

    private static final class Bin {
        long count;
        Instant first;
        Instant last;
    }

    private final Map<BinKey, Bin> bins = new HashMap<>();
    private final Map<Object, Object> canonical = new HashMap<>();
    private final Map<String, String> operations = new HashMap<>();
    private long events;

    @Override
    public void accept(AccessRecord r) {
        String operation = operations.computeIfAbsent(r.operation(), Operations::canonical);
        BinKey key = new BinKey(r.hour().getEpochSecond(), r.vault(), r.key(), operation, r.caller(), r.sourceIp(),
                r.status());
        Bin bin = bins.get(key);
        if (bin == null) {
            bin = new Bin();
            bin.first = r.firstSeen();
            bin.last = r.lastSeen();
            bins.put(new BinKey(key.hour, intern(r.vault()), intern(r.key()), intern(operation),
                    intern(r.caller()), intern(r.sourceIp()), r.status()), bin);
        } else {
            if (r.firstSeen().isBefore(bin.first)) {
                bin.first = r.firstSeen();
            }
            if (r.lastSeen().isAfter(bin.last)) {
                bin.last = r.lastSeen();
            }
        }
        bin.count += r.count();
        events += r.count();
    }

    /** Audit events seen so far (a bin of 40 counts 40). */
    public long events() {
        return events;
    }

    public int size() {
        return bins.size();
    }

    /** The merged bins, in no particular order ({@link AccessIndex#of} orders them by hour). */
    public List<AccessRecord> records() {
        List<AccessRecord> out = new ArrayList<>(bins.size());
        bins.forEach((k, b) -> out.add(new AccessRecord(Instant.ofEpochSecond(k.hour), k.vault, k.key, k.operation,
                k.caller, k.sourceIp, k.status, b.count, b.first, b.last)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private <T> T intern(T value) {
        if (value == null) {
            return null;
        }
        Object known = canonical.putIfAbsent(value, value);
        return known == null ? value : (T) known;
    }
}
