package io.byokwatch.render.plan;

import io.byokwatch.render.ToolVersion;
import io.byokwatch.render.report.ReportFormat;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.rules.plan.PlanRules;

/** The renderer of a plan report for each {@code --format}, the same formats {@code scan} offers. */
public final class PlanFormats {
    private PlanFormats() {
    }

    public static PlanRenderer renderer(ReportFormat format, RuleCatalog catalog, PlanRules planRules) {
        return switch (format) {
            case TABLE -> new PlanTableRenderer();
            case JSON -> new PlanJsonRenderer();
            case SARIF -> new PlanSarifRenderer(catalog, planRules, ToolVersion.current());
            case MARKDOWN -> new PlanMarkdownRenderer();
        };
    }
}
