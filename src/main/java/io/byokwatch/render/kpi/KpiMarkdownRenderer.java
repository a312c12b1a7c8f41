package io.byokwatch.render.kpi;

import io.byokwatch.domain.Severity;
import io.byokwatch.kpi.ComplianceFigures;
import io.byokwatch.kpi.CostFigures;
import io.byokwatch.kpi.KpiReport;
import io.byokwatch.kpi.RemediationFigures;
import io.byokwatch.kpi.RotationFigures;
import io.byokwatch.kpi.Stats;

import java.util.List;
import java.util.Map;

/** The KPI report as Markdown, for a pull request, a wiki page or an email. */
public final class KpiMarkdownRenderer {
    /** Days of the series a table shows: the rest is in the JSON and on the dashboard. */
    static final int DAYS_SHOWN = 14;
    static final int ROWS_SHOWN = 25;

    private KpiMarkdownRenderer() {
    }

    public static String render(KpiReport r) {
        StringBuilder m = new StringBuilder(8192);
        KpiReport.Headline h = r.headline();
        m.append("# byokwatch KPIs, ").append(KpiText.window(r)).append("\n\n");
        m.append("| Compliant clusters | Mean time to remediate | Keys rotated within ").append(r.rotation().maxAgeDays())
                .append(" days | Key Vault cost (estimate) |\n|---:|---:|---:|---:|\n| ")
                .append(KpiText.percent(h.compliantPercent())).append(" | ").append(KpiText.hours(h.meanHoursToRemediate()))
                .append(" | ").append(KpiText.percent(h.rotatedWithinPolicyPercent())).append(" | ")
                .append(KpiText.money(h.costEstimate(), r.cost().prices().currency())).append(" |\n\n");
        m.append("History: ").append(r.historyEntries()).append(" transitions")
                .append(r.historySince() == null ? "" : " since " + KpiText.minute(r.historySince()))
                .append(r.inventory() == null ? "" : "; inventory: " + cell(r.inventory())).append(".\n\n");
        compliance(r.compliance(), m);
        remediation(r.remediation(), m);
        rotation(r.rotation(), m);
        cost(r.cost(), m);
        if (!r.notes().isEmpty()) {
            m.append("## Notes\n\n");
            r.notes().forEach(n -> m.append("- ").append(n).append('\n'));
            m.append('\n');
        }
        return m.toString();
    }

    private static void compliance(ComplianceFigures c, StringBuilder m) {
        m.append("## Compliance\n\nIn scope: clusters the policy requires a customer-managed key for. Unknown (a link could"
                + " not be read) and exempt clusters count against the compliant share and are shown apart.\n\n");
        m.append("| Day | Compliant | Noncompliant | Unknown | Exempt | In scope | % compliant |\n|---|---:|---:|---:|---:|---:|---:|\n");
        List<ComplianceFigures.Day> days = c.days();
        for (ComplianceFigures.Day d : days.subList(Math.max(0, days.size() - DAYS_SHOWN), days.size())) {
            m.append("| ").append(d.date()).append(" | ").append(d.compliant()).append(" | ").append(d.noncompliant())
                    .append(" | ").append(d.unknown()).append(" | ").append(d.exempt()).append(" | ").append(d.inScope())
                    .append(" | ").append(KpiText.percent(d.percent())).append(" |\n");
        }
        m.append('\n');
        if (!c.byGroup().isEmpty()) {
            m.append("By ").append(c.grouping().label()).append(", at the end of the window:\n\n")
                    .append("| Group | Compliant | Noncompliant | Unknown | Exempt | % compliant |\n|---|---:|---:|---:|---:|---:|\n");
            for (Map.Entry<String, List<ComplianceFigures.Day>> g : c.byGroup().entrySet()) {
                ComplianceFigures.Day d = g.getValue().get(g.getValue().size() - 1);
                m.append("| ").append(cell(g.getKey())).append(" | ").append(d.compliant()).append(" | ").append(d.noncompliant())
                        .append(" | ").append(d.unknown()).append(" | ").append(d.exempt()).append(" | ")
                        .append(KpiText.percent(d.percent())).append(" |\n");
            }
            m.append('\n');
        }
    }

