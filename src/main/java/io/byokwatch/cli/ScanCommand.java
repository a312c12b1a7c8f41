package io.byokwatch.cli;

import io.byokwatch.app.ClusterEvaluator;
import io.byokwatch.app.Scan;
import io.byokwatch.app.ScanReport;
import io.byokwatch.app.VerdictGate;
import io.byokwatch.bootstrap.FileInventory;
import io.byokwatch.domain.Severity;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.render.report.ReportFormat;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.rules.plan.PlanRules;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code byokwatch scan}: evaluate every cluster in the inventory, render, and exit as {@link VerdictGate} decides
 * (the worst finding against {@code --fail-on}, unknown verdicts by {@code --unknown}).
 */
@Command(name = "scan", sortOptions = false,
        description = "Evaluate every cluster in an inventory (files from az, ARM or Resource Graph) and report each broken link.",
        customSynopsis = {"byokwatch scan --inventory PATH [--policy FILE] [--now ISO-8601]",
                "               [--format table|json|sarif|markdown] [--output FILE]",
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

        @Option(names = "--now", paramLabel = "ISO-8601",
                description = "Judge expiry and exemptions as of this time, e.g. 2026-12-01T00:00:00Z (default: now).")
        String now;
    }

    static final class Output {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", completionCandidates = Formats.class,
                description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--output", paramLabel = "FILE", description = "Write the report here instead of stdout.")
        String output;

        @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high", completionCandidates = Levels.class,
                description = "Exit 1 when a finding is at or above this: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        String failOn;

        @Option(names = "--unknown", paramLabel = "pass|fail",
                description = "How a cluster whose verdict is unknown (a high or critical check could not run) counts:"
                        + " fail exits 1 like a finding (default, unless --fail-on none), pass does not.")
        String unknown;
    }

    @ArgGroup(validate = false, heading = "%nInput:%n", order = 1)
    Input input = new Input();

    @ArgGroup(validate = false, heading = "%nOutput:%n", order = 2)
    Output output = new Output();

    private final PrintStream out;
    private final PrintStream err;

    ScanCommand(CliContext cli) {
        this.out = cli.out();
        this.err = cli.err();
    }

    @Override
    public Integer call() {
        Path inventoryPath = Path.of(Flags.required("scan", "--inventory", input.inventory, "examples/estate"));
        String format = Flags.choice("--format", output.format, FORMATS);
        String failOn = Flags.choice("--fail-on", output.failOn, LEVELS);
        Severity failOnSeverity = failOn.equals("none") ? null : Severity.parse(failOn);
        VerdictGate.Unknown unknown = output.unknown != null
                ? VerdictGate.Unknown.parse(Flags.choice("--unknown", output.unknown, List.of("pass", "fail")))
                : VerdictGate.defaultUnknown(failOnSeverity);
        Instant now = input.now != null ? Times.parse("now", input.now) : Instant.now();
        RuleCatalog catalog = RuleCatalog.standard();
        Policy policy = input.policy != null ? new PolicyLoader(PlanRules.withCatalog(catalog)).load(Path.of(input.policy)) : Policy.DEFAULT;

        FileInventory.Loaded loaded = load(inventoryPath, !format.equals("table"));
        ScanReport report = new Scan(new ClusterEvaluator(catalog), Clock.fixed(now, ZoneOffset.UTC))
                .run(loaded.inventory(), policy, loaded.notes());
        VerdictGate.Decision decision = new VerdictGate(failOnSeverity, unknown).decide(report);
        if (decision.exitCode() == VerdictGate.NOTHING_TO_JUDGE) {
            throw new InputException(String.join("; ", decision.reasons()) + " (read " + inventoryPath + ")");
        }
        OutputFile.write(output.output, ReportFormat.parse(format).renderer(catalog).render(report), out, err);
        decision.reasons().forEach(r -> err.println("byokwatch: failing: " + r));
        return decision.exitCode();
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
