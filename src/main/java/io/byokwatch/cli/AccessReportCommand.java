package io.byokwatch.cli;

import io.byokwatch.access.AccessReport;
import io.byokwatch.access.Allowlist;
import io.byokwatch.app.AccessReportDelivery;
import io.byokwatch.app.AccessReportJob;
import io.byokwatch.bootstrap.AccessSettings;
import io.byokwatch.bootstrap.AccessSources;
import io.byokwatch.bootstrap.AllowlistFile;
import io.byokwatch.bootstrap.FileInventory;
import io.byokwatch.bootstrap.Notifications;
import io.byokwatch.bootstrap.SettingsException;
import io.byokwatch.domain.Severity;
import io.byokwatch.port.AccessLogException;
import io.byokwatch.port.AccessLogSource;
import io.byokwatch.port.DeadLetters;
import io.byokwatch.port.Inventory;
import io.byokwatch.render.access.AccessFormat;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code byokwatch access-report}: who used the disk keys in the window, and was it normal. Reads exported audit logs or
 * a Log Analytics workspace; thresholds and the workspace endpoint come from the same BYOKWATCH_ACCESS_* and
 * BYOKWATCH_LOG_ANALYTICS_* settings as the nightly function. With {@code --notify stdout|json} and/or
 * {@code --notify-config FILE} it is also sent, as the nightly function sends it, to the channels routed kind
 * {@code access-report}.
 */
@Command(name = "access-report", sortOptions = false,
        customSynopsis = {"byokwatch access-report (--logs FILE... | --workspace ID) [--inventory PATH]",
                "                        [--allowlist FILE] [--now ISO-8601] [--window 24h] [--baseline 14d]",
                "                        [--format markdown|json|html] [--output FILE]",
                "                        [--fail-on critical|high|medium|low|none]",
                "                        [--notify stdout|json] [--notify-config FILE]"},
        description = {"Who used the disk keys in the window, and was it normal (Key Vault AuditEvent logs).",
                "With --notify or --notify-config it is also sent to the routes of kind access-report."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing at or above --fail-on (and delivered, when asked)",
                "1:an anomaly at or above --fail-on, or a channel did not take the report",
                "2:usage error or unreadable input"})
final class AccessReportCommand implements Callable<Integer> {
    private static final Pattern SPAN = Pattern.compile("(\\d{1,4})([hd])");
    static final List<String> FORMATS = List.of("markdown", "json", "html");

    static final class Formats extends java.util.ArrayList<String> {
        Formats() {
            super(FORMATS);
        }
    }

    static final class Logs {
        @Option(names = "--logs", paramLabel = "FILE", arity = "1..*",
                description = "Exported AuditEvent logs: files or folders (storage JSON lines, event hub records, a saved query, portal CSV).")
        List<String> logs = new ArrayList<>();

        @Option(names = "--workspace", paramLabel = "ID", description = "A Log Analytics workspace's customer id (GUID).")
        String workspace;

        @Option(names = "--inventory", paramLabel = "PATH", description = "Tells disk keys and their sets' identities apart (recommended).")
        String inventory;

        @Option(names = "--allowlist", paramLabel = "FILE", description = "Known-good principals, each with a reason and an expiry.")
        String allowlist;
    }

    static final class Window {
        @Option(names = "--now", paramLabel = "ISO-8601", description = "End of the window (default: now).")
        String now;

        @Option(names = "--window", paramLabel = "SPAN", defaultValue = "24h", description = "1h to 168h (default: ${DEFAULT-VALUE}).")
        String window;

        @Option(names = "--baseline", paramLabel = "DAYS", defaultValue = "14d", description = "1d to 90d before the window (default: ${DEFAULT-VALUE}).")
        String baseline;
    }

    static final class Output {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown", completionCandidates = Formats.class,
                description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--output", paramLabel = "FILE", description = "Write the report here instead of stdout (- is stdout).")
        String output;