    private static void remediation(RemediationFigures r, StringBuilder m) {
        m.append("## Time to remediate\n\nFrom detection to the first verdict without the finding, for findings fixed in"
                + " the window. Exempted (").append(r.waived()).append(") and deleted (").append(r.deleted())
                .append(") do not count as fixes.\n\n| Severity | Fixed | Mean | Median | 90th percentile | Slowest |\n|---|---:|---:|---:|---:|---:|\n");
        r.bySeverity().forEach((s, st) -> statsRow(m, s.label(), st));
        statsRow(m, "all", r.overall());
        m.append('\n');
        if (!r.byRule().isEmpty()) {
            m.append("| Rule | Severity | Fixed | Median | 90th percentile | Slowest |\n|---|---|---:|---:|---:|---:|\n");
            for (RemediationFigures.RuleStats rs : r.byRule()) {
                m.append("| `").append(rs.ruleId()).append("` | ").append(rs.severity().label()).append(" | ")
                        .append(rs.stats().count()).append(" | ").append(KpiText.duration(rs.stats().p50())).append(" | ")
                        .append(KpiText.duration(rs.stats().p90())).append(" | ").append(KpiText.duration(rs.stats().max()))
                        .append(" |\n");
            }
            m.append('\n');
        }
        m.append("### Open findings: ").append(r.open().size()).append("\n\n| Age | critical | high | medium | low |\n|---|---:|---:|---:|---:|\n");
        for (int i = 0; i < RemediationFigures.AGE_LABELS.size(); i++) {
            m.append("| ").append(RemediationFigures.AGE_LABELS.get(i));
            for (Severity s : Severity.values()) {
                m.append(" | ").append(r.openByAge().get(s)[i]);
            }
            m.append(" |\n");
        }
        m.append('\n');
        if (!r.open().isEmpty()) {
            m.append("| Cluster | Resource | Rule | Severity | Open since | Age |\n|---|---|---|---|---|---:|\n");
            for (RemediationFigures.OpenFinding o : r.open().subList(0, Math.min(ROWS_SHOWN, r.open().size()))) {
                m.append("| ").append(cell(o.clusterName())).append(" | ").append(cell(o.resourceName())).append(" | `")
                        .append(o.ruleId()).append("` | ")
                        .append(o.severity().label()).append(" | ").append(KpiText.minute(o.since())).append(" | ")
                        .append(KpiText.duration(o.age())).append(" |\n");
            }
            if (r.open().size() > ROWS_SHOWN) {
                m.append("\n...and ").append(r.open().size() - ROWS_SHOWN).append(" more in the JSON.\n");
            }
            m.append('\n');
        }
        RemediationFigures.DetectionLatency d = r.detection();
        m.append("### Detection latency\n\nFrom the change (event time) to byokwatch's verdict, against the ")
                .append(KpiText.duration(d.budget())).append(" disks keep working after their key is disabled, deleted or expired: ");
        if (d.stats().count() == 0) {
            m.append("no break was revealed by an event in the window");
        } else {
            m.append(d.withinBudget()).append(" of ").append(d.stats().count()).append(" within it (")
                    .append(KpiText.percent(d.withinBudgetPercent())).append("); median ").append(KpiText.duration(d.stats().p50()))
                    .append(", 90th percentile ").append(KpiText.duration(d.stats().p90())).append(", slowest ")
                    .append(KpiText.duration(d.stats().max()));
        }
        m.append(d.fromSweeps() == 0 ? "." : "; " + d.fromSweeps() + " found by a sweep, whose change time is unknown, are not timed.")
                .append("\n\n");
    }

    private static void rotation(RotationFigures r, StringBuilder m) {
        m.append("## Key rotation\n\n").append(r.withinPolicy()).append(" of ").append(r.judged())
                .append(" keys whose age is known have a version newer than ").append(r.maxAgeDays()).append(" days (")
                .append(KpiText.percent(r.withinPolicyPercent())).append("); ").append(r.onNewest()).append(" of ")
                .append(r.consumers()).append(" consumers use the newest version.\n\n");
        if (r.keys().isEmpty()) {
            m.append("No keys in use were found.\n\n");
            return;
        }
        m.append("| Key | Versions in 365 d | Days since newest | Rotation policy | Consumers on newest | Note |\n|---|---:|---:|---|---|---|\n");
        for (RotationFigures.KeyRotation k : r.keys()) {
            long on = k.consumers().stream().filter(c -> Boolean.TRUE.equals(c.onNewest())).count();
            long known = k.consumers().stream().filter(c -> c.onNewest() != null).count();
            m.append("| `").append(k.key().vaultName()).append('/').append(k.key().name()).append("` | ")
                    .append(k.versionsLastYear() == null ? "unknown" : k.versionsLastYear()).append(" | ")
                    .append(k.daysSinceNewest() == null ? "unknown" : k.daysSinceNewest()).append(" | ").append(k.policy())
                    .append(" | ").append(on).append(" of ").append(known).append(" | ")
                    .append(k.unknown() == null ? "" : cell(k.unknown())).append(" |\n");
        }
        m.append('\n');
    }

    private static void cost(CostFigures c, StringBuilder m) {
        m.append("## Key Vault cost (estimate)\n\n").append(KpiText.money(c.total(), c.prices().currency()))
                .append(" in the window, from ").append(c.source().equals("none") ? "key charges only" : c.source()).append(".\n\n");
        if (!c.byVault().isEmpty()) {
            m.append("| Vault | Estimate |\n|---|---:|\n");
            c.byVault().forEach((v, t) -> m.append("| ").append(cell(v)).append(" | ").append(KpiText.money(t, c.prices().currency())).append(" |\n"));
            m.append('\n');
        }
        c.notes().forEach(n -> m.append("- ").append(n).append('\n'));
        m.append('\n');
    }

    private static void statsRow(StringBuilder m, String label, Stats s) {
        m.append("| ").append(label).append(" | ").append(s.count()).append(" | ").append(KpiText.duration(s.mean())).append(" | ")
                .append(KpiText.duration(s.p50())).append(" | ").append(KpiText.duration(s.p90())).append(" | ")
                .append(KpiText.duration(s.max())).append(" |\n");
    }

    /** Text from resource names and tags inside a table cell: pipes and line breaks would break the table. */
    static String cell(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replaceAll("[\\r\\n]+", " ")
                .replace("<", "&lt;").replace(">", "&gt;");
    }
}
