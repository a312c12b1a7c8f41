package io.byokwatch.render.kpi;

import io.byokwatch.domain.Severity;
import io.byokwatch.kpi.ComplianceFigures;
import io.byokwatch.kpi.CostFigures;
import io.byokwatch.kpi.KpiReport;
import io.byokwatch.kpi.RemediationFigures;
import io.byokwatch.kpi.RotationFigures;
import io.byokwatch.kpi.Stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The KPI dashboard: one self-contained page (inline CSS and SVG, no script, a content security policy that forbids
 * every fetch) that reads on a wide screen and on a phone. Four headline tiles, then compliance over time, open
 * findings by age and severity, time to remediate per severity, keys by rotation age and cost by vault; each chart has
 * a title, axis labels and a sentence saying what it shows, and each table turns into stacked cards on a narrow screen.
 */
public final class KpiHtmlRenderer {
    static final int ROWS_SHOWN = 50;
    static final List<String> SEVERITY_COLORS = List.of("#b42318", "#e04f16", "#f79009", "#98a2b3");
    private static final String CSS = """
            *{box-sizing:border-box}
            body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#101828;margin:0;background:#f9fafb;line-height:1.45}
            main{max-width:1120px;margin:0 auto;padding:20px 16px 40px}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px}h3{font-size:16px;margin:20px 0 6px}
            p,li,td,th,figcaption{overflow-wrap:anywhere}
            .meta{color:#475467;font-size:14px;margin:0 0 16px}
            .tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:12px;margin:12px 0}
            .tile{background:#fff;border:1px solid #eaecf0;border-radius:10px;padding:14px 16px}
            .tile .label{display:block;font-size:14px;color:#475467}
            .tile .value{display:block;font-size:34px;font-weight:700;margin:2px 0}
            .tile .sub{display:block;font-size:13px;color:#475467}
            .estimate{display:inline-block;font-size:12px;font-weight:600;color:#93370d;background:#fef0c7;border-radius:4px;padding:0 6px;margin-left:6px;vertical-align:middle}
            .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px}
            figure{margin:0;background:#fff;border:1px solid #eaecf0;border-radius:10px;padding:12px;min-width:0}
            figure svg{display:block;width:100%;max-width:640px;height:auto;margin:0 auto}
            figcaption{font-size:14px;color:#344054;margin-top:8px}
            section{min-width:0}
            table{border-collapse:collapse;width:100%;font-size:14px;margin:10px 0;background:#fff}
            th,td{border:1px solid #eaecf0;padding:6px 8px;text-align:left;vertical-align:top}
            th{background:#f2f4f7}td.n{text-align:right;white-space:nowrap}
            code{font-family:ui-monospace,Consolas,Menlo,monospace;font-size:13px}
            .sev{display:inline-block;border-radius:4px;padding:0 6px;color:#fff;font-size:12px;font-weight:600}
            .critical{background:#b42318}.high{background:#c4320a}.medium{background:#b54708}.low{background:#475467}
            .good{color:#067647}.bad{color:#b42318}.muted{color:#475467}
            .notes li{margin:4px 0}
            @media (max-width:640px){
              main{padding:14px 10px 32px}
              .tile .value{font-size:30px}
              table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
              table.cards thead{display:none}
              table.cards tr{border:1px solid #eaecf0;border-radius:8px;margin:0 0 10px;background:#fff;padding:4px 0}
              table.cards td{border:0;border-bottom:1px solid #f2f4f7;display:flex;justify-content:space-between;gap:12px;text-align:right;white-space:normal}
              table.cards td:last-child{border-bottom:0}
              table.cards td::before{content:attr(data-label);font-weight:600;color:#475467;text-align:left;flex:0 0 auto;max-width:45%}
            }
            """;

    private KpiHtmlRenderer() {
    }

