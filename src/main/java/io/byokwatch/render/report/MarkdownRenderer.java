package io.byokwatch.render.report;

import io.byokwatch.render.JsonValues;
import io.byokwatch.render.MarkdownText;
import io.byokwatch.render.PrettyJson;
import io.byokwatch.render.ResourceNames;
import com.google.gson.JsonElement;
import io.byokwatch.app.ScanReport;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Exempted;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A report for a pull-request comment or a wiki page: summary tables, the clusters, then one section per finding
 * with its remediation as a copyable bash block; a rule with many findings is one section with an example and a
 * table (see {@link #group}). Plain text statuses (no emoji) so that it reads the same in any renderer and in the raw
 * source.
 */
public final class MarkdownRenderer implements ReportRenderer {
    /** A rule with more findings than this is shown once with an example and a table, not finding by finding. */
    static final int GROUP_ABOVE = 5;
    private static final int CLUSTERS_PER_ROW = 3;

    @Override
    public String render(ScanReport report) {
        StringBuilder md = new StringBuilder();
        ScanReport.Summary s = report.summary();
        md.append("# byokwatch scan report\n\n");
        md.append("Scanned at ").append(DateTimeFormatter.ISO_INSTANT.format(report.generatedAt())).append(": ")
                .append(ResourceNames.clusters(s.clusters())).append(", ").append(report.findings().size())
                .append(report.findings().size() == 1 ? " finding" : " findings")
                .append(" (each counted once, however many clusters share it).\n\n");
        policyWarnings(report, md);
        summaryTables(s, md);
        clusters(report, md);
        findings(report, md);
        exemptions(report, md);
        notEvaluated(report, md);
        notes(report, md);
        return md.toString().stripTrailing() + "\n";
    }

    private static void summaryTables(ScanReport.Summary s, StringBuilder md) {
        md.append("| Cluster status | Clusters |\n| --- | ---: |\n");
        for (ClusterStatus status : ClusterOrder.BY_ATTENTION) {
            md.append("| ").append(status.label()).append(" | ").append(s.count(status)).append(" |\n");
        }
        md.append("| **total** | **").append(s.clusters()).append("** |\n\n");
        md.append("| Severity | Findings |\n| --- | ---: |\n");
        for (Severity severity : Severity.values()) {
            md.append("| ").append(severity.label()).append(" | ").append(s.count(severity)).append(" |\n");
        }
        md.append('\n');
    }

    private static void clusters(ScanReport report, StringBuilder md) {
        md.append("## Clusters\n\n");
        if (report.clusters().isEmpty()) {
            md.append("No clusters in scope.\n\n");
            return;
        }
        md.append("| Status | Cluster | Subscription | Resource group | Findings |\n");
        md.append("| --- | --- | --- | --- | ---: |\n");
        for (ClusterVerdict v : report.clusters().stream().sorted(ClusterOrder.ATTENTION_FIRST).toList()) {
            md.append("| ").append(v.status().label())
                    .append(" | ").append(MarkdownText.cell(v.name()))
                    .append(" | ").append(MarkdownText.code(v.subscriptionId()))
                    .append(" | ").append(MarkdownText.cell(v.clusterId().resourceGroup()))
                    .append(" | ").append(v.findings().size()).append(" |\n");
        }
        md.append('\n');
    }

    private static void findings(ScanReport report, StringBuilder md) {
        md.append("## Findings\n\n");
        if (report.findings().isEmpty()) {
            md.append("No findings.\n\n");
            return;
        }
        // the shared findings are most severe first, then by rule: each rule's findings of one title are one run, so
        // a rule's KMS findings (fixed on the cluster's identity) are never shown as fixed like its disk findings
        Map<String, List<ScanReport.SharedFinding>> runs = new LinkedHashMap<>();
        for (ScanReport.SharedFinding shared : report.findings()) {
            Finding f = shared.finding();
            runs.computeIfAbsent(f.severity() + "|" + f.ruleId() + "|" + f.title(), k -> new ArrayList<>()).add(shared);
        }
        for (List<ScanReport.SharedFinding> run : runs.values()) {
            if (run.size() <= GROUP_ABOVE) {
                run.forEach(shared -> finding(shared, false, md));
            } else {
                group(run, md);
            }
        }
    }

    /**
     * A rule with many findings (a policy every cluster misses): the rule once, one finding in full as the worked
     * example, then one table row per finding. The same words and commands repeated thousands of times made a
     * 10,000-cluster report 23 MB that nobody could read; every finding's own commands stay in JSON and SARIF.
     */
    private static void group(List<ScanReport.SharedFinding> run, StringBuilder md) {
        Finding first = run.get(0).finding();
        int clusters = (int) run.stream().flatMap(s -> s.clusterIds().stream()).distinct().count();
        md.append("### ").append(first.severity().label()).append(": ").append(MarkdownText.code(first.ruleId()))
                .append(" on ").append(run.size()).append(" resources (").append(ResourceNames.clusters(clusters))
                .append(")\n\n");
        md.append("**").append(MarkdownText.text(first.title())).append("**\n\n");
        md.append(run.size()).append(" findings of this rule, one per resource in the table below, each fixed the same way as")
                .append(" the example. Every finding's own commands, with its names filled in, are in `--format json`")
                .append(" (`remediation`) and `--format sarif`.\n\n");
        finding(run.get(0), true, md);
        md.append("| Resource | Resource group | Affected clusters |\n| --- | --- | --- |\n");
        for (ScanReport.SharedFinding shared : run) {
            ResourceId id = shared.finding().resourceId();
            md.append("| ").append(MarkdownText.cell(ResourceNames.describe(id) + claimOf(shared.finding())))
                    .append(" | ").append(MarkdownText.cell(id.resourceGroup() == null ? "-" : id.resourceGroup()))
                    .append(" | ").append(MarkdownText.cell(ResourceNames.clusterList(shared.clusterIds(), CLUSTERS_PER_ROW)))
                    .append(" |\n");
        }
        md.append('\n');
    }

    /** " (namespace/pvc)" when the finding is about one PV disk or snapshot whose tags name it, else "". */
    private static String claimOf(Finding f) {
        return f.volumes().stream().filter(v -> v.id().equals(f.resourceId()) && !v.shortName().equals(v.name()))
                .findFirst().map(v -> " (" + v.shortName() + ")").orElse("");
    }

    /** @param example the worked example under its rule's heading, which already gave severity, rule and title */
    private static void finding(ScanReport.SharedFinding shared, boolean example, StringBuilder md) {
        Finding f = shared.finding();
        if (example) {
            md.append("#### Example: ").append(MarkdownText.text(ResourceNames.describe(f.resourceId()))).append("\n\n");
        } else {
            md.append("### ").append(f.severity().label()).append(": ").append(MarkdownText.code(f.ruleId()))
                    .append(" on ").append(MarkdownText.text(ResourceNames.describe(f.resourceId()))).append("\n\n");
            md.append("**").append(MarkdownText.text(f.title())).append("**\n\n");
        }
        md.append(MarkdownText.text(f.message())).append("\n\n");
        md.append("- Resource: ").append(MarkdownText.code(f.resourceId().toString())).append('\n');
        md.append("- Affected ").append(ResourceNames.clusters(shared.clusterIds().size())).append(": ")
                .append(MarkdownText.text(ResourceNames.clusterList(shared.clusterIds(), Integer.MAX_VALUE)))
                .append("\n\n");
        if (f.remediation() != null && !f.remediation().isBlank()) {
            md.append("Remediation:\n\n").append(MarkdownText.fenced("bash", pasteable(f.remediation()))).append('\n');
        }
        if (!f.evidence().isEmpty()) {
            md.append("Evidence:\n\n");
            for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
                md.append("- ").append(MarkdownText.text(e.getKey())).append(": ")
                        .append(evidence(JsonValues.of(e.getValue()))).append('\n');
            }
            md.append('\n');
        }
        if (!f.references().isEmpty()) {
            md.append("References:\n\n");
            f.references().forEach(r -> md.append("- ").append(MarkdownText.url(r)).append('\n'));
            md.append('\n');
        }
    }

    /** Strings and numbers as code, lists as one code span per item, anything nested as compact JSON. */
    private static String evidence(JsonElement value) {
        if (value.isJsonPrimitive()) {
            return MarkdownText.code(value.getAsString());
        }
        if (value.isJsonArray() && value.getAsJsonArray().asList().stream().allMatch(JsonElement::isJsonPrimitive)) {
            return value.getAsJsonArray().asList().stream().map(v -> MarkdownText.code(v.getAsString()))
                    .collect(Collectors.joining(", "));
        }
        return MarkdownText.code(PrettyJson.compact(value));
    }

    /**
     * Remediation mixes prose lines with indented commands. Turning the prose into comments makes the whole block
     * safe to paste into a shell while keeping the explanation next to the commands.
     */
    static String pasteable(String remediation) {
        return remediation.lines()
                .map(line -> line.isBlank() || Character.isWhitespace(line.charAt(0)) || line.startsWith("#")
                        ? line : "# " + line)
                .collect(Collectors.joining("\n"));
    }

    private static void exemptions(ScanReport report, StringBuilder md) {
        List<Map.Entry<ClusterVerdict, Exempted>> rows = report.clusters().stream()
                .sorted(ClusterOrder.ATTENTION_FIRST)
                .flatMap(v -> v.exempted().stream().map(e -> Map.entry(v, e))).toList();
        if (rows.isEmpty()) {
            return;
        }
        md.append("## Exemptions\n\n");
        md.append("| Cluster | Rule | Resource | Reason | Approved by | Expires | State |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Map.Entry<ClusterVerdict, Exempted> row : rows) {
            Exempted e = row.getValue();
            md.append("| ").append(MarkdownText.cell(row.getKey().name()))
                    .append(" | ").append(MarkdownText.code(e.finding().ruleId()))
                    .append(" | ").append(MarkdownText.cell(ResourceNames.describe(e.finding().resourceId())))
                    .append(" | ").append(MarkdownText.cell(e.reason()))
                    .append(" | ").append(MarkdownText.cell(e.approvedBy() == null ? "-" : e.approvedBy()))
                    .append(" | ").append(e.expires() == null ? "-" : e.expires())
                    .append(" | ").append(e.expired() ? "expired: the finding counts" : "active")
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void notEvaluated(ScanReport report, StringBuilder md) {
        List<Map.Entry<ClusterVerdict, NotEvaluatedGroups.Group>> rows = report.clusters().stream()
                .sorted(ClusterOrder.ATTENTION_FIRST)
                .flatMap(v -> NotEvaluatedGroups.of(v.notEvaluated()).stream().map(g -> Map.entry(v, g))).toList();
        if (rows.isEmpty()) {
            return;
        }
        md.append("## Not evaluated\n\n");
        for (Map.Entry<ClusterVerdict, NotEvaluatedGroups.Group> row : rows) {
            NotEvaluatedGroups.Group g = row.getValue();
            md.append("- ").append(MarkdownText.text(row.getKey().name())).append(": ");
            if (g.ruleIds().equals(List.of("*"))) {
                md.append("not required, ").append(MarkdownText.text(g.reason())).append('\n');
            } else {
                md.append(g.ruleIds().stream().map(MarkdownText::code).collect(Collectors.joining(", "))).append(" on ")
                        .append(MarkdownText.text(g.resourceId() == null ? "the cluster" : ResourceNames.describe(g.resourceId())))
                        .append(": ").append(MarkdownText.text(g.reason())).append('\n');
            }
        }
        md.append('\n');
    }

    /** Above the tables: a green summary under a weakened policy must not be read without them. */
    private static void policyWarnings(ScanReport report, StringBuilder md) {
        if (report.policyWarnings().isEmpty()) {
            return;
        }
        md.append("## Policy warnings\n\n");
        report.policyWarnings().forEach(w -> md.append("- ").append(MarkdownText.text(w)).append('\n'));
        md.append('\n');
    }

    private static void notes(ScanReport report, StringBuilder md) {
        if (!report.coverage().isEmpty()) {
            md.append("## Not checked\n\n");
            for (ScanReport.Coverage c : report.coverage()) {
                md.append("- ").append(MarkdownText.text(c.note())).append('\n');
                c.reasons().forEach(r -> md.append("  - ").append(MarkdownText.text(r)).append('\n'));
            }
            md.append('\n');
        }
        if (report.orphanDisks() != null && !report.orphanDisks().isEmpty()) {
            md.append("## Persistent-volume disks no cluster owns\n\n")
                    .append("Created by the Azure Disk CSI driver, outside every watched cluster's node resource group and"
                            + " attached to none of its nodes: not judged against any cluster.\n\n");
            report.orphanDisks().forEach(d -> md.append("- ").append(MarkdownText.text(OrphanDisks.describe(d)))
                    .append('\n'));
            md.append('\n');
        }
        if (report.inventoryNotes().isEmpty()) {
            return;
        }
        md.append("## Inventory notes\n\n");
        report.inventoryNotes().forEach(n -> md.append("- ").append(MarkdownText.text(n)).append('\n'));
        md.append('\n');
    }
}
