package io.byokwatch.cli;

import io.byokwatch.app.KpiJob;
import io.byokwatch.bootstrap.AccessSettings;
import io.byokwatch.bootstrap.AccessSources;
import io.byokwatch.bootstrap.FileInventory;
import io.byokwatch.bootstrap.KpiRuntime;
import io.byokwatch.bootstrap.KpiSettings;
import io.byokwatch.bootstrap.SettingsException;
import io.byokwatch.kpi.Grouping;
import io.byokwatch.kpi.KpiReport;
import io.byokwatch.port.AccessLogException;
import io.byokwatch.port.AccessLogSource;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.VaultMetrics;
import io.byokwatch.render.kpi.KpiFormat;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code byokwatch kpi}: the compliance, remediation, rotation and cost figures from the history in a state folder,
 * the key facts of an inventory, and the operations in audit logs (or the ServiceApiHit metric when live), as JSON,
 * Markdown or the dashboard page. Thin: the figures come from {@link KpiJob}, the wiring from {@link KpiRuntime}.
 */
final class KpiCommand {
    static final int DEFAULT_DAYS = 30;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    KpiCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    int run(List<String> argv) {
        Args args = new Args("kpi", argv, Set.of("state", "inventory", "workspace", "prices", "from", "to", "by", "format",
                "output", "now", "key-max-age-days"), Set.of("logs"), Set.of("live"));
        if (args.has("inventory") && args.has("live")) {
            throw new UsageException("'kpi' takes --inventory PATH or --live, not both");
        }
        if (args.has("logs") && args.has("workspace")) {
            throw new UsageException("'kpi' takes --logs FILE... or --workspace ID, not both");
        }
        Path state = Path.of(args.required("state", ".byokwatch/state"));
        KpiFormat format = KpiFormat.parse(args.choice("format", "markdown", List.of("json", "markdown", "html")));
        Grouping grouping = args.has("by") ? grouping(args.get("by")) : Grouping.NONE;
        Instant now = args.has("now") ? Times.parse("now", args.get("now")) : Instant.now();
        Instant to = args.has("to") ? end(args.get("to")) : now;
        Instant from = args.has("from") ? start("from", args.get("from")) : to.minus(Duration.ofDays(DEFAULT_DAYS));
        if (!from.isBefore(to)) {
            throw new UsageException("--from must be before --to (" + from + " is not before " + to + ")");
        }
        int maxAge = keyMaxAge(args);
        Inventory inventory = null;
        String label = null;
        if (args.has("inventory")) {
            inventory = inventory(Path.of(args.get("inventory")));
            label = args.get("inventory");
        } else if (args.has("live")) {
            try {
                inventory = KpiRuntime.liveInventory(env);
            } catch (SettingsException e) {
                throw new InputException(e.getMessage());
            }
            label = "live";
        }
        AccessLogSource logs = logs(args);
        VaultMetrics metrics = logs == null && args.has("live") ? KpiRuntime.liveMetrics(env) : null;
        KpiJob job;
        try {
            job = KpiRuntime.commandLine(state, inventory, label, logs, metrics,
                    KpiRuntime.prices(args.has("prices") ? Path.of(args.get("prices")) : null), maxAge);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
        KpiReport report;
        try {
            report = job.run(now, from, to, grouping);
        } catch (AccessLogException e) {
            throw new InputException(e.getMessage());
        }
        if (format == KpiFormat.JSON) {
            report.notes().forEach(n -> err.println("note: " + n));
        }
        OutputFile.write(args.get("output"), format.render(report), out, err);
        return 0;
    }

    private static Grouping grouping(String text) {
        try {
            return Grouping.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--by " + e.getMessage());
        }
    }

    private int keyMaxAge(Args args) {
        if (args.has("key-max-age-days")) {
            try {
                int n = Integer.parseInt(args.get("key-max-age-days"));
                if (n >= 1 && n <= 3650) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new UsageException("--key-max-age-days must be a whole number of days from 1 to 3650, e.g. 365");
        }
        try {
            return KpiSettings.from(env).keyMaxAgeDays();
        } catch (SettingsException e) {
            throw new InputException(e.getMessage());
        }
    }

    private AccessLogSource logs(Args args) {
        if (!args.has("logs") && !args.has("workspace")) {
            return null;
        }
        AccessSettings.ForCommandLine settings;
        try {
            settings = AccessSettings.forCommandLine(env);
        } catch (SettingsException e) {
            throw new InputException(e.getMessage());
        }
        if (args.has("logs")) {
            return AccessSources.files(args.all("logs").stream().map(Path::of).toList(), settings.table());
        }
        String id = args.get("workspace");
        if (!id.matches("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")) {
            throw new UsageException("--workspace '" + id + "' is not a workspace id; use the workspace's customer id GUID"
                    + " (az monitor log-analytics workspace show --query customerId)");
        }
        return AccessSources.workspace(id, settings.endpoint(), settings.table());
    }

    private Inventory inventory(Path path) {
        FileInventory.Loaded loaded;
        try {
            loaded = FileInventory.load(path);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
        loaded.problems().forEach(p -> err.println("warning: " + p));
        return loaded.inventory();
    }

    /** A date starts at midnight UTC; an instant is taken as given. */
    private static Instant start(String flag, String text) {
        return Times.parse(flag, text);
    }

    /** A date ends the window after that whole day (UTC); an instant is taken as given. */
    private static Instant end(String text) {
        try {
            return LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            return Times.parse("to", text);
        }
    }
}
