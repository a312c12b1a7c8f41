package io.byokwatch.cli;

import io.byokwatch.render.report.RuleCatalogRenderer;
import io.byokwatch.rules.RuleCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code byokwatch rules}: the catalog, for people (table) and tools (json). */
@Command(name = "rules",
        customSynopsis = {"byokwatch rules [--format table|json]"}, description = "List the rule catalog: id, severity, what fails it.")
final class RulesCommand implements Callable<Integer> {
    static final List<String> FORMATS = List.of("table", "json");

    static final class Formats extends java.util.ArrayList<String> {
        Formats() {
            super(FORMATS);
        }
    }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", completionCandidates = Formats.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String format;

    private final CliContext cli;

    RulesCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        String f = Flags.choice("--format", format, FORMATS);
        RuleCatalogRenderer renderer = new RuleCatalogRenderer(RuleCatalog.standard());
        cli.out().print(f.equals("json") ? renderer.json() : renderer.table());
        return 0;
    }
}
