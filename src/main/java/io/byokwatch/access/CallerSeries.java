package io.byokwatch.access;

import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Caller;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One caller's use of one key: its events (all, and successful) per hour over the whole read range, and the bins. */
public final class CallerSeries {
    private final String vault;
    private final String key;
    private Caller caller;
    private final int[] counts;
    private final int[] succeeded;
    private final List<AccessRecord> records;

    CallerSeries(String vault, String key, Caller caller, int hours) {
        this.vault = vault;
        this.key = key;
        this.caller = caller;
        this.counts = new int[hours];
        this.succeeded = new int[hours];
        // About one bin per active hour; sized up front, since growing ten thousand lists costs more than the slack.
        this.records = new ArrayList<>(Math.min(hours, 1024));
    }

    void add(int hour, AccessRecord r) {
        int n = (int) Math.min(Integer.MAX_VALUE / 2, r.count());
        counts[hour] += n;
        if (r.succeeded()) {
            succeeded[hour] += n;
        }
        records.add(r);
        // Tokens differ in which claims they carry; keep the fullest description of the caller.
        if (fields(r.caller()) > fields(caller)) {
            caller = r.caller();
        }
    }

    private static int fields(Caller c) {
        return (c.objectId() == null ? 0 : 1) + (c.appId() == null ? 0 : 1) + (c.upn() == null ? 0 : 1);
    }

    public String vault() {
        return vault;
    }

    public String key() {
        return key;
    }

    public Caller caller() {
        return caller;
    }

    /** Events per hour, indexed like {@link AccessIndex}; not a copy, so callers must not write to it. */
    int[] counts() {
        return counts;
    }

    /** Successful events per hour: use, as opposed to attempts (refusals are the failure-burst detector's). */
    int[] succeeded() {
        return succeeded;
    }

    public List<AccessRecord> records() {
        return Collections.unmodifiableList(records);
    }
}
