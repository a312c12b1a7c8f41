package io.byokwatch.access;

import java.time.LocalDate;
import java.util.List;

/** Known-good principals; an entry past its expiry date no longer hides anything, and the report says so. */
public record Allowlist(List<AllowlistEntry> entries) {
    public static final Allowlist EMPTY = new Allowlist(List.of());

    public Allowlist {
        entries = List.copyOf(entries);
    }

    /** The first unexpired entry that covers the anomaly, or null. */
    AllowlistEntry covering(Anomaly a, LocalDate today) {
        for (AllowlistEntry e : entries) {
            if (!e.expiredOn(today) && e.covers(a)) {
                return e;
            }
        }
        return null;
    }

    /** Entries that expired before today and would still have covered an anomaly. */
    List<AllowlistEntry> expiredCovering(Anomaly a, LocalDate today) {
        return entries.stream().filter(e -> e.expiredOn(today) && e.covers(a)).toList();
    }
}
