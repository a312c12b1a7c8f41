package io.byokwatch.app;

import io.byokwatch.access.AccessAnalyzer;
import io.byokwatch.access.AccessIndex;
import io.byokwatch.access.AccessReport;
import io.byokwatch.access.Allowlist;
import io.byokwatch.access.ByokEstate;
import io.byokwatch.access.HourlyBins;
import io.byokwatch.access.Thresholds;
import io.byokwatch.port.AccessLogRead;
import io.byokwatch.port.AccessLogSource;
import io.byokwatch.port.Inventory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The Key Vault access report: read the window and its baseline from the logs, learn from the inventory which keys are
 * disk keys and whose identities may use them, run the detectors. The CLI and the nightly function both call this.
 */
public final class AccessReportJob {
    private final AccessLogSource logs;
    private final Inventory inventory;
    private final Thresholds thresholds;
    private final Allowlist allowlist;

    /** @param inventory null when none was given: detectors then judge callers by their history alone */
    public AccessReportJob(AccessLogSource logs, Inventory inventory, Thresholds thresholds, Allowlist allowlist) {
        this.logs = logs;
        this.inventory = inventory;
        this.thresholds = thresholds;
        this.allowlist = allowlist;
    }

    /**
     * @param now          the window ends at the start of this hour, so every hour in it is complete
     * @param window       whole hours, at least one
     * @param baselineDays days before the window to learn what is normal from
     */
    public AccessReport run(Instant now, Duration window, int baselineDays) {
        if (window.toMinutes() < 60 || window.toMinutes() % 60 != 0) {
            throw new IllegalArgumentException("the window must be whole hours, at least one; not " + window);
        }
        if (baselineDays < 1) {
            throw new IllegalArgumentException("the baseline must be at least one day, not " + baselineDays);
        }
        Instant windowEnd = now.truncatedTo(ChronoUnit.HOURS);
        Instant windowStart = windowEnd.minus(window);
        Instant from = windowStart.minus(Duration.ofDays(baselineDays));
        HourlyBins bins = new HourlyBins();
        AccessLogRead read = logs.read(from, windowEnd, bins);
        AccessIndex index = AccessIndex.of(bins.drain(), from, windowEnd);
        ByokEstate estate = inventory == null ? ByokEstate.NONE : DiskKeyEstate.from(inventory);
        return new AccessAnalyzer(estate, thresholds, allowlist, logs::rawRowsQuery)
                .analyze(index, windowStart, windowEnd, baselineDays, read.source(), read.problems());
    }
}