    public static String render(KpiReport r) {
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                // the page is read offline and in mail: it may fetch nothing at all, whatever a name in it says
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>byokwatch KPIs ").append(Html.esc(KpiText.window(r))).append("</title><style>").append(CSS)
                .append("</style></head><body><main>\n");
        h.append("<h1>Customer-managed key KPIs</h1>\n<p class=\"meta\">").append(Html.esc(KpiText.window(r)))
                .append(" (UTC) \u00b7 generated ").append(Html.esc(KpiText.minute(r.generatedAt()))).append(" \u00b7 ")
                .append(r.historyEntries()).append(" recorded transitions")
                .append(r.historySince() == null ? "" : " since " + Html.esc(KpiText.minute(r.historySince())))
                .append(r.inventory() == null ? "" : " \u00b7 inventory " + Html.esc(r.inventory())).append("</p>\n");
        tiles(r, h);
        compliance(r.compliance(), h);
        remediation(r.remediation(), h);
        rotation(r.rotation(), h);
        cost(r.cost(), h);
        if (!r.notes().isEmpty()) {
            h.append("<section id=\"notes\"><h2>Notes</h2><ul class=\"notes\">");
            r.notes().forEach(n -> h.append("<li>").append(Html.esc(n)).append("</li>"));
            h.append("</ul></section>\n");
        }
        return h.append("</main></body></html>\n").toString();
    }

    private static void tiles(KpiReport r, StringBuilder h) {
        KpiReport.Headline k = r.headline();
        ComplianceFigures.Day today = r.compliance().latest();
        h.append("<section class=\"tiles\" aria-label=\"Headline figures\">");
        tile(h, "kpi-compliant", "Compliant clusters", KpiText.percent(k.compliantPercent()), today == null ? "no cluster judged yet"
                : today.compliant() + " of " + today.inScope() + " in scope \u00b7 " + today.unknown() + " unknown \u00b7 "
                + today.exempt() + " exempt", false);
        Stats all = r.remediation().overall();
        tile(h, "kpi-mttr", "Mean time to remediate", KpiText.hours(k.meanHoursToRemediate()), all.count() == 0
                ? "no finding fixed in the window" : all.count() + " fixed \u00b7 median " + KpiText.duration(all.p50())
                + " \u00b7 " + r.remediation().open().size() + " open", false);
        RotationFigures rot = r.rotation();
        tile(h, "kpi-rotation", "Keys rotated within " + rot.maxAgeDays() + " days", KpiText.percent(k.rotatedWithinPolicyPercent()),
                rot.withinPolicy() + " of " + rot.judged() + " keys with a known age \u00b7 " + rot.keys().size() + " in use", false);
        CostFigures c = r.cost();
        tile(h, "kpi-cost", "Key Vault cost of AKS encryption", KpiText.money(k.costEstimate(), c.prices().currency()),
                "in the window \u00b7 list prices of " + c.prices().asOf(), true);
        h.append("</section>\n");
    }

    private static void tile(StringBuilder h, String id, String label, String value, String sub, boolean estimate) {
        h.append("<div class=\"tile\" id=\"").append(id).append("\"><span class=\"label\">").append(Html.esc(label))
                .append(estimate ? "<span class=\"estimate\">estimate</span>" : "").append("</span><span class=\"value\">")
                .append(Html.esc(value)).append("</span><span class=\"sub\">").append(Html.esc(sub)).append("</span></div>");
    }

