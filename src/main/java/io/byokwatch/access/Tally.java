package io.byokwatch.access;

import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Caller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts of a group of bins: by operation, address and caller, and when the first and last event happened. */
final class Tally {
    final List<AccessRecord> records = new ArrayList<>();
    final Map<String, Long> byOperation = new LinkedHashMap<>();
    final Map<String, Long> byAddress = new LinkedHashMap<>();
    final Map<String, Long> byCaller = new LinkedHashMap<>();
    final Map<String, Caller> callers = new LinkedHashMap<>();
    long total;
    long succeeded;
    /** Successful crypto operations and KeyGet. */
    long keyUseSucceeded;
    /** Successful unwraps and decrypts: the caller now holds plaintext key material. */
    long unwrapSucceeded;
    Instant first;
    Instant last;

    void add(AccessRecord r) {
        records.add(r);
        long n = r.count();
        total += n;
        byOperation.merge(r.operation(), n, Long::sum);
        if (r.sourceIp() != null) {
            byAddress.merge(r.sourceIp(), n, Long::sum);
        }
        byCaller.merge(r.caller().id(), n, Long::sum);
        callers.putIfAbsent(r.caller().id(), r.caller());
        if (r.succeeded()) {
            succeeded += n;
            if (Operations.keyUse(r.operation())) {
                keyUseSucceeded += n;
            }
            if (r.operation().equals("KeyUnwrap") || r.operation().equals("KeyDecrypt")) {
                unwrapSucceeded += n;
            }
        }
        first = first == null || r.firstSeen().isBefore(first) ? r.firstSeen() : first;
        last = last == null || r.lastSeen().isAfter(last) ? r.lastSeen() : last;
    }

    /** The address most events came from, or null. */
    String topAddress() {
        return top(byAddress);
    }

    /** The most revealing operation among crypto and KeyGet, else the most frequent one. */
    String mainOperation() {
        return byOperation.keySet().stream().filter(Operations::keyUse)
                .min(Comparator.comparingInt(Operations::significance))
                .orElseGet(() -> top(byOperation));
    }

    Caller topCaller() {
        String id = top(byCaller);
        return id == null ? Caller.ANONYMOUS : callers.get(id);
    }

    /** "KeyUnwrap x12, KeyGet x3", most frequent first. */
    String operations() {
        return counted(byOperation, 4);
    }

    String addresses(int max) {
        return counted(byAddress, max);
    }

    static String counted(Map<String, Long> counts, int max) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Math.min(max, sorted.size()); i++) {
            parts.add(sorted.get(i).getKey() + " x" + sorted.get(i).getValue());
        }
        if (sorted.size() > max) {
            parts.add((sorted.size() - max) + " more");
        }
        return String.join(", ", parts);
    }

    private static <K> K top(Map<K, Long> counts) {
        K best = null;
        long n = -1;
        for (Map.Entry<K, Long> e : counts.entrySet()) {
            if (e.getValue() > n) {
                best = e.getKey();
                n = e.getValue();
            }
        }
        return best;
    }
}
