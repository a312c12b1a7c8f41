package io.byokwatch.render.access;

import io.byokwatch.render.MarkdownText;
import io.byokwatch.access.AccessReport;
import io.byokwatch.access.Anomaly;
import io.byokwatch.domain.Caller;
import io.byokwatch.domain.Severity;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The access report for a wiki page, a ticket or the terminal: the summary first (a quiet night says so in words),
 * then each anomaly with its explanation, its facts and the KQL to see the raw rows, then what the allowlist hid.
 */
public final class AccessMarkdownRenderer implements AccessReportRenderer {

    @Override
    public String render(AccessReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# byokwatch Key Vault access report\n\n");
        md.append("Window ").append(time(r)).append(", compared with the ").append(r.baselineDays())
                .append(" days before it. Logs: ").append(MarkdownText.text(r.source())).append(".\n\n");
        md.append(AccessSummary.headline(r)).append("\n\n");
        md.append("| Read | |\n| --- | ---: |\n")
                .append("| audit events (baseline and window) | ").append(String.format(Locale.ROOT, "%,d", r.records())).append(" |\n")
                .append("| audit events in the window | ").append(String.format(Locale.ROOT, "%,d", r.windowEvents())).append(" |\n")
                .append("| vaults | ").append(r.vaults()).append(" |\n")
                .append("| keys | ").append(r.keys()).append(" |\n\n");
        md.append("| Severity | Anomalies |\n| --- | ---: |\n");
        for (Severity s : Severity.values()) {
            md.append("| ").append(s.label()).append(" | ").append(r.count(s)).append(" |\n");
        }
        md.append('\n');
        if (!r.operations().isEmpty()) {
            md.append("| Operation in the window | Events |\n| --- | ---: |\n");
            int shown = 0;
            for (Map.Entry<String, Long> e : r.operations().entrySet()) {
                if (shown++ == 10) {
                    md.append("| ").append(r.operations().size() - 10).append(" more | |\n");
                    break;
                }
                md.append("| ").append(MarkdownText.cell(e.getKey())).append(" | ")
                        .append(String.format(Locale.ROOT, "%,d", e.getValue())).append(" |\n");
            }
            md.append('\n');
        }
        anomalies(r, md);
        suppressed(r, md);
        if (!r.notes().isEmpty()) {
            md.append("## Notes\n\n");
            r.notes().forEach(n -> md.append("- ").append(MarkdownText.text(n)).append('\n'));
            md.append('\n');
        }
        return md.toString().stripTrailing() + "\n";
    }

    private static void anomalies(AccessReport r, StringBuilder md) {
        md.append("## Anomalies\n\n");
        if (r.nothingUnusual()) {
            md.append("Nothing unusual.\n\n");
            return;
        }
        int n = 0;
        for (Anomaly a : r.anomalies()) {
            md.append("### ").append(++n).append(". ").append(a.severity().label()).append(": ")
                    .append(MarkdownText.code(a.detector())).append(" on ")
                    .append(MarkdownText.code(AccessSummary.target(a))).append("\n\n");
            md.append(MarkdownText.text(a.explanation())).append("\n\n");
            md.append("**Next:** ").append(MarkdownText.text(AccessActions.of(a))).append("\n\n");
            md.append("| | |\n| --- | --- |\n");
            for (String[] row : facts(a)) {
                md.append("| ").append(row[0]).append(" | ").append(row[1]).append(" |\n");
            }
            md.append("\n<details><summary>Raw audit rows (KQL)</summary>\n\n").append(MarkdownText.fenced("kusto", a.kql()))
                    .append("\n</details>\n\n");
        }
    }

    private static List<String[]> facts(Anomaly a) {
        List<String[]> rows = new ArrayList<>();
        Caller c = a.caller();
        if (!c.anonymous()) {
            rows.add(new String[]{"caller", MarkdownText.cell(AccessSummary.caller(c))});
        }
        rows.add(new String[]{"operation", MarkdownText.code(a.operation())});
        if (a.sourceIp() != null) {
            rows.add(new String[]{"source", MarkdownText.code(a.sourceIp())});
        }
        if (a.evidence().aboutAbsence()) {
            rows.add(new String[]{"expected callers", MarkdownText.cell(DigestText.expected(a).substring("Expected callers: ".length()))});
            rows.add(new String[]{"failures", MarkdownText.cell(DigestText.failures(a))});
            rows.add(new String[]{"baseline", AccessSummary.number(a.baseline()) + " successful in a window like this"});
        } else {
            rows.add(new String[]{"events", a.count() + " (baseline expects " + AccessSummary.number(a.baseline()) + ")"});
        }
        rows.add(new String[]{"first / last", iso(a.firstSeen()) + " / " + iso(a.lastSeen())});
        rows.add(new String[]{"score", AccessSummary.number(a.score())});
        return rows;
    }

    private static void suppressed(AccessReport r, StringBuilder md) {
        if (r.suppressed().isEmpty()) {
            return;
        }
        md.append("## Allowlisted (").append(r.suppressed().size()).append(")\n\n");
        md.append("| Detector | Where | Caller | Reason | Approved by | Until |\n| --- | --- | --- | --- | --- | --- |\n");
        for (AccessReport.Suppressed s : r.suppressed()) {
            md.append("| ").append(MarkdownText.code(s.anomaly().detector()))
                    .append(" | ").append(MarkdownText.code(AccessSummary.target(s.anomaly())))
                    .append(" | ").append(MarkdownText.cell(AccessSummary.caller(s.anomaly().caller())))
                    .append(" | ").append(MarkdownText.cell(s.entry().reason()))
                    .append(" | ").append(MarkdownText.cell(s.entry().approvedBy() == null ? "" : s.entry().approvedBy()))
                    .append(" | ").append(s.entry().expires()).append(" |\n");
        }
        md.append('\n');
    }

    private static String time(AccessReport r) {
        return iso(r.windowStart()) + " to " + iso(r.windowEnd());
    }

    private static String iso(java.time.Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }
}
