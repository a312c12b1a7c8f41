package io.byokwatch.render.plan;

import io.byokwatch.app.PlanReport;
import io.byokwatch.app.ScanReport;
import io.byokwatch.domain.Finding;
import io.byokwatch.port.PlanGap;
import io.byokwatch.port.PlanResolution;
import io.byokwatch.port.PlannedResource;
import io.byokwatch.render.TextWrap;
import io.byokwatch.render.report.TableRenderer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The terminal report of a plan: what the change does and, before anything else, what it destroys; then the scan
 * table of the clusters it creates or reaches; then where in the plan each finding is fixed, findings on resources
 * that belong to no known cluster, and what the plan leaves open.
 */
public final class PlanTableRenderer implements PlanRenderer {
    private static final int WIDTH = TableRenderer.DEFAULT_WIDTH;

    @Override
    public String render(PlanReport report) {
        List<String> out = new ArrayList<>();
        out.addAll(wrap("byokwatch plan of " + report.source() + " (" + report.format() + "): " + counts(report), "", "  "));
        if (!report.replacements().isEmpty()) {
            out.add("");
            out.add("!! DESTRUCTIVE CHANGES: read before applying");
            for (PlanReport.Replacement r : report.replacements()) {
                PlannedResource res = r.resource();
                String where = res.location() == null ? "" : " (" + res.location().file() + ":" + res.location().line() + ")";
                out.addAll(wrap("!! " + res.address() + where + ": " + r.consequence(), "", "   "));
            }
        }
        out.add("");
        String scan = new TableRenderer().render(report.scan());
        out.addAll(List.of(scan.stripTrailing().replaceFirst("^byokwatch scan at", "evaluated at").split("\n", -1)));
        where(report, out);
        if (!report.unattached().isEmpty()) {
            out.add("");
            out.add("Findings on resources the plan does not tie to a cluster:");
            for (ScanReport.SharedFinding s : report.unattached()) {
                Finding f = s.finding();
                PlanPlace place = PlanPlace.of(report, f.resourceId(), List.of());
                out.addAll(wrap("[" + f.severity().label().toUpperCase(java.util.Locale.ROOT) + "] " + f.ruleId() + ": "
                        + f.message() + (place == null ? "" : " (" + place.address() + ")"), "    ", "        "));
            }
        }
        if (!report.notEvaluated().isEmpty()) {
            out.add("");
            out.add("Left open by the plan:");
            for (PlanGap g : report.notEvaluated()) {
                out.addAll(wrap(g.address() + ": " + g.reason(), "    ", "        "));
            }
        }
        long atApply = report.resolutions().stream().filter(PlanResolution::atApply).count();
        if (atApply > 0) {
            out.add("");
            out.addAll(wrap(atApply + " value" + (atApply == 1 ? " is" : "s are") + " known only after apply and were followed"
                    + " through the plan's references (ids, principal ids, key versions); --format json lists them under"
                    + " plan.resolved.", "", ""));
        }
        return String.join("\n", out) + "\n";
    }

    /** One line per finding: the rule, the resource, and the plan address (file:line) where the fix goes. */
    private static void where(PlanReport report, List<String> out) {
        Set<String> lines = new LinkedHashSet<>();
        for (ScanReport.SharedFinding s : report.scan().findings()) {
            PlanPlace place = PlanPlace.of(report, s.finding().resourceId(), s.clusterIds());
            if (place == null) {
                continue;
            }
            String at = place.where().isEmpty() ? "" : " (" + place.where() + ")";
            String outside = place.action().equals("outside") ? "referred to by " : "";
            lines.add(s.finding().ruleId() + " on " + s.finding().resourceId().name() + ": " + outside + place.address() + at);
        }
        if (lines.isEmpty()) {
            return;
        }
        out.add("");
        out.add("Where to fix in the plan:");
        lines.forEach(l -> out.addAll(wrap(l, "    ", "        ")));
    }

    static String counts(PlanReport report) {
        Map<PlannedResource.Action, Integer> counts = report.countsByAction();
        List<String> parts = new ArrayList<>();
        for (PlannedResource.Action a : List.of(PlannedResource.Action.CREATE, PlannedResource.Action.UPDATE,
                PlannedResource.Action.REPLACE, PlannedResource.Action.DEPLOY, PlannedResource.Action.DELETE,
                PlannedResource.Action.READ)) {
            if (counts.getOrDefault(a, 0) > 0) {
                parts.add(counts.get(a) + " to " + (a == PlannedResource.Action.READ ? "read" : a.label()));
            }
        }
        return parts.isEmpty() ? "nothing byokwatch judges changes" : String.join(", ", parts)
                + " among the resources byokwatch judges";
    }

    private static List<String> wrap(String text, String first, String hanging) {
        return TextWrap.wrap(text, WIDTH, first, hanging);
    }
}
