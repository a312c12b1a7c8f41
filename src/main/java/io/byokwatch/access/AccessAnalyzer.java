package io.byokwatch.access;

import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.AccessScope;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Runs every detector over one window, applies the allowlist and ranks what is left into an {@link AccessReport}. */
public final class AccessAnalyzer {
    /** Every detector, in the order their ids are documented. */
    public static final List<Detector> DETECTORS = List.of(new UnexpectedCallerDetector(), new VolumeSpikeDetector(),
            new FailureBurstDetector(), new NewSourceDetector(), new SensitiveOperationDetector(), new SilentKeyDetector());

    private final ByokEstate estate;
    private final Thresholds thresholds;
    private final Allowlist allowlist;
    private final Function<AccessScope, String> rawRows;

    /** @param rawRows writes the KQL that lists the raw audit rows of a scope, for the log source in use */
    public AccessAnalyzer(ByokEstate estate, Thresholds thresholds, Allowlist allowlist, Function<AccessScope, String> rawRows) {
        this.estate = estate;
        this.thresholds = thresholds;
        this.allowlist = allowlist;
        this.rawRows = rawRows;
    }

    /** The detector ids, for validating settings and allowlists. */
    public static Set<String> detectorIds() {
        Set<String> ids = new LinkedHashSet<>();
        DETECTORS.forEach(d -> ids.add(d.id()));
        return ids;
    }

    /**
     * @param index        the logs read, baseline and window together
     * @param windowStart  first hour of the window
     * @param windowEnd    end of the window, exclusive
     * @param baselineDays days before the window to compare with
     * @param source       where the logs came from, for the header
     * @param sourceNotes  problems met while reading, carried into the report
     */
    public AccessReport analyze(AccessIndex index, Instant windowStart, Instant windowEnd, int baselineDays, String source,
                                List<String> sourceNotes) {
        DetectionContext context = new DetectionContext(index, windowStart, windowEnd, baselineDays, estate, thresholds, rawRows);
        List<Anomaly> found = new ArrayList<>();
        for (Detector d : DETECTORS) {
            found.addAll(d.detect(context));
        }
        found.sort(Anomaly::rank);
        LocalDate today = LocalDate.ofInstant(windowEnd, ZoneOffset.UTC);
        List<Anomaly> kept = new ArrayList<>();
        List<AccessReport.Suppressed> suppressed = new ArrayList<>();
        Set<String> expiredNotes = new LinkedHashSet<>();
        for (Anomaly a : found) {
            AllowlistEntry entry = allowlist.covering(a, today);
            if (entry != null) {
                suppressed.add(new AccessReport.Suppressed(a, entry));
                continue;
            }
            kept.add(a);
            for (AllowlistEntry e : allowlist.expiredCovering(a, today)) {
                expiredNotes.add("The allowlist entry for " + e.principal() + " (" + e.reason() + ") expired on " + e.expires()
                        + ", so its anomalies are reported again.");
            }
        }
        List<String> notes = new ArrayList<>(sourceNotes);
        int covered = context.baselineDaysCovered();
        if (covered < baselineDays) {
            notes.add("The logs reach back only " + covered + " of the " + baselineDays + " baseline days before the window;"
                    + " history-based checks are weaker until they do.");
        }
        notes.addAll(context.notes());
        notes.addAll(expiredNotes);
        Map<String, Long> operations = new LinkedHashMap<>();
        long windowEvents = 0;
        for (AccessRecord r : context.windowRecords()) {
            operations.merge(r.operation(), r.count(), Long::sum);
            windowEvents += r.count();
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        operations.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new AccessReport(context.windowStart(), context.windowEnd(), baselineDays, covered, index.events(),
                index.vaults().size(), index.keys().size(), windowEvents, sorted, kept, suppressed, notes, source, estate.known());
    }
}
