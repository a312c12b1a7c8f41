package io.byokwatch.render.plan;

import io.byokwatch.app.PlanReport;
import io.byokwatch.app.ScanReport;
import io.byokwatch.domain.Finding;
import io.byokwatch.port.PlanGap;
import io.byokwatch.port.PlanResolution;
import io.byokwatch.port.PlannedResource;
import io.byokwatch.render.MarkdownText;
import io.byokwatch.render.report.MarkdownRenderer;

import java.util.List;

/**
 * The Markdown report of a plan, for a pull-request comment: destructive changes first as a warning, then the scan
 * report of the clusters the change creates or reaches, then where each finding is fixed in the plan.
 */
public final class PlanMarkdownRenderer implements PlanRenderer {

    @Override
    public String render(PlanReport report) {
        StringBuilder md = new StringBuilder("# byokwatch plan report\n\n");
        md.append(MarkdownText.code(report.source())).append(" (").append(report.format()).append("): ")
                .append(MarkdownText.text(PlanTableRenderer.counts(report))).append(".\n\n");
        if (!report.replacements().isEmpty()) {
            md.append("> [!WARNING]\n> **This change destroys resources a cluster's encryption depends on.**\n>\n");
            for (PlanReport.Replacement r : report.replacements()) {
                PlannedResource res = r.resource();
                md.append("> - ").append(MarkdownText.code(res.address()));
                if (res.location() != null) {
                    md.append(" (").append(MarkdownText.code(res.location().file() + ":" + res.location().line())).append(")");
                }
                md.append(": ").append(MarkdownText.text(r.consequence())).append('\n');
            }
            md.append('\n');
        }
        String scan = new MarkdownRenderer().render(report.scan());
        md.append(scan.replaceFirst("^# byokwatch scan report\\n\\n", "").replaceFirst("^Scanned at ", "Evaluated at ").replace("\n## ", "\n### ").replaceFirst("^## ", "### "));
        where(report, md);
        if (!report.unattached().isEmpty()) {
            md.append("\n## Findings on resources the plan does not tie to a cluster\n\n");
            for (ScanReport.SharedFinding s : report.unattached()) {
                Finding f = s.finding();
                md.append("- **").append(f.severity().label()).append("** ").append(MarkdownText.code(f.ruleId())).append(": ")
                        .append(MarkdownText.text(f.message())).append('\n');
                md.append(MarkdownText.fenced("", f.remediation())).append('\n');
            }
        }
        if (!report.notEvaluated().isEmpty()) {
            md.append("\n## Left open by the plan\n\n");
            for (PlanGap g : report.notEvaluated()) {
                md.append("- ").append(MarkdownText.code(g.address())).append(": ").append(MarkdownText.text(g.reason())).append('\n');
            }
        }
        List<PlanResolution> resolved = report.resolutions();
        if (!resolved.isEmpty()) {
            md.append("\n<details><summary>Values followed through the plan (").append(resolved.size()).append(")</summary>\n\n");
            md.append("| Attribute | Refers to | Taken as |\n| --- | --- | --- |\n");
            for (PlanResolution r : resolved) {
                md.append("| ").append(MarkdownText.code(r.address() + "." + r.attribute())).append(" | ")
                        .append(MarkdownText.code(r.reference())).append(" | ")
                        .append(r.value() == null ? "" : MarkdownText.code(r.value()))
                        .append(r.atApply() ? " (known after apply)" : "").append(" |\n");
            }
            md.append("\n</details>\n");
        }
        return md.toString().stripTrailing() + "\n";
    }

    private static void where(PlanReport report, StringBuilder md) {
        StringBuilder rows = new StringBuilder();
        for (ScanReport.SharedFinding s : report.scan().findings()) {
            PlanPlace place = PlanPlace.of(report, s.finding().resourceId(), s.clusterIds());
            if (place == null) {
                continue;
            }
            rows.append("| ").append(MarkdownText.code(s.finding().ruleId())).append(" | ")
                    .append(MarkdownText.cell(s.finding().resourceId().name())).append(" | ")
                    .append(place.action().equals("outside") ? "referred to by " : "").append(MarkdownText.code(place.address()))
                    .append(" | ").append(place.where().isEmpty() ? "" : MarkdownText.code(place.where())).append(" |\n");
        }
        if (rows.length() > 0) {
            md.append("\n## Where to fix in the plan\n\n| Rule | Resource | Plan address | File |\n| --- | --- | --- | --- |\n")
                    .append(rows);
        }
    }
}