    private static void compliance(ComplianceFigures c, StringBuilder h) {
        h.append("<section id=\"compliance\"><h2>Compliance over time</h2>\n<p class=\"muted\">Share of in-scope clusters"
                + " (the policy requires a customer-managed key) whose every link was seen and holds, at the end of each UTC"
                + " day. Unknown and exempt clusters count against it.</p>\n<div class=\"charts\"><figure>");
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (ComplianceFigures.Day d : c.days()) {
            labels.add(d.date().toString().substring(5));
            values.add(d.percent());
        }
        String text = complianceText(c);
        Charts.line(h, "chart-compliance", "Compliant clusters per day", text, new Charts.Line(labels, values, 100, "%"),
                "Day (UTC, month-day)", "% compliant");
        h.append("<figcaption>").append(Html.esc(text)).append("</figcaption></figure></div>\n");
        h.append("<table class=\"cards\" id=\"table-compliance\"><thead><tr><th>").append(c.byGroup().isEmpty() ? "Day"
                : Html.esc("Group (" + c.grouping().label() + ")")).append("</th><th>Compliant</th><th>Noncompliant</th>")
                .append("<th>Unknown</th><th>Exempt</th><th>In scope</th><th>% compliant</th></tr></thead><tbody>");
        if (c.byGroup().isEmpty()) {
            List<ComplianceFigures.Day> days = c.days();
            for (ComplianceFigures.Day d : days.subList(Math.max(0, days.size() - 7), days.size())) {
                dayRow(h, "Day", d.date().toString(), d);
            }
        } else {
            for (Map.Entry<String, List<ComplianceFigures.Day>> g : c.byGroup().entrySet()) {
                dayRow(h, "Group", g.getKey(), g.getValue().get(g.getValue().size() - 1));
            }
        }
        h.append("</tbody></table></section>\n");
    }

    static String complianceText(ComplianceFigures c) {
        ComplianceFigures.Day d = c.latest();
        if (d == null || d.inScope() == 0) {
            return "No in-scope cluster had been judged by the end of the window.";
        }
        double lo = 100;
        double hi = 0;
        for (ComplianceFigures.Day day : c.days()) {
            if (day.percent() != null) {
                lo = Math.min(lo, day.percent());
                hi = Math.max(hi, day.percent());
            }
        }
        return "On " + d.date() + ", " + KpiText.percent(d.percent()) + " of " + d.inScope() + " in-scope clusters were compliant ("
                + d.compliant() + " compliant, " + d.noncompliant() + " noncompliant, " + d.unknown() + " unknown, " + d.exempt()
                + " exempt); over " + c.days().size() + (c.days().size() == 1 ? " day" : " days") + " it ranged from "
                + KpiText.percent(lo) + " to " + KpiText.percent(hi) + ".";
    }

    private static void dayRow(StringBuilder h, String firstLabel, String first, ComplianceFigures.Day d) {
        h.append("<tr><td data-label=\"").append(firstLabel).append("\">").append(Html.esc(first)).append("</td>");
        cell(h, "Compliant", String.valueOf(d.compliant()));
        cell(h, "Noncompliant", String.valueOf(d.noncompliant()));
        cell(h, "Unknown", String.valueOf(d.unknown()));
        cell(h, "Exempt", String.valueOf(d.exempt()));
        cell(h, "In scope", String.valueOf(d.inScope()));
        cell(h, "% compliant", KpiText.percent(d.percent()));
        h.append("</tr>");
    }