        @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "none", completionCandidates = ScanCommand.Levels.class,
                description = "Exit 1 when an anomaly is at least this severe, as scan does with findings: ${COMPLETION-CANDIDATES}"
                        + " (default: ${DEFAULT-VALUE}, the report alone decides nothing).")
        String failOn;
    }

    @ArgGroup(validate = false, heading = "%nInput (--logs or --workspace):%n", order = 1)
    Logs input = new Logs();

    @ArgGroup(validate = false, heading = "%nWindow:%n", order = 2)
    Window when = new Window();

    @ArgGroup(validate = false, heading = "%nOutput:%n", order = 3)
    Output output = new Output();

    @ArgGroup(validate = false, heading = "%nDelivery:%n", order = 4)
    NotifyOptions notify = new NotifyOptions();

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    AccessReportCommand(CliContext cli) {
        this(cli.out(), cli.err(), cli.env());
    }

    AccessReportCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    @Override
    public Integer call() {
        boolean fromFiles = !input.logs.isEmpty();
        if (fromFiles == (input.workspace != null)) {
            throw new UsageException("'access-report' needs --logs FILE... (exported AuditEvent logs) or --workspace ID"
                    + " (a Log Analytics workspace), one of them");
        }
        OutputFile.refuseInputs(output.output, Map.of("--logs", input.logs.stream().map(Path::of).toList(),
                "--inventory", input.inventory != null ? List.of(Path.of(input.inventory)) : List.of(),
                "--allowlist", input.allowlist != null ? List.of(Path.of(input.allowlist)) : List.of()));
        AccessFormat format = AccessFormat.parse(Flags.choice("--format", output.format, FORMATS));
        String failOn = Flags.choice("--fail-on", output.failOn, ScanCommand.LEVELS);
        Duration window = Duration.ofHours(hours("window", when.window, 1, 168));
        long baselineHours = hours("baseline", when.baseline, 24, 90 * 24);
        if (baselineHours % 24 != 0) {
            throw new UsageException("--baseline must be whole days, e.g. 14d, not '" + when.baseline + "'");
        }
        Instant now = when.now != null ? Times.parse("now", when.now) : Instant.now();
        AccessSettings.ForCommandLine settings;
        try {
            settings = AccessSettings.forCommandLine(env);
        } catch (SettingsException e) {
            throw new InputException(e.getMessage());
        }
        Allowlist allowlist = Allowlist.EMPTY;
        if (input.allowlist != null) {
            try {
                allowlist = AllowlistFile.load(Path.of(input.allowlist));
            } catch (IllegalArgumentException e) {
                throw new InputException(e.getMessage());
            }
        }
        Inventory inventory = input.inventory != null ? inventory(Path.of(input.inventory)) : null;
        AccessLogSource logs = fromFiles
                ? AccessSources.files(input.logs.stream().map(Path::of).toList(), settings.table())
                : AccessSources.workspace(workspace(input.workspace), settings.endpoint(), settings.table());
        AccessReport report;
        try {
            report = new AccessReportJob(logs, inventory, settings.thresholds(), allowlist).run(now, window, (int) (baselineHours / 24));
        } catch (AccessLogException e) {
            throw new InputException(e.getMessage());
        }
        if (format == AccessFormat.JSON) {
            // The JSON contract has no place for them, and a partial answer must not pass for a whole one.
            report.notes().forEach(n -> err.println("note: " + n));
        }
        // the options are read before the report is written, so a bad config fails before any output
        Notifications.Parts delivery = notify.given() ? notify.parts(env, out, false) : null;
        OutputFile.write(output.output, format.renderer().render(report), out, err);
        int delivered = delivery == null ? 0
                : deliver(delivery, report, !OutputFile.toStdout(output.output) ? Path.of(output.output) : null);
        Severity worst = report.worst();
        boolean failed = !failOn.equals("none") && worst != null && worst.atLeast(Severity.parse(failOn));
        return failed ? 1 : delivered;
    }

    /**
     * Sends the report as the nightly function does. There is no state folder here, so what no channel took is
     * reported on stderr and in the exit code (1) rather than kept; the report itself was just written.
     */
    private int deliver(Notifications.Parts parts, AccessReport report, Path output) {
        List<DeadLetters.DeadLetter> given = new ArrayList<>();
        DeadLetters kept = new DeadLetters() {
            @Override
            public void add(DeadLetter letter) {
                given.add(letter);
            }

            @Override
            public List<DeadLetter> recent(int max) {
                return List.copyOf(given.subList(Math.max(0, given.size() - max), given.size()));
            }
        };
        List<AccessReportDelivery.Outcome> outcomes;
        try {
            outcomes = Notifications.accessReportsOnly(parts, kept).deliver(report,
                    output == null || output.getFileName() == null ? null : output.getFileName().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("byokwatch: interrupted while delivering the access report");
            return 1;
        }
        out.flush();
        outcomes.forEach(o -> err.println(o.line()));
        return outcomes.stream().allMatch(AccessReportDelivery.Outcome::delivered) ? 0 : 1;
    }

    /** "24h", "2d": hours within the bounds. */
    private static long hours(String flag, String text, long min, long max) {
        Matcher m = SPAN.matcher(text.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException("--" + flag + " '" + text + "' is not a duration; use hours or days, e.g. 24h or 14d");
        }
        long h = Long.parseLong(m.group(1)) * (m.group(2).equals("d") ? 24 : 1);
        if (h < min || h > max) {
            throw new UsageException("--" + flag + " must be from " + describe(min) + " to " + describe(max) + ", not " + text);
        }
        return h;
    }

    private static String describe(long hours) {
        return hours % 24 == 0 ? hours / 24 + "d" : hours + "h";
    }

    private static String workspace(String id) {
        if (!id.matches("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")) {
            throw new UsageException("--workspace '" + id + "' is not a workspace id; use the workspace's customer id GUID"
                    + " (az monitor log-analytics workspace show --query customerId)");
        }
        return id;
    }

    private Inventory inventory(Path path) {
        FileInventory.Loaded loaded;
        try {
            loaded = FileInventory.load(path);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
        loaded.problems().forEach(p -> err.println("warning: " + p));
        if (loaded.resources() == 0) {
            throw new InputException("no Azure resources found in " + path + "; expected ARM or az JSON for managed clusters"
                    + " and disk encryption sets");
        }
        return loaded.inventory();
    }

}
