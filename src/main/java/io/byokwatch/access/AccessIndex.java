package io.byokwatch.access;

import io.byokwatch.domain.AccessRecord;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hourly bins laid out for the detectors: per caller and key, per key, and in hour order, over a whole-hour range.
 * Built once per report; several windows may then be scored against it (the quality tests slide a window day by day).
 */
public final class AccessIndex {
    private final Instant start;
    private final int hours;
    private final List<AccessRecord> records;
    private final int[] firstOfHour;
    /**
     * Vault to key to activity, and each key's caller series inside its activity: look-ups by names the bins already share,
     * so indexing a million bins allocates nothing per bin.
     */
    private final Map<String, Map<String, KeyActivity>> vaults = new LinkedHashMap<>();
    private final List<CallerSeries> series = new ArrayList<>();
    private final List<KeyActivity> keys = new ArrayList<>();
    private final long events;

    private AccessIndex(Instant start, int hours, List<AccessRecord> sorted) {
        this.start = start;
        this.hours = hours;
        this.records = sorted;
        this.firstOfHour = new int[hours + 1];
        long total = 0;
        int next = 0;
        for (int i = 0; i < sorted.size(); i++) {
            AccessRecord r = sorted.get(i);
            int h = hourOf(r.hour());
            while (next <= h) {
                firstOfHour[next++] = i;
            }
            total += r.count();
            Map<String, KeyActivity> vaultKeys = vaults.get(r.vault());
            if (vaultKeys == null) {
                vaultKeys = new LinkedHashMap<>();
                vaults.put(r.vault(), vaultKeys);
            }
            if (r.key() == null) {
                continue;
            }
            KeyActivity activity = vaultKeys.get(r.key());
            if (activity == null) {
                activity = new KeyActivity(r.vault(), r.key(), hours);
                vaultKeys.put(r.key(), activity);
                keys.add(activity);
            }
            activity.add(h, r);
            if (!r.caller().anonymous()) {
                CallerSeries s = activity.series(r.caller().id());
                if (s == null) {
                    s = new CallerSeries(r.vault(), r.key(), r.caller(), hours);
                    activity.addSeries(r.caller().id(), s);
                    series.add(s);
                }
                s.add(h, r);
            }
        }
        while (next <= hours) {
            firstOfHour[next++] = sorted.size();
        }
        this.events = total;
    }

    /** Indexes the bins whose hour lies in {@code [from, to)}, both rounded down to whole hours; the rest are left out. */
    public static AccessIndex of(Collection<AccessRecord> bins, Instant from, Instant to) {
        Instant start = from.truncatedTo(ChronoUnit.HOURS);
        int hours = (int) Duration.between(start, to.truncatedTo(ChronoUnit.HOURS)).toHours();
        if (hours <= 0) {
            throw new IllegalArgumentException("the range " + from + " to " + to + " holds no whole hour");
        }
        // Bins fall into whole hours, so a counting sort by hour orders a million of them in one pass.
        long first = start.getEpochSecond();
        int[] perHour = new int[hours + 1];
        for (AccessRecord r : bins) {
            long h = (r.hour().getEpochSecond() - first) / 3600;
            if (r.hour().getEpochSecond() >= first && h < hours) {
                perHour[(int) h + 1]++;
            }
        }
        for (int h = 0; h < hours; h++) {
            perHour[h + 1] += perHour[h];
        }
        AccessRecord[] sorted = new AccessRecord[perHour[hours]];
        for (AccessRecord r : bins) {
            long h = (r.hour().getEpochSecond() - first) / 3600;
            if (r.hour().getEpochSecond() >= first && h < hours) {
                sorted[perHour[(int) h]++] = r;
            }
        }
        return new AccessIndex(start, hours, java.util.Arrays.asList(sorted));
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return start.plus(Duration.ofHours(hours));
    }

    public int hours() {
        return hours;
    }

    /** The hour's position in this index; may fall outside {@code [0, hours)} for instants outside the range. */
    public int hourOf(Instant t) {
        return (int) Math.floorDiv(t.getEpochSecond() - start.getEpochSecond(), 3600L);
    }

    public Instant instant(int hour) {
        return start.plusSeconds(3600L * hour);
    }

    /** Bins of the hours {@code [from, to)} in hour order. */
    public List<AccessRecord> records(int from, int to) {
        int f = Math.max(0, Math.min(hours, from));
        int t = Math.max(f, Math.min(hours, to));
        return Collections.unmodifiableList(records.subList(firstOfHour[f], firstOfHour[t]));
    }

    public Collection<CallerSeries> series() {
        return Collections.unmodifiableList(series);
    }

    /** The caller's series on the key, or null when it never used it. */
    public CallerSeries series(String vault, String key, String callerId) {
        KeyActivity k = key(vault, key);
        return k == null ? null : k.series(callerId);
    }

    public Collection<KeyActivity> keys() {
        return Collections.unmodifiableList(keys);
    }

    /** The key's activity, or null when nothing touched it. */
    public KeyActivity key(String vault, String key) {
        Map<String, KeyActivity> vaultKeys = vaults.get(vault);
        return vaultKeys == null ? null : vaultKeys.get(key);
    }

    /** Vault names with any event in range. */
    public Set<String> vaults() {
        return Collections.unmodifiableSet(vaults.keySet());
    }

    public long events() {
        return events;
    }
}
