package io.byokwatch.bootstrap;

import io.byokwatch.adapter.arm.ArmCloud;
import io.byokwatch.adapter.loganalytics.ServiceApiHitMetrics;
import io.byokwatch.adapter.storage.FileTransitionHistory;
import io.byokwatch.adapter.storage.FileVerdictStore;
import io.byokwatch.app.AlertCodec;
import io.byokwatch.app.KpiJob;
import io.byokwatch.kpi.Grouping;
import io.byokwatch.kpi.KpiReport;
import io.byokwatch.kpi.KpiWeek;
import io.byokwatch.kpi.PriceTable;
import io.byokwatch.port.AccessLogSource;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.ReportArchive;
import io.byokwatch.port.TransitionHistory;
import io.byokwatch.port.VaultMetrics;
import io.byokwatch.port.VerdictStore;
import io.byokwatch.render.alert.AlertJson;
import io.byokwatch.render.kpi.KpiFormat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The KPI report wired from settings or flags: the history and verdicts the event path writes, the inventory, audit
 * logs or the ServiceApiHit metric, and the price table. The CLI, {@code serve}, the Compliance function and the
 * nightly and weekly timers all compute the report through one of these.
 */
public final class KpiRuntime {
    private static KpiRuntime shared;

    private final KpiJob job;
    private final TransitionHistory history;
    private final KpiSettings settings;
    private final List<ReportArchive> archives;
    private final Clock clock;

    KpiRuntime(KpiJob job, TransitionHistory history, KpiSettings settings, List<ReportArchive> archives, Clock clock) {
        this.job = job;
        this.history = history;
        this.settings = settings;
        this.archives = List.copyOf(archives);
        this.clock = clock;
    }

    /** What one nightly run produced: the report, where the page was kept, and what could not be kept. */
    public record Outcome(KpiReport report, List<String> saved, List<String> problems, int purged) {
        /** Where people open the dashboard: the HTML page, the first place it was kept; null when nowhere. */
        public String page() {
            return saved.stream().filter(l -> l.endsWith("." + KpiFormat.HTML.extension())).findFirst().orElse(null);
        }
    }

    /**
     * The process-wide instance from app settings, sharing the history, verdicts and inventory of
     * {@link Runtime#fromEnvironment()}; audit logs when the access report's log settings are there, else the metric.
     */
    public static synchronized KpiRuntime fromEnvironment() {
        if (shared == null) {
            shared = from(Runtime.fromEnvironment(), System.getenv());
        }
        return shared;
    }

    /** Settings from a map (tests, {@code serve}), wired around an existing runtime. */
    public static KpiRuntime from(Runtime runtime, Map<String, String> env) {
        KpiSettings s = KpiSettings.from(env);
        AccessLogSource logs = null;
        if (env.get(AccessSettings.WORKSPACE_ID) != null || env.get(AccessSettings.LOG_FILES) != null) {
            logs = AccessSources.of(AccessSettings.from(env, runtime.settings().cloud()));
        }
        VaultMetrics metrics = logs == null && runtime.settings().inventoryMode().equals("live")
                ? metrics(runtime.settings().cloud(), runtime.settings().armEndpoint()) : null;
        String label = runtime.settings().inventoryMode().equals("live") ? "live" : String.valueOf(runtime.settings().inventoryPath());
        KpiJob job = new KpiJob(runtime.history(), runtime.store(), runtime.codec(), runtime.inventory(), label, logs, metrics,
                prices(s.pricesFile()), s.keyMaxAgeDays(), s.retention());
        return new KpiRuntime(job, runtime.history(), s, ReportArchives.from(s.reportStore(), s.reportDir(), runtime.settings().cloud()), runtime.clock());
    }

