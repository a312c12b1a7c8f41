package io.byokwatch.cli;

import io.byokwatch.app.ClusterEvaluator;
import io.byokwatch.app.Scan;
import io.byokwatch.app.ScanReport;
import io.byokwatch.bootstrap.FileInventory;
import io.byokwatch.domain.Severity;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.render.report.ReportFormat;
import io.byokwatch.rules.RuleCatalog;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** {@code byokwatch scan}: evaluate every cluster in the inventory, render, and exit by the worst finding. */
final class ScanCommand {
    private final PrintStream out;
    private final PrintStream err;

    ScanCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> argv) {
        Args args = new Args("scan", argv, Set.of("inventory", "policy", "format", "fail-on", "output", "now"), Set.of(), Set.of());
        Path inventoryPath = Path.of(args.required("inventory", "examples/estate"));
        String format = args.choice("format", "table", List.of("table", "json", "sarif", "markdown"));
        String failOn = args.choice("fail-on", "high", List.of("critical", "high", "medium", "low", "none"));
        Instant now = args.has("now") ? Times.parse("now", args.get("now")) : Instant.now();
        RuleCatalog catalog = RuleCatalog.standard();
        Policy policy = args.has("policy") ? new PolicyLoader(catalog.ids()).load(Path.of(args.get("policy"))) : Policy.DEFAULT;

        FileInventory.Loaded loaded = load(inventoryPath, !format.equals("table"));
        ScanReport report = new Scan(new ClusterEvaluator(catalog), Clock.fixed(now, ZoneOffset.UTC))
                .run(loaded.inventory(), policy, loaded.notes());
        OutputFile.write(args.get("output"), ReportFormat.parse(format).renderer(catalog).render(report), out, err);
        Severity worst = report.worst();
        return !failOn.equals("none") && worst != null && worst.atLeast(Severity.parse(failOn)) ? 1 : 0;
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