    private static void remediation(RemediationFigures r, StringBuilder h) {
        h.append("<section id=\"remediation\"><h2>Remediation</h2>\n<div class=\"charts\"><figure>");
        List<Charts.Bar> ages = new ArrayList<>();
        for (int i = 0; i < RemediationFigures.AGE_LABELS.size(); i++) {
            double[] parts = new double[Severity.values().length];
            for (Severity s : Severity.values()) {
                parts[s.ordinal()] = r.openByAge().get(s)[i];
            }
            ages.add(new Charts.Bar(RemediationFigures.AGE_LABELS.get(i).replace(" days", " d").replace(" day", " d"), parts, null));
        }
        String openText = openText(r);
        Charts.columns(h, "chart-open", "Open findings by age and severity", openText, ages, severityLabels(),
                SEVERITY_COLORS, "Age of the finding", "Open findings", "");
        h.append("<figcaption>").append(Html.esc(openText)).append("</figcaption></figure><figure>");
        List<Charts.Bar> mttr = new ArrayList<>();
        for (Severity s : Severity.values()) {
            Stats st = r.bySeverity().get(s);
            double p50 = st.p50() == null ? 0 : st.p50().toSeconds() / 3600.0;
            double p90 = st.p90() == null ? 0 : st.p90().toSeconds() / 3600.0;
            mttr.add(new Charts.Bar(s.label(), new double[]{p50, Math.max(0, p90 - p50)}, null));
        }
        String mttrText = mttrText(r);
        Charts.columns(h, "chart-mttr", "Time to remediate per severity", mttrText, mttr,
                List.of("median", "to 90th percentile"), List.of("#1570ef", "#b2ddff"), "Severity", "Hours", "h");
        h.append("<figcaption>").append(Html.esc(mttrText)).append("</figcaption></figure></div>\n");
        RemediationFigures.DetectionLatency d = r.detection();
        h.append("<h3>Detection latency</h3><p id=\"detection\">").append(Html.esc(detectionText(d))).append("</p>\n");
        if (!r.byRule().isEmpty()) {
            h.append("<h3>Time to remediate per rule</h3><table class=\"cards\" id=\"table-rules\"><thead><tr><th>Rule</th>")
                    .append("<th>Severity</th><th>Fixed</th><th>Median</th><th>90th percentile</th><th>Slowest</th></tr></thead><tbody>");
            for (RemediationFigures.RuleStats rs : r.byRule()) {
                h.append("<tr><td data-label=\"Rule\"><code>").append(Html.esc(rs.ruleId())).append("</code></td>");
                h.append("<td data-label=\"Severity\">").append(badge(rs.severity())).append("</td>");
                cell(h, "Fixed", String.valueOf(rs.stats().count()));
                cell(h, "Median", KpiText.duration(rs.stats().p50()));
                cell(h, "90th percentile", KpiText.duration(rs.stats().p90()));
                cell(h, "Slowest", KpiText.duration(rs.stats().max()));
                h.append("</tr>");
            }
            h.append("</tbody></table>\n");
        }
        if (!r.open().isEmpty()) {
            h.append("<h3>Oldest open findings</h3><table class=\"cards\" id=\"table-open\"><thead><tr><th>Cluster</th>")
                    .append("<th>Resource</th><th>Rule</th><th>Severity</th><th>Open since</th><th>Age</th></tr></thead><tbody>");
            for (RemediationFigures.OpenFinding o : r.open().subList(0, Math.min(ROWS_SHOWN, r.open().size()))) {
                h.append("<tr><td data-label=\"Cluster\">").append(Html.esc(o.clusterName())).append("</td><td data-label=\"Resource\">")
                        .append(Html.esc(o.resourceName())).append("</td><td data-label=\"Rule\"><code>")
                        .append(Html.esc(o.ruleId())).append("</code></td><td data-label=\"Severity\">").append(badge(o.severity()))
                        .append("</td>");
                cell(h, "Open since", KpiText.minute(o.since()));
                cell(h, "Age", KpiText.duration(o.age()));
                h.append("</tr>");
            }
            h.append("</tbody></table>");
            if (r.open().size() > ROWS_SHOWN) {
                h.append("<p class=\"muted\">\u2026and ").append(r.open().size() - ROWS_SHOWN).append(" more in the JSON (--format json).</p>");
            }
        }
        h.append("</section>\n");
    }

    static String openText(RemediationFigures r) {
        if (r.open().isEmpty()) {
            return "No finding is open at the end of the window.";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < RemediationFigures.AGE_LABELS.size(); i++) {
            int n = 0;
            for (Severity s : Severity.values()) {
                n += r.openByAge().get(s)[i];
            }
            if (n > 0) {
                parts.add(n + " " + RemediationFigures.AGE_LABELS.get(i) + " old");
            }
        }
        List<String> sev = new ArrayList<>();
        for (Severity s : Severity.values()) {
            int n = 0;
            for (int c : r.openByAge().get(s)) {
                n += c;
            }
            if (n > 0) {
                sev.add(n + " " + s.label());
            }
        }
        return r.open().size() + " open " + (r.open().size() == 1 ? "finding" : "findings") + ": " + String.join(", ", parts)
                + "; by severity " + String.join(", ", sev) + ".";
    }

