package io.byokwatch.cli;

import io.byokwatch.adapter.arm.ArmCloud;
import io.byokwatch.adapter.arm.ArmCredentials;
import io.byokwatch.adapter.arm.ArmReadException;
import io.byokwatch.adapter.arm.ArmSettings;
import io.byokwatch.app.ClusterEvaluator;
import io.byokwatch.app.Scan;
import io.byokwatch.app.ScanReport;
import io.byokwatch.app.VerdictGate;
import io.byokwatch.bootstrap.FileInventory;
import io.byokwatch.domain.Severity;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.port.Inventory;
import io.byokwatch.render.report.ReportFormat;
import io.byokwatch.render.report.ReportRenderer;
import io.byokwatch.render.report.SarifLocations;
import io.byokwatch.render.report.SarifRenderer;
import io.byokwatch.render.report.TableRenderer;
import io.byokwatch.render.report.TableStyle;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.rules.plan.PlanRules;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code byokwatch scan}: evaluate every cluster in the inventory, render, and exit as {@link VerdictGate} decides
 * (the worst finding against {@code --fail-on}, unknown verdicts by {@code --unknown}).
 */
@Command(name = "scan", sortOptions = false,
        description = {"Evaluate every cluster and report each broken link of its chain.",
                "From exported files (az, ARM or Resource Graph output) or, with --live, straight from Azure as the",
                "functions read it."},
        customSynopsis = {"byokwatch scan (--inventory PATH | --live [--subscription ID... | --management-group ID])",
                "               [--policy FILE] [--allow-empty-policy] [--now ISO-8601]",
                "               [--format table|json|sarif|markdown] [--output FILE|-]",
                "               [--color auto|always|never] [--quiet]",
                "               [--fail-on critical|high|medium|low|none] [--unknown pass|fail]"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing at or above --fail-on", "1:a finding at or above --fail-on, or a cluster whose verdict"
                + " is unknown (unless --unknown pass)",
                "2:usage error or unreadable input (missing path, bad policy file, no Azure resources found, an inventory"
                + " without any AKS cluster)"})
final class ScanCommand implements Callable<Integer> {
    static final List<String> FORMATS = List.of("table", "json", "sarif", "markdown");
    static final List<String> LEVELS = List.of("critical", "high", "medium", "low", "none");

    static final class Formats extends java.util.ArrayList<String> {
        Formats() {
            super(FORMATS);
        }
    }

    static final class ColourChoices extends java.util.ArrayList<String> {
        ColourChoices() {
            super(List.of("auto", "always", "never"));
        }
    }

    static final class Levels extends java.util.ArrayList<String> {
        Levels() {
            super(LEVELS);
        }
    }

    static final class Input {
        @Option(names = "--inventory", paramLabel = "PATH",
                description = "A JSON file or a folder of them (read recursively): az, ARM or Resource Graph output.")
        String inventory;

        @Option(names = "--policy", paramLabel = "FILE", description = "Policy file (default: BYOK required everywhere).")
        String policy;

        @Option(names = "--allow-empty-policy",
                description = "Accept a policy that disables every rule (by default an error: nothing would be checked).")
        boolean allowEmptyPolicy;

        @Option(names = "--now", paramLabel = "ISO-8601",
                description = "Judge expiry and exemptions as of this time, e.g. 2026-12-01T00:00:00Z (default: now).")
        String now;
    }

    static final class Output {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", completionCandidates = Formats.class,
                description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--output", paramLabel = "FILE", description = "Write the report here instead of stdout (- is stdout).")
        String output;


        @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high", completionCandidates = Levels.class,
                description = "Exit 1 when a finding is at or above this: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        String failOn;

        @Option(names = "--unknown", paramLabel = "pass|fail",
                description = "How a cluster whose verdict is unknown (a high or critical check could not run) counts:"
                        + " fail exits 1 like a finding (default, unless --fail-on none), pass does not.")
        String unknown;
    }

    static final class Live {
        @Option(names = "--live", description = "Read ARM and Resource Graph now, as the functions do, with"
                + " DefaultAzureCredential (az login is enough; Reader on the scope). BYOKWATCH_CLOUD and"
                + " BYOKWATCH_ARM_ENDPOINT apply.")
        boolean live;

        @Option(names = "--subscription", paramLabel = "ID", arity = "1..*",
                description = "Subscriptions whose clusters to scan (default: BYOKWATCH_SUBSCRIPTIONS).")
        List<String> subscriptions = new ArrayList<>();

        @Option(names = "--management-group", paramLabel = "ID",
                description = "Every subscription under this management group instead (default: BYOKWATCH_MANAGEMENT_GROUP).")
        String managementGroup;
    }

