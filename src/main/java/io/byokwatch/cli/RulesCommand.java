package io.byokwatch.cli;

import io.byokwatch.render.report.RuleCatalogRenderer;
import io.byokwatch.rules.RuleCatalog;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code byokwatch rules}: the catalog, for people (table) and tools (json). */
final class RulesCommand {
    private final PrintStream out;

    RulesCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> argv) {
        Args args = new Args("rules", argv, Set.of("format"), Set.of(), Set.of());
        String format = args.choice("format", "table", List.of("table", "json"));
        RuleCatalogRenderer renderer = new RuleCatalogRenderer(RuleCatalog.standard());
        out.print(format.equals("json") ? renderer.json() : renderer.table());
        return 0;
    }
}