    static String mttrText(RemediationFigures r) {
        if (r.overall().count() == 0) {
            return "No finding was fixed in the window, so there is no time to remediate yet.";
        }
        List<String> parts = new ArrayList<>();
        r.bySeverity().forEach((s, st) -> {
            if (st.count() > 0) {
                parts.add(s.label() + ": " + st.count() + " fixed, median " + KpiText.duration(st.p50()) + ", 90th percentile "
                        + KpiText.duration(st.p90()));
            }
        });
        return String.join("; ", parts) + ". Exempted (" + r.waived() + ") and deleted (" + r.deleted()
                + ") do not count as fixes.";
    }

    static String detectionText(RemediationFigures.DetectionLatency d) {
        String sweeps = d.fromSweeps() == 0 ? "" : " " + d.fromSweeps() + " found by a scheduled sweep are not timed: when"
                + " they happened is unknown.";
        if (d.stats().count() == 0) {
            return "No break was revealed by an event in the window." + sweeps;
        }
        return d.withinBudget() + " of " + d.stats().count() + " breaks revealed by an event (" + KpiText.percent(d.withinBudgetPercent())
                + ") were detected within " + KpiText.duration(d.budget()) + ", the time disks keep working after their key is"
                + " disabled, deleted or expired: median " + KpiText.duration(d.stats().p50()) + ", slowest "
                + KpiText.duration(d.stats().max()) + "." + sweeps;
    }

    private static void rotation(RotationFigures r, StringBuilder h) {
        h.append("<section id=\"rotation\"><h2>Key rotation</h2>\n");
        String text = rotationText(r);
        if (!r.keys().isEmpty()) {
            List<Charts.Bar> bars = new ArrayList<>();
            for (RotationFigures.KeyRotation k : r.keys().subList(0, Math.min(20, r.keys().size()))) {
                String name = k.key().vaultName() + "/" + k.key().name();
                bars.add(k.daysSinceNewest() == null ? new Charts.Bar(name, new double[0], null)
                        : new Charts.Bar(name, new double[]{k.daysSinceNewest()}, name + ": newest version "
                        + k.daysSinceNewest() + " days old"));
            }
            h.append("<div class=\"charts\"><figure>");
            Charts.rows(h, "chart-rotation", "Keys by days since their newest version", text, bars, "#1570ef", "#b42318",
                    (double) r.maxAgeDays(), "policy: " + r.maxAgeDays() + " d", "Days since the newest version", "d");
            h.append("<figcaption>").append(Html.esc(text)).append("</figcaption></figure></div>\n");
            h.append("<table class=\"cards\" id=\"table-keys\"><thead><tr><th>Key</th><th>Versions in 365 d</th>")
                    .append("<th>Days since newest</th><th>Rotation policy</th><th>Consumers on newest</th><th>Note</th></tr></thead><tbody>");
            for (RotationFigures.KeyRotation k : r.keys()) {
                long on = k.consumers().stream().filter(c -> Boolean.TRUE.equals(c.onNewest())).count();
                long known = k.consumers().stream().filter(c -> c.onNewest() != null).count();
                h.append("<tr><td data-label=\"Key\"><code>").append(Html.esc(k.key().vaultName() + "/" + k.key().name()))
                        .append("</code></td>");
                cell(h, "Versions in 365 d", k.versionsLastYear() == null ? "unknown" : String.valueOf(k.versionsLastYear()));
                h.append("<td class=\"n\" data-label=\"Days since newest\"><span class=\"")
                        .append(k.withinPolicy() == null ? "muted" : k.withinPolicy() ? "good" : "bad").append("\">")
                        .append(k.daysSinceNewest() == null ? "unknown" : k.daysSinceNewest()).append("</span></td>");
                h.append("<td data-label=\"Rotation policy\">").append(Html.esc(k.policy())).append("</td>");
                cell(h, "Consumers on newest", on + " of " + known + (known < k.consumers().size()
                        ? " (" + (k.consumers().size() - known) + " unknown)" : ""));
                h.append("<td data-label=\"Note\">").append(Html.esc(k.unknown() == null ? "" : k.unknown())).append("</td></tr>");
            }
            h.append("</tbody></table>\n");
        } else {
            h.append("<p>").append(Html.esc(text)).append("</p>\n");
        }
        h.append("</section>\n");
    }

