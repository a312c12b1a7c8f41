package io.byokwatch.access;

import io.byokwatch.domain.AccessRecord;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything done to one key, per hour: all events, successful unwraps (what a disk encryption set does when a disk
 * attaches) and the refusals that matter: 401 (no or bad token), 403 (no permission) and 429 (throttled).
 */
public final class KeyActivity {
    /** The HTTP statuses {@link FailureBurstDetector} watches, in the order reports list them. */
    static final int[] FAILURE_STATUSES = {403, 401, 429};

    private final String vault;
    private final String key;
    private final int[] all;
    private final int[] unwraps;
    private final int[][] failures = new int[FAILURE_STATUSES.length][];
    private final List<AccessRecord> records;
    private final Map<String, CallerSeries> series = new HashMap<>();

    KeyActivity(String vault, String key, int hours) {
        this.vault = vault;
        this.key = key;
        this.all = new int[hours];
        this.unwraps = new int[hours];
        for (int i = 0; i < FAILURE_STATUSES.length; i++) {
            failures[i] = new int[hours];
        }
        this.records = new ArrayList<>(Math.min(4 * hours, 4096));
    }

    void add(int hour, AccessRecord r) {
        int n = (int) Math.min(Integer.MAX_VALUE / 2, r.count());
        all[hour] += n;
        if (r.succeeded() && Operations.UNWRAP.equals(r.operation())) {
            unwraps[hour] += n;
        }
        for (int i = 0; i < FAILURE_STATUSES.length; i++) {
            if (r.status() == FAILURE_STATUSES[i]) {
                failures[i][hour] += n;
            }
        }
        records.add(r);
    }

    public String vault() {
        return vault;
    }

    public String key() {
        return key;
    }

    int[] all() {
        return all;
    }

    int[] unwraps() {
        return unwraps;
    }

    /** Per-hour counts of one of {@link #FAILURE_STATUSES}. */
    int[] failures(int status) {
        for (int i = 0; i < FAILURE_STATUSES.length; i++) {
            if (FAILURE_STATUSES[i] == status) {
                return failures[i];
            }
        }
        throw new IllegalArgumentException("status " + status + " is not watched");
    }

    /** The caller's series on this key, by {@link io.byokwatch.domain.Caller#id()}; null when it never used it. */
    CallerSeries series(String callerId) {
        return series.get(callerId);
    }

    void addSeries(String callerId, CallerSeries s) {
        series.put(callerId, s);
    }

    public List<AccessRecord> records() {
        return Collections.unmodifiableList(records);
    }
}
