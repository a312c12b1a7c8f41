package io.byokwatch.render.report;

import io.byokwatch.domain.Printable;
import io.byokwatch.render.ResourceNames;
import io.byokwatch.render.TextWrap;
import io.byokwatch.app.ScanReport;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Exempted;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.Severity;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The terminal report: an estate summary, then one block per cluster, worst first (clusters that need action, those
 * with a critical finding before those with a high one, and each cluster's findings by severity), then the findings
 * several clusters share (fixing one resource fixes them all). Plain ASCII so that it survives CI logs, pagers and
 * e-mail, with severity colours only when {@link TableStyle} says the reader is a terminal; every line fits the width.
 * {@code quiet} lists only the clusters that need action (noncompliant, unknown), counting the others.
 */
public final class TableRenderer implements ReportRenderer {
    public static final int DEFAULT_WIDTH = 100;
    private static final int INDENT = 4;
    private static final String ITEM = " ".repeat(INDENT);
    /** Continuation lines of exemption and not-evaluated entries go one step deeper, so each entry reads as a block. */
    private static final String DETAIL_HANG = " ".repeat(INDENT + 4);
    private static final int STATUS_WIDTH = ClusterOrder.BY_ATTENTION.stream()
            .mapToInt(s -> s.label().length()).max().orElse(12);
    private static final int SEVERITY_TAG_WIDTH = Stream.of(Severity.values())
            .mapToInt(s -> tag(s).length()).max().orElse(10);
    private static final int CLUSTERS_NAMED = 8;

    private final int width;
    private final TableStyle style;
    private final boolean quiet;

    public TableRenderer() {
        this(DEFAULT_WIDTH);
    }

    /** For narrower terminals; below 60 columns the finding columns would leave no room for the message. */
    public TableRenderer(int width) {
        this(width, TableStyle.PLAIN, false);
    }

    public TableRenderer(int width, TableStyle style, boolean quiet) {
        if (width < 60) {
            throw new IllegalArgumentException("table width must be at least 60 columns, got " + width);
        }
        this.width = width;
        this.style = style;
        this.quiet = quiet;
    }

    @Override
    public String render(ScanReport report) {
        List<String> out = new ArrayList<>();
        header(report, out);
        int ruleWidth = ruleIdWidth(report);
        boolean previousHadDetails = true;
        int fine = 0;
        for (ClusterVerdict v : report.clusters().stream().sorted(ClusterOrder.WORST_FIRST).toList()) {
            List<String> details = details(v, ruleWidth);
            if (quiet && v.status() != ClusterStatus.NONCOMPLIANT && v.status() != ClusterStatus.UNKNOWN) {
                fine++;
                continue;
            }
            // compliant clusters without details stack as a list; anything with details stands apart
            if (previousHadDetails || !details.isEmpty()) {
                out.add("");
            }
            out.addAll(clusterLine(v));
            out.addAll(details);
            previousHadDetails = !details.isEmpty();
        }
        if (fine > 0) {
            out.add("");
            out.add("(" + ResourceNames.clusters(fine) + " compliant, exempt or not required: not listed with --quiet)");
        }
        shared(report, ruleWidth, out);
        out.add("");
        out.addAll(wrap(report.findings().isEmpty() ? "No findings."
                : "Run with --format json (or --format markdown) for the remediation commands and Terraform changes.",
                "", ""));
        StringBuilder text = new StringBuilder();
        out.forEach(line -> text.append(style.line(Printable.line(line))).append('\n'));
        return text.toString();
    }

    /** Wrapping collapses spaces, so the line is only wrapped when it would not fit anyway. */
    private List<String> clusterLine(ClusterVerdict v) {
        String status = TextWrap.pad(v.status().label().toUpperCase(Locale.ROOT), STATUS_WIDTH) + "  ";
        String line = status + v.name() + "  (" + v.subscriptionId() + "/" + v.clusterId().resourceGroup() + ")";
        return line.length() <= width ? List.of(line) : wrap(line.substring(status.length()), status, " ".repeat(status.length()));
    }

    private void header(ScanReport report, List<String> out) {
        ScanReport.Summary s = report.summary();
        out.add("byokwatch scan at " + DateTimeFormatter.ISO_INSTANT.format(report.generatedAt()));
        List<String> statuses = new ArrayList<>();
        for (ClusterStatus status : ClusterOrder.BY_ATTENTION) {
            if (s.count(status) > 0) {
                statuses.add(s.count(status) + " " + status.label().replace('-', ' '));
            }
        }
        out.addAll(wrap(ResourceNames.clusters(s.clusters()) + (statuses.isEmpty() ? "" : ": " + String.join(", ", statuses)),
                "", "  "));
        int total = Stream.of(Severity.values()).mapToInt(s::count).sum();
        List<String> severities = Stream.of(Severity.values()).map(sev -> s.count(sev) + " " + sev.label()).toList();
        out.addAll(wrap(total + (total == 1 ? " finding: " : " findings: ") + String.join(", ", severities)
                + (total > 0 ? " (each counted once, however many clusters share it)" : ""), "", "  "));
        for (String warning : report.policyWarnings()) {
            out.addAll(wrap("warning: policy: " + warning, "", "      "));
        }
        for (String note : quiet ? List.<String>of() : report.inventoryNotes()) {
            out.addAll(wrap("note: " + note, "", "      "));
        }
        // what the verdicts do not cover changes what they mean, so --quiet keeps it, without the reasons
        for (ScanReport.Coverage c : report.coverage()) {
            out.addAll(wrap("warning: not checked: " + c.note(), "", "      "));
            List<String> reasons = quiet ? List.of() : c.reasons();
            reasons.stream().limit(3).forEach(r -> out.addAll(wrap("- " + r, "      ", "        ")));
            if (reasons.size() > 3) {
                out.addAll(wrap("- and " + (reasons.size() - 3) + " more (see --format json)", "      ", "        "));
            }
        }
        if (!quiet && report.orphanDisks() != null && !report.orphanDisks().isEmpty()) {
            out.addAll(wrap("note: " + report.orphanDisks().size() + " persistent-volume disk"
                    + (report.orphanDisks().size() == 1 ? "" : "s") + " no watched cluster can be proven to own (not"
                    + " judged against any cluster): " + OrphanDisks.names(report.orphanDisks()), "", "      "));
        }
    }

    private List<String> details(ClusterVerdict v, int ruleWidth) {
        List<String> lines = new ArrayList<>();
        for (Finding f : v.findings().stream().sorted(java.util.Comparator.comparing(Finding::severity)).toList()) {
            lines.addAll(findingLine(f, f.message(), ruleWidth));
        }
        for (Exempted e : v.exempted()) {
            lines.addAll(wrap(exemption(e), ITEM, DETAIL_HANG));
        }
        for (NotEvaluatedGroups.Group g : NotEvaluatedGroups.of(v.notEvaluated())) {
            String text = g.ruleIds().equals(List.of("*")) ? "not required: " + g.reason()
                    : "not evaluated: " + String.join(", ", g.ruleIds()) + ": " + g.reason();
            lines.addAll(wrap(text, ITEM, DETAIL_HANG));
        }
        return lines;
    }

    private static String exemption(Exempted e) {
        Finding f = e.finding();
        List<String> facts = new ArrayList<>();
        if (e.approvedBy() != null) {
            facts.add("approved by " + e.approvedBy());
        }
        if (e.exemptionScope() != null) {
            facts.add("set on " + ResourceNames.describe(e.exemptionScope()));
        }
        String about = f.ruleId() + " on " + ResourceNames.describe(f.resourceId());
        if (e.expired()) {
            facts.add(0, "was: " + e.reason());
            return "exemption expired " + e.expires() + ": " + about + " counts again (" + String.join("; ", facts) + ")";
        }
        String until = e.expires() == null ? "" : " until " + e.expires();
        return "exempt" + until + ": " + tag(f.severity()) + " " + about + ": " + e.reason()
                + (facts.isEmpty() ? "" : " (" + String.join(", ", facts) + ")");
    }

    /**
     * Messages start in one column for the whole report, so the eye can run down the rule ids and the messages
     * separately. When the rule ids leave less than half the line for that column, each id gets a line of its own
     * with the message indented below it.
     */
    private List<String> findingLine(Finding f, String text, int ruleWidth) {
        String head = ITEM + TextWrap.pad(tag(f.severity()), SEVERITY_TAG_WIDTH) + " " + TextWrap.pad(f.ruleId(), ruleWidth)
                + "  ";
        if (head.length() <= width / 2) {
            return wrap(text, head, " ".repeat(head.length()));
        }
        List<String> lines = new ArrayList<>(wrap(tag(f.severity()) + " " + f.ruleId(), ITEM, DETAIL_HANG));
        lines.addAll(wrap(text, DETAIL_HANG, DETAIL_HANG));
        return lines;
    }

    private void shared(ScanReport report, int ruleWidth, List<String> out) {
        List<ScanReport.SharedFinding> shared = report.findings().stream()
                .filter(s -> s.clusterIds().size() > 1).toList();
        if (shared.isEmpty()) {
            return;
        }
        out.add("");
        out.add("Shared by several clusters (one fix each):");
        for (ScanReport.SharedFinding s : shared) {
            int n = s.clusterIds().size();
            out.addAll(findingLine(s.finding(), ResourceNames.describe(s.finding().resourceId()) + ": "
                    + ResourceNames.clusters(n) + " (" + ResourceNames.clusterList(s.clusterIds(), CLUSTERS_NAMED) + ")",
                    ruleWidth));
        }
    }

    private static int ruleIdWidth(ScanReport report) {
        return Stream.concat(report.findings().stream().map(ScanReport.SharedFinding::finding),
                        report.clusters().stream().flatMap(v -> v.findings().stream()))
                .mapToInt(f -> f.ruleId().length()).max().orElse(0);
    }

    private static String tag(Severity severity) {
        return "[" + severity.label().toUpperCase(Locale.ROOT) + "]";
    }

    private List<String> wrap(String text, String first, String hanging) {
        return TextWrap.wrap(text, width, first, hanging);
    }
}