    static String rotationText(RotationFigures r) {
        if (r.keys().isEmpty()) {
            return "No key in use was found: give an inventory to see rotation.";
        }
        return r.withinPolicy() + " of " + r.judged() + " keys whose age is known (" + KpiText.percent(r.withinPolicyPercent())
                + ") have a version newer than " + r.maxAgeDays() + " days; " + (r.keys().size() - r.judged())
                + " of " + r.keys().size() + " keys in use have no known age. " + r.onNewest() + " of " + r.consumers()
                + " consumers whose version is known use the newest one.";
    }

    private static void cost(CostFigures c, StringBuilder h) {
        h.append("<section id=\"cost\"><h2>Key Vault cost of AKS encryption <span class=\"estimate\">estimate</span></h2>\n");
        String text = costText(c);
        if (!c.byVault().isEmpty()) {
            List<Charts.Bar> bars = new ArrayList<>();
            c.byVault().forEach((v, t) -> bars.add(new Charts.Bar(v, new double[]{t}, v + ": " + KpiText.money(t, c.prices().currency()))));
            h.append("<div class=\"charts\"><figure>");
            Charts.rows(h, "chart-cost", "Estimated cost by vault", text, bars, "#7a5af8", "#7a5af8", null, null,
                    "Estimate (" + c.prices().currency() + ")", "$");
            h.append("<figcaption>").append(Html.esc(text)).append("</figcaption></figure></div>\n");
            h.append("<table class=\"cards\" id=\"table-cost\"><thead><tr><th>Month</th><th>Vault</th><th>Key</th>")
                    .append("<th>Operations</th><th>Rotations</th><th>HSM key-months</th><th>Estimate</th></tr></thead><tbody>");
            for (CostFigures.Line l : c.lines()) {
                h.append("<tr>");
                cell(h, "Month", l.month().toString());
                h.append("<td data-label=\"Vault\">").append(Html.esc(l.vault())).append("</td><td data-label=\"Key\">")
                        .append(Html.esc(l.key() == null ? "(whole vault)" : l.key())).append("</td>");
                cell(h, "Operations", KpiText.count(l.operations()));
                cell(h, "Rotations", String.valueOf(l.rotations()));
                cell(h, "HSM key-months", String.format(java.util.Locale.ROOT, "%.2f", l.keyMonths()));
                cell(h, "Estimate", KpiText.money(l.total(), c.prices().currency()));
                h.append("</tr>");
            }
            h.append("</tbody></table>\n");
        } else {
            h.append("<p>").append(Html.esc(text)).append("</p>\n");
        }
        h.append("<ul class=\"notes\">");
        c.notes().forEach(n -> h.append("<li>").append(Html.esc(n)).append("</li>"));
        h.append("</ul></section>\n");
    }

    static String costText(CostFigures c) {
        if (c.byVault().isEmpty()) {
            return "Nothing to price: no operations were counted and no HSM-protected key is in use.";
        }
        Map.Entry<String, Double> top = c.byVault().entrySet().iterator().next();
        return "An estimated " + KpiText.money(c.total(), c.prices().currency()) + " in the window across " + c.byVault().size()
                + (c.byVault().size() == 1 ? " vault" : " vaults") + "; the largest is " + top.getKey() + " at "
                + KpiText.money(top.getValue(), c.prices().currency()) + ".";
    }

    private static List<String> severityLabels() {
        List<String> out = new ArrayList<>();
        for (Severity s : Severity.values()) {
            out.add(s.label());
        }
        return out;
    }

    private static String badge(Severity s) {
        return "<span class=\"sev " + s.label() + "\">" + s.label() + "</span>";
    }

    private static void cell(StringBuilder h, String label, String value) {
        h.append("<td class=\"n\" data-label=\"").append(Html.esc(label)).append("\">").append(Html.esc(value)).append("</td>");
    }
}
