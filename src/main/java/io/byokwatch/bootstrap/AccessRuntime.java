package io.byokwatch.bootstrap;

import io.byokwatch.access.AccessReport;
import io.byokwatch.access.Allowlist;
import io.byokwatch.app.AccessReportJob;
import io.byokwatch.port.AccessLogSource;
import io.byokwatch.port.Inventory;
import io.byokwatch.render.AccessFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final Clock clock;

    /** What one run produced: the report, and the files it was written to (none without a report folder). */
    public record Outcome(AccessReport report, List<Path> written) {
    }

    AccessRuntime(AccessSettings settings, AccessLogSource logs, Inventory inventory, Clock clock) {
        this.settings = settings;
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
        return new AccessRuntime(s, AccessSources.of(s), inventory, clock);
    }

    public AccessSettings settings() {
        return settings;
    }

    /** Reports on the last {@code windowHours} whole hours and writes HTML, JSON and Markdown to the report folder. */
    public Outcome run() {
        AccessReport report = job.run(clock.instant(), Duration.ofHours(settings.windowHours()), settings.baselineDays());
        List<Path> written = new ArrayList<>();
        if (settings.reportDir() != null) {
            String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC)
                    .format(report.windowEnd());
            try {
                Files.createDirectories(settings.reportDir());
                for (AccessFormat f : AccessFormat.values()) {
                    Path file = settings.reportDir().resolve("access-report-" + stamp + "." + f.extension());
                    Files.writeString(file, f.renderer().render(report), StandardCharsets.UTF_8);
                    written.add(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the access report to " + settings.reportDir() + ": " + e.getMessage(), e);
            }
        }
        return new Outcome(report, written);
    }
}