    /**
     * For {@code byokwatch kpi}: the state folder {@code serve}, {@code replay} and the demo write.
     *
     * @param inventory null for none
     * @param logs      null for none
     * @param metrics   null for none
     */
    public static KpiJob commandLine(Path stateDir, Inventory inventory, String inventoryLabel, AccessLogSource logs,
                                     VaultMetrics metrics, PriceTable prices, int keyMaxAgeDays) {
        if (!Files.isDirectory(stateDir)) {
            throw new IllegalArgumentException("no state folder at " + stateDir + "; point --state at the folder serve,"
                    + " replay or the demo keep their verdicts and history in (default .byokwatch/state)");
        }
        TransitionHistory history = new FileTransitionHistory(stateDir.resolve("history"));
        VerdictStore verdicts = Files.isDirectory(stateDir.resolve("verdicts")) ? new FileVerdictStore(stateDir.resolve("verdicts")) : null;
        AlertCodec codec = new AlertJson();
        return new KpiJob(history, verdicts, codec, inventory, inventoryLabel, logs, metrics, prices, keyMaxAgeDays,
                TransitionHistory.DEFAULT_RETENTION);
    }

    /** The live inventory from the same settings {@code serve --live} reads (BYOKWATCH_SUBSCRIPTIONS and so on). */
    public static Inventory liveInventory(Map<String, String> env) {
        Map<String, String> live = new HashMap<>(env);
        live.put(Settings.INVENTORY, "live");
        live.put(Settings.STATE, "files");
        return LiveInventoryFactory.create(Settings.from(live));
    }

    /** The ServiceApiHit metric of the cloud BYOKWATCH_CLOUD names, as byokwatch's identity. */
    public static VaultMetrics liveMetrics(Map<String, String> env) {
        String cloud = env.getOrDefault(Settings.CLOUD, "AzureCloud");
        return metrics(cloud, env.get(Settings.ARM_ENDPOINT));
    }

    private static VaultMetrics metrics(String cloud, String armEndpoint) {
        String endpoint = armEndpoint != null ? armEndpoint
                : ArmCloud.parse(cloud).environment().getResourceManagerEndpoint();
        return ServiceApiHitMetrics.connect(endpoint, Credentials.managed(cloud), null);
    }

    /** The bundled table, or the file when one is given. */
    public static PriceTable prices(Path file) {
        return file == null ? PriceTables.bundled() : PriceTables.load(file);
    }

    public KpiSettings settings() {
        return settings;
    }

    /** The report over the configured window ending now. */
    public KpiReport report() {
        Instant now = clock.instant();
        return report(now.minus(Duration.ofDays(settings.windowDays())), now);
    }

    public KpiReport report(Instant from, Instant to) {
        return job.run(clock.instant(), from, to, Grouping.NONE);
    }

    /**
     * The weekly digest's content: the week ending now against the week before, linking the dashboard URL when one is
     * configured, else the page this keeps now.
     */
    public KpiWeek week() {
        Instant now = clock.instant();
        KpiReport current = report(now.minus(Duration.ofDays(7)), now);
        KpiReport previous = report(now.minus(Duration.ofDays(14)), now.minus(Duration.ofDays(7)));
        String link = settings.dashboardUrl();
        if (link == null) {
            for (ReportArchive archive : archives) {
                try {
                    link = archive.save("kpi-latest.html", KpiFormat.HTML.contentType(), KpiFormat.HTML.render(report()));
                    break;
                } catch (ReportArchive.ReportArchiveException e) {
                    // the next archive may take it; with none, the digest says the page was not kept
                }
            }
        }
        return new KpiWeek(current, previous, link);
    }

    /**
     * The nightly run: the report over the configured window, kept as HTML, JSON and Markdown where the settings say
     * (the page under a dated name and as {@code kpi-latest.html}, which the digest links to), and old history purged.
     */
    public Outcome nightly() {
        KpiReport report = report();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT).withZone(ZoneOffset.UTC).format(report.to());
        List<String> saved = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ReportArchive archive : archives) {
            try {
                String html = KpiFormat.HTML.render(report);
                saved.add(archive.save("kpi-latest.html", KpiFormat.HTML.contentType(), html));
                saved.add(archive.save("kpi-" + stamp + ".html", KpiFormat.HTML.contentType(), html));
                saved.add(archive.save("kpi-" + stamp + ".json", KpiFormat.JSON.contentType(), KpiFormat.JSON.render(report)));
            } catch (ReportArchive.ReportArchiveException e) {
                problems.add(e.getMessage());
            }
        }
        int purged = history.purgeBefore(clock.instant().minus(settings.retention()));
        return new Outcome(report, List.copyOf(saved), List.copyOf(problems), purged);
    }
}
