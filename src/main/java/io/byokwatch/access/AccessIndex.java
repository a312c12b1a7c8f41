package io.byokwatch.access;

import io.byokwatch.domain.AccessRecord;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
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
    /** Map keys: records hash their (canonical, hash-cached) strings instead of building a joined string per bin. */
    private record KeyName(String vault, String key) {
    }

    private record SeriesName(String vault, String key, String caller) {
    }

    private final Map<SeriesName, CallerSeries> series = new LinkedHashMap<>();
    private final Map<KeyName, KeyActivity> keys = new LinkedHashMap<>();
    private final Set<String> vaults = new HashSet<>();
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
            vaults.add(r.vault());
            if (r.key() == null) {
                continue;
            }
            keys.computeIfAbsent(new KeyName(r.vault(), r.key()), k -> new KeyActivity(r.vault(), r.key(), hours)).add(h, r);
            if (!r.caller().anonymous()) {
                series.computeIfAbsent(new SeriesName(r.vault(), r.key(), r.caller().id()),
                        k -> new CallerSeries(r.vault(), r.key(), r.caller(), hours)).add(h, r);
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
        return Collections.unmodifiableCollection(series.values());
    }

    /** The caller's series on the key, or null when it never used it. */
    public CallerSeries series(String vault, String key, String callerId) {
        return series.get(new SeriesName(vault, key, callerId));
    }

    public Collection<KeyActivity> keys() {
        return Collections.unmodifiableCollection(keys.values());
    }

    /** The key's activity, or null when nothing touched it. */
    public KeyActivity key(String vault, String key) {
        return keys.get(new KeyName(vault, key));
    }

    /** Vault names with any event in range. */
    public Set<String> vaults() {
        return Collections.unmodifiableSet(vaults);
    }

    public long events() {
        return events;
    }
}