    /** How the report reads on a terminal and in CI logs; a group of its own, as other commands reuse Output. */
    static final class Display {
        @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto", completionCandidates = ColourChoices.class,
                description = "Severity colours in the table: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: when stdout"
                        + " is a terminal and NO_COLOR is not set).")
        String color;

        @Option(names = {"-q", "--quiet"}, description = "For CI logs: the table lists only clusters that need action,"
                + " and stderr carries only warnings and the reasons for the exit code (no notes, progress or 'wrote').")
        boolean quiet;
    }

    @ArgGroup(validate = false, heading = "%nInput:%n", order = 1)
    Input input = new Input();

    @ArgGroup(validate = false, heading = "%nLive (instead of --inventory):%n", order = 2)
    Live live = new Live();

    @ArgGroup(validate = false, heading = "%nOutput:%n", order = 3)
    Output output = new Output();

    @ArgGroup(validate = false, heading = "%nDisplay:%n", order = 4)
    Display display = new Display();

    private final PrintStream out;
    private final PrintStream err;
    private final CliContext cli;

    ScanCommand(CliContext cli) {
        this.out = cli.out();
        this.err = cli.err();
        this.cli = cli;
    }

    /** Where the clusters come from, what to say about it, and how the report names it. */
    private record Source(Inventory inventory, List<String> notes, String description) {
    }

    @Override
    public Integer call() {
        if (live.live == (input.inventory != null)) {
            throw new UsageException(live.live ? "give --inventory PATH or --live, not both"
                    : "'scan' needs --inventory PATH (exported files, e.g. examples/estate) or --live (read Azure now)");
        }
        if (!live.live && (!live.subscriptions.isEmpty() || live.managementGroup != null)) {
            throw new UsageException("--subscription and --management-group choose what --live reads; files say their own scope");
        }
        OutputFile.refuseInputs(output.output, java.util.Map.of(
                "--inventory", input.inventory != null ? List.of(Path.of(input.inventory)) : List.of(),
                "--policy", input.policy != null ? List.of(Path.of(input.policy)) : List.of()));
        String format = Flags.choice("--format", output.format, FORMATS);
        String failOn = Flags.choice("--fail-on", output.failOn, LEVELS);
        Severity failOnSeverity = failOn.equals("none") ? null : Severity.parse(failOn);
        VerdictGate.Unknown unknown = output.unknown != null
                ? VerdictGate.Unknown.parse(Flags.choice("--unknown", output.unknown, List.of("pass", "fail")))
                : VerdictGate.defaultUnknown(failOnSeverity);
        Instant now = input.now != null ? Times.parse("now", input.now) : Instant.now();
        RuleCatalog catalog = RuleCatalog.standard();
        PolicyLoader loader = new PolicyLoader(PlanRules.withCatalog(catalog)).judgedBy(catalog.ids());
        Policy policy = input.policy != null ? (input.allowEmptyPolicy ? loader.allowingEmpty() : loader).load(Path.of(input.policy))
                : Policy.DEFAULT;

        String colour = Flags.choice("--color", display.color, List.of("auto", "always", "never"));
        Source source = live.live ? live() : files(Path.of(input.inventory), !format.equals("table") && !display.quiet);
        ScanReport report;
        Progress progress = new Progress(err, cli.terminal().stderr() && !display.quiet, "evaluating clusters");
        try {
            report = new Scan(new ClusterEvaluator(catalog), Clock.fixed(now, ZoneOffset.UTC))
                    .run(source.inventory(), policy, source.notes(), progress::step);
        } catch (ArmReadException e) {
            // the cluster list itself could not be read completely: a partial scan would pass for a whole one
            throw new InputException("cannot list the clusters to scan: " + e.getMessage() + "; sign in (az login) as an"
                    + " identity with Reader on the scope, or check BYOKWATCH_ARM_ENDPOINT");
        } finally {
            progress.done();
        }
        VerdictGate.Decision decision = new VerdictGate(failOnSeverity, unknown).decide(report);
        if (decision.exitCode() == VerdictGate.NOTHING_TO_JUDGE) {
            throw new InputException(String.join("; ", decision.reasons()) + " (read " + source.description() + ")");
        }
        ReportRenderer renderer = switch (format) {
            case "table" -> new TableRenderer(TableRenderer.DEFAULT_WIDTH, colours(colour) ? TableStyle.COLOUR : TableStyle.PLAIN,
                    display.quiet);
            case "sarif" -> new SarifRenderer(catalog, live.live ? SarifLocations.LIVE
                    : new InventoryLocations(Path.of(input.inventory), Path.of("").toAbsolutePath()));
            default -> ReportFormat.parse(format).renderer(catalog);
        };
        if (format.equals("sarif") && !display.quiet) {
            if (live.live) {
                err.println("note: a live scan has no files, so SARIF results carry the resource id as a logical location"
                        + " only; GitHub code scanning refuses results without a file location, so for GitHub scan exported"
                        + " files (--inventory) committed to the repository");
            }
            if (report.findings().size() > SarifRenderer.GITHUB_MAX_RESULTS) {
                err.println("note: " + report.findings().size() + " findings exceed GitHub's " + SarifRenderer.GITHUB_MAX_RESULTS
                        + " results per run; the least severe are folded into one result per rule (--format json lists all)");
            }
        }
        OutputFile.write(output.output, w -> renderer.render(report, w), file -> renderer.render(report, file), out, err,
                display.quiet);
        decision.reasons().forEach(r -> err.println("byokwatch: failing: " + r));
        return decision.exitCode();
    }

    /** A file gets colours only when asked for always; stdout when it is a terminal and NO_COLOR is unset. */
    private boolean colours(String choice) {
        return OutputFile.toStdout(output.output) ? cli.terminal().colourOnStdout(choice, cli.env()) : choice.equals("always");
    }

    /** The live inventory over the scope the options (or the settings) name. */
    private Source live() {
        Map<String, String> env = cli.env();
        List<String> subscriptions = new ArrayList<>(live.subscriptions);
        String group = live.managementGroup;
        if (!subscriptions.isEmpty() && group != null) {
            throw new UsageException("give --subscription ID... or --management-group ID, not both");
        }
        if (subscriptions.isEmpty() && group == null) {
            String fromEnv = env.getOrDefault("BYOKWATCH_SUBSCRIPTIONS", "");
            Arrays.stream(fromEnv.split(",")).map(String::trim).filter(x -> !x.isEmpty()).forEach(subscriptions::add);
            group = blankToNull(env.get("BYOKWATCH_MANAGEMENT_GROUP"));
        }
        if (subscriptions.isEmpty() && group == null) {
            throw new UsageException("'scan --live' needs a scope: --subscription ID... (list yours with az account list"
                    + " --query \"[].id\" -o tsv) or --management-group ID");
        }
        for (String s : subscriptions) {
            if (!s.matches("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")) {
                throw new UsageException("--subscription '" + s + "' is not a subscription id; use its GUID"
                        + " (az account show --query id -o tsv)");
            }
        }
        ArmCloud cloud;
        URI endpoint;
        int budget;
        try {
            cloud = ArmCloud.parse(env.getOrDefault("BYOKWATCH_CLOUD", "AzureCloud"));
            String arm = blankToNull(env.get("BYOKWATCH_ARM_ENDPOINT"));
            endpoint = arm == null ? null : URI.create(arm);
            budget = Integer.parseInt(env.getOrDefault("BYOKWATCH_READ_BUDGET_PER_MINUTE",
                    String.valueOf(ArmSettings.DEFAULT_READS_PER_MINUTE)).trim());
        } catch (IllegalArgumentException e) {
            throw new InputException("settings for --live: " + e.getMessage());
        }
        ArmSettings settings;
        try {
            settings = new ArmSettings(cloud, endpoint, subscriptions, group,
                    ArmCredentials.defaultFor(cloud, env.get("AZURE_CLIENT_ID")), budget, ArmSettings.DEFAULT_CACHE_TTL,
                    ArmSettings.DEFAULT_MAX_RETRIES);
        } catch (IllegalArgumentException e) {
            throw new InputException("settings for --live: " + e.getMessage());
        }
        String scope = group != null ? "management group " + group : "subscription" + (subscriptions.size() == 1 ? " " : "s ")
                + String.join(", ", subscriptions);
        String description = "Azure (" + cloud + ") " + scope;
        return new Source(cli.live().open(settings), List.of("read live from " + description), description);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private Source files(Path path, boolean notesToStderr) {
        FileInventory.Loaded loaded = load(path, notesToStderr);
        return new Source(loaded.inventory(), loaded.notes(), path.toString());
    }

    /** Problems always go to stderr; notes only when the output format does not show them itself. */
    private FileInventory.Loaded load(Path path, boolean notesToStderr) {
        FileInventory.Loaded loaded;
        try {
            loaded = FileInventory.load(path);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
        loaded.problems().forEach(p -> err.println("warning: " + p));
        if (notesToStderr) {
            loaded.notes().forEach(n -> err.println("inventory: " + n));
        }
        if (loaded.resources() == 0) {
            throw new InputException("no Azure resources found in " + path
                    + "; expected ARM or az JSON for managed clusters, disk encryption sets, vaults, keys or role assignments");
        }
        return loaded;
    }
}
