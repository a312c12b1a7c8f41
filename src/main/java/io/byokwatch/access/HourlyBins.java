package io.byokwatch.access;

import io.byokwatch.domain.AccessRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Merges audit events and hourly bins that share hour, vault, key, operation, caller, address and status into one
 * bin: the aggregation the Log Analytics query does on the server, done here for exported files. Bins a workspace
 * already returned pass through unchanged, and a bin repeated across query pages is merged rather than lost.
 *
 * <p>Millions of events share a few thousand distinct names, so names become small numbers and a bin is a row of
 * parallel arrays found through an open-addressing table: no object per bin for the garbage collector to copy while
 * millions of them pile up, about 60 bytes a bin.
 */
public final class HourlyBins implements Consumer<AccessRecord> {
    private static final int FIELDS = 7;

    /** Names (strings and callers) to ids and back; id 0 is "none". */
    private final Map<Object, Integer> ids = new HashMap<>();
    private final List<Object> names = new ArrayList<>(List.of(new Object()));
    private final Map<String, String> operations = new HashMap<>();

    /** Bin rows: FIELDS ints each (hour since the epoch, vault, key, operation, caller, address, status). */
    private int[] keys = new int[FIELDS * 1024];
    private long[] counts = new long[1024];
    private long[] firsts = new long[1024];
    private long[] lasts = new long[1024];
    private int size;
    /** Open addressing: row + 1 per slot, 0 for empty; kept at most half full. */
    private int[] table = new int[2048];
    private long events;

    @Override
    public void accept(AccessRecord r) {
        long epochHour = Math.floorDiv(r.hour().getEpochSecond(), 3600L);
        int[] k = {(int) epochHour, id(r.vault()), id(r.key()), id(operations.computeIfAbsent(r.operation(), Operations::canonical)),
                id(r.caller()), id(r.sourceIp()), r.status()};
        int mask = table.length - 1;
        int slot = hash(k) & mask;
        while (true) {
            int row = table[slot] - 1;
            if (row < 0) {
                row = add(k);
                table[slot] = row + 1;
                firsts[row] = r.firstSeenNanos();
                lasts[row] = r.lastSeenNanos();
                if (size * 2 > table.length) {
                    rehash();
                }
                counts[row] += r.count();
                break;
            }
            if (same(row, k)) {
                firsts[row] = Math.min(firsts[row], r.firstSeenNanos());
                lasts[row] = Math.max(lasts[row], r.lastSeenNanos());
                counts[row] += r.count();
                break;
            }
            slot = (slot + 1) & mask;
        }
        events += r.count();
    }

    /** Audit events seen so far (a bin of 40 counts 40). */
    public long events() {
        return events;
    }

    public int size() {
        return size;
    }

    /**
     * The merged bins, in no particular order ({@link AccessIndex#of} orders them by hour). Hands them over: the
     * aggregator is empty afterwards.
     */
    public List<AccessRecord> drain() {
        List<AccessRecord> out = new ArrayList<>(size);
        Map<Integer, Instant> hours = new HashMap<>();
        for (int row = 0; row < size; row++) {
            int b = row * FIELDS;
            out.add(new AccessRecord(hours.computeIfAbsent(keys[b], h -> Instant.ofEpochSecond(3600L * h)), (String) name(keys[b + 1]),
                    (String) name(keys[b + 2]), (String) name(keys[b + 3]), (io.byokwatch.domain.Caller) name(keys[b + 4]),
                    (String) name(keys[b + 5]), keys[b + 6], counts[row], AccessRecord.instant(firsts[row]),
                    AccessRecord.instant(lasts[row])));
        }
        keys = new int[FIELDS * 1024];
        counts = new long[1024];
        firsts = new long[1024];
        lasts = new long[1024];
        table = new int[2048];
        size = 0;
        return out;
    }

    private int id(Object name) {
        if (name == null) {
            return 0;
        }
        Integer id = ids.get(name);
        if (id == null) {
            id = names.size();
            names.add(name);
            ids.put(name, id);
        }
        return id;
    }

    private Object name(int id) {
        return id == 0 ? null : names.get(id);
    }

    private int add(int[] k) {
        if (size == counts.length) {
            int grown = counts.length * 2;
            keys = Arrays.copyOf(keys, grown * FIELDS);
            counts = Arrays.copyOf(counts, grown);
            firsts = Arrays.copyOf(firsts, grown);
            lasts = Arrays.copyOf(lasts, grown);
        }
        System.arraycopy(k, 0, keys, size * FIELDS, FIELDS);
        return size++;
    }

    private boolean same(int row, int[] k) {
        int b = row * FIELDS;
        for (int i = 0; i < FIELDS; i++) {
            if (keys[b + i] != k[i]) {
                return false;
            }
        }
        return true;
    }

    private void rehash() {
        table = new int[table.length * 2];
        int mask = table.length - 1;
        int[] k = new int[FIELDS];
        for (int row = 0; row < size; row++) {
            System.arraycopy(keys, row * FIELDS, k, 0, FIELDS);
            int slot = hash(k) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = row + 1;
        }
    }

    /** Mixes all fields so that linear probing stays short even when ids are small consecutive numbers. */
    private static int hash(int[] k) {
        int h = 0x9E3779B9;
        for (int x : k) {
            h = Integer.rotateLeft(h ^ (x * 0x85EBCA6B), 13) * 5 + 0xE6546B64;
        }
        h ^= h >>> 16;
        h *= 0x7FEB352D;
        return h ^ (h >>> 15);
    }
}
