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

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code byokwatch kpi}: the compliance, remediation, rotation and cost figures from the history in a state folder,
 * the key facts of an inventory, and the operations in audit logs (or the ServiceApiHit metric when live), as JSON,
 * Markdown or the dashboard page. Thin: the figures come from {@link KpiJob}, the wiring from {@link KpiRuntime}.
 */
@Command(name = "kpi", sortOptions = false,
        customSynopsis = {"byokwatch kpi --state DIR [--inventory PATH | --live] [--logs FILE... | --workspace ID]",
                "              [--prices FILE] [--from DATE] [--to DATE] [--by subscription|tag:NAME]",
                "              [--format json|markdown|html] [--output FILE] [--key-max-age-days 365]",
                "              [--now ISO-8601]"},
        description = {"The numbers a CISO asks for: compliance, time to remediate, key rotation, Key Vault cost.",
                "%% of clusters compliant (per day), time to remediate and detection latency, key rotation, and the Key",
                "Vault cost of AKS encryption (an estimate).",
                "The window defaults to the 30 days before --to (now); --to DATE includes that whole day (UTC)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the report was written", "2:usage error or unreadable input"})
final class KpiCommand implements Callable<Integer> {
    static final int DEFAULT_DAYS = 30;
    static final List<String> FORMATS = List.of("json", "markdown", "html");

    static final class Formats extends ArrayList<String> {
        Formats() {
            super(FORMATS);
        }
    }

    static final class Input {
        @Option(names = "--state", paramLabel = "DIR", description = "The state folder serve, replay or the demo keep verdicts and history in.")
        String state;

        @Option(names = "--inventory", paramLabel = "PATH", description = "Inventory files for the keys in use, their versions and consumers.")
        String inventory;

        @Option(names = "--live", description = "Read keys from ARM (BYOKWATCH_SUBSCRIPTIONS etc.) and, without logs, the ServiceApiHit metric.")
        boolean live;

        @Option(names = "--logs", paramLabel = "FILE", arity = "1..*", description = "Exported AuditEvent logs to count key operations from.")
        List<String> logs = new ArrayList<>();

        @Option(names = "--workspace", paramLabel = "ID", description = "A Log Analytics workspace's customer id (GUID).")
        String workspace;

        @Option(names = "--prices", paramLabel = "FILE", description = "A Key Vault price table replacing the bundled one (same shape).")
        String prices;
    }

    static final class Window {
        @Option(names = "--from", paramLabel = "DATE", description = "Start (a date: midnight UTC; or an ISO-8601 time).")
        String from;

        @Option(names = "--to", paramLabel = "DATE", description = "End (a date: through that day; or an ISO-8601 time; default: now).")
        String to;

        @Option(names = "--now", paramLabel = "ISO-8601", description = "What now is (default: the clock).")
        String now;

        @Option(names = "--key-max-age-days", paramLabel = "DAYS", description = "Newest key version at most this old counts as rotated (default: BYOKWATCH_KEY_MAX_AGE_DAYS or 365).")
        String keyMaxAge;
    }

    static final class Output {
        @Option(names = "--by", paramLabel = "GROUPING", description = "Split compliance by subscription or tag:NAME.")
        String by;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown", completionCandidates = Formats.class,
                description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--output", paramLabel = "FILE", description = "Write the report here instead of stdout.")
        String output;
    }

    @ArgGroup(validate = false, heading = "%nInput:%n", order = 1)
    Input input = new Input();

    @ArgGroup(validate = false, heading = "%nWindow:%n", order = 2)
    Window when = new Window();

    @ArgGroup(validate = false, heading = "%nOutput:%n", order = 3)
    Output output = new Output();

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    KpiCommand(CliContext cli) {
        this.out = cli.out();
        this.err = cli.err();
        this.env = cli.env();
    }

    @Override
    public Integer call() {
        if (input.inventory != null && input.live) {
            throw new UsageException("'kpi' takes --inventory PATH or --live, not both");
        }
        if (!input.logs.isEmpty() && input.workspace != null) {
            throw new UsageException("'kpi' takes --logs FILE... or --workspace ID, not both");
        }
        Path state = Path.of(Flags.required("kpi", "--state", input.state, ".byokwatch/state"));
        KpiFormat format = KpiFormat.parse(Flags.choice("--format", output.format, FORMATS));
        Grouping grouping = output.by != null ? grouping(output.by) : Grouping.NONE;
        Instant now = when.now != null ? Times.parse("now", when.now) : Instant.now();
        Instant to = when.to != null ? end(when.to) : now;
        Instant from = when.from != null ? start("from", when.from) : to.minus(Duration.ofDays(DEFAULT_DAYS));
        if (!from.isBefore(to)) {
            throw new UsageException("--from must be before --to (" + from + " is not before " + to + ")");
        }
        int maxAge = keyMaxAge();
        Inventory inventory = null;
        String label = null;
        if (input.inventory != null) {
            inventory = inventory(Path.of(input.inventory));
            label = input.inventory;
        } else if (input.live) {
            try {
                inventory = KpiRuntime.liveInventory(env);
            } catch (SettingsException e) {
                throw new InputException(e.getMessage());
            }
            label = "live";
        }
        AccessLogSource logs = logs();
        VaultMetrics metrics = logs == null && input.live ? KpiRuntime.liveMetrics(env) : null;
        KpiJob job;
        try {
            job = KpiRuntime.commandLine(state, inventory, label, logs, metrics,
                    KpiRuntime.prices(input.prices != null ? Path.of(input.prices) : null), maxAge);
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
        OutputFile.write(output.output, format.render(report), out, err);
        return 0;
    }

    private static Grouping grouping(String text) {
        try {
            return Grouping.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--by " + e.getMessage());
        }
    }

    private int keyMaxAge() {
        if (when.keyMaxAge != null) {
            try {
                int n = Integer.parseInt(when.keyMaxAge.trim());
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

    private AccessLogSource logs() {
        if (input.logs.isEmpty() && input.workspace == null) {
            return null;
        }
        AccessSettings.ForCommandLine settings;
        try {
            settings = AccessSettings.forCommandLine(env);
        } catch (SettingsException e) {
            throw new InputException(e.getMessage());
        }
        if (!input.logs.isEmpty()) {
            return AccessSources.files(input.logs.stream().map(Path::of).toList(), settings.table());
        }
        String id = input.workspace;
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
