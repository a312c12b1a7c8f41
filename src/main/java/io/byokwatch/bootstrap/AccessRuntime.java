package io.byokwatch.bootstrap;

import io.byokwatch.access.AccessReport;
import io.byokwatch.access.Allowlist;
import io.byokwatch.app.AccessReportJob;
import io.byokwatch.port.AccessLogSource;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.ReportArchive;
import io.byokwatch.render.access.AccessFormat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The nightly access report wired from settings: the log source, the inventory the rest of byokwatch uses, the
 * allowlist and thresholds. Built once per process; the report model it returns is what notifiers render digests from.
 */
public final class AccessRuntime {
    private static AccessRuntime shared;

    private final AccessSettings settings;
    private final AccessReportJob job;
    private final List<ReportArchive> archives;
    private final Clock clock;

    /**
     * What one run produced: the report, where each rendering was kept (paths or URLs, none without a report folder or
     * container), and what could not be kept. A report that could not be kept is still logged and sent.
     */
    public record Outcome(AccessReport report, List<String> saved, List<String> problems) {
        /** Where people open the report: the HTML rendering, the first place it was kept; null when nowhere. */
        public String fullReport() {
            return saved.stream().filter(l -> l.endsWith("." + AccessFormat.HTML.extension())).findFirst().orElse(null);
        }
    }

    AccessRuntime(AccessSettings settings, AccessLogSource logs, Inventory inventory, List<ReportArchive> archives, Clock clock) {
        this.settings = settings;
        this.archives = List.copyOf(archives);
        this.clock = clock;
        Allowlist allowlist = settings.allowlistFile() == null ? Allowlist.EMPTY : AllowlistFile.load(settings.allowlistFile());
        this.job = new AccessReportJob(logs, inventory, settings.thresholds(), allowlist);
    }

    /** The process-wide instance from app settings, sharing the inventory of {@link Runtime#fromEnvironment()}. */
    public static synchronized AccessRuntime fromEnvironment() {
        if (shared == null) {
            Runtime runtime = Runtime.fromEnvironment();
            shared = build(System.getenv(), runtime.inventory(), runtime.settings().cloud(), runtime.clock());
        }
        return shared;
    }

    /** Settings from a map (tests), validated as at start-up. */
    public static AccessRuntime build(Map<String, String> env, Inventory inventory, String cloud, Clock clock) {
        AccessSettings s = AccessSettings.from(env, cloud);
        return new AccessRuntime(s, AccessSources.of(s), inventory, ReportArchives.from(s, cloud), clock);
    }

    public AccessSettings settings() {
        return settings;
    }

    /** Reports on the last {@code windowHours} whole hours and keeps HTML, JSON and Markdown where the settings say. */
    public Outcome run() {
        AccessReport report = job.run(clock.instant(), Duration.ofHours(settings.windowHours()), settings.baselineDays());
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC)
                .format(report.windowEnd());
        List<String> saved = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ReportArchive archive : archives) {
            try {
                for (AccessFormat f : AccessFormat.values()) {
                    saved.add(archive.save("access-report-" + stamp + "." + f.extension(), f.contentType(),
                            f.renderer().render(report)));
                }
            } catch (ReportArchive.ReportArchiveException e) {
                problems.add(e.getMessage());
            }
        }
        return new Outcome(report, List.copyOf(saved), List.copyOf(problems));
    }
}
