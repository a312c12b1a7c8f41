package io.byokwatch.render.access;

import io.byokwatch.render.WordCut;
import io.byokwatch.render.alert.NoticeText;
import io.byokwatch.access.AccessReport;
import io.byokwatch.access.Anomaly;
import io.byokwatch.domain.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the Slack, Teams and terminal digests of the access report say, worded once so that the three never disagree;
 * each only lays it out. The digest is for deciding whether to open the full report, so it carries the top
 * {@value #TOP} anomalies and says where the rest are.
 */
public final class DigestText {
    static final int TOP = 5;
    /** Notes limit what the report can claim (partial logs, a short baseline); more than a few are for the full report. */
    static final int MAX_NOTES = 3;
    /** A multi-line explanation would swamp a chat message; the full report keeps it whole. */
    private static final int MAX_EXPLANATION = 400;

    private DigestText() {
    }

    public static String title(AccessReport r) {
        if (r.nothingUnusual()) {
            return "Key Vault access report \u00b7 nothing unusual";
        }
        int n = r.anomalies().size();
        return "Key Vault access report \u00b7 " + n + (n == 1 ? " anomaly" : " anomalies")
                + " \u00b7 worst " + r.worst().label();
    }

    public static String window(AccessReport r) {
        return "Window " + NoticeText.when(r.windowStart()) + " to " + NoticeText.when(r.windowEnd()) + ", compared with the "
                + r.baselineDays() + " days before it \u00b7 " + AccessSummary.number(r.windowEvents()) + " audit events on "
                + r.keys() + " keys in " + r.vaults() + " vaults";
    }

    /** "critical 1 · high 0 · medium 1 · low 1": every severity, zeros too, so a glance compares nights. */
    public static String counts(AccessReport r) {
        List<String> parts = new ArrayList<>();
        for (Severity s : Severity.values()) {
            parts.add(s.label() + " " + r.count(s));
        }
        return String.join(" \u00b7 ", parts);
    }

    public static List<Anomaly> top(AccessReport r) {
        return r.anomalies().subList(0, Math.min(TOP, r.anomalies().size()));
    }

    static int more(AccessReport r) {
        return r.anomalies().size() - top(r).size();
    }

    public static String severity(Anomaly a) {
        return a.severity().label().toUpperCase(Locale.ROOT);
    }

    /** "8 events vs 0 expected": the count against what the baseline expects for the same period. */
    public static String countVsBaseline(Anomaly a) {
        return AccessSummary.number(a.count()) + (a.count() == 1 ? " event" : " events") + " vs "
                + AccessSummary.number(Math.round(a.baseline() * 10) / 10.0) + " expected";
    }

    public static String operation(Anomaly a) {
        return a.operation() == null ? "" : " \u00b7 " + a.operation();
    }

    /** The explanation, shortened at a word for a chat message; the full report keeps it whole. */
    public static String explanation(Anomaly a) {
        return WordCut.cut(a.explanation().replaceAll("\\s+", " "), MAX_EXPLANATION);
    }

    /** What to do next, one line. */
    public static String action(Anomaly a) {
        return AccessActions.of(a);
    }

    /**
     * The "who" line: the caller and its count against the baseline; for an anomaly about absence (silent-key), the
     * identities that should have called and the refused attempts instead, since there is no caller to name.
     */
    public static String who(Anomaly a) {
        if (!a.evidence().aboutAbsence()) {
            return "Caller: " + AccessSummary.caller(a.caller()) + " \u00b7 " + countVsBaseline(a);
        }
        return expected(a) + " \u00b7 " + failures(a);
    }

    /** "Expected callers: des-pay-prod (object 1a2b...)", or why they cannot be named. */
    public static String expected(Anomaly a) {
        List<String> names = new ArrayList<>();
        a.evidence().expectedCallers().forEach((principal, set) -> names.add(set + " (object " + principal + ")"));
        String listed = names.isEmpty() ? "none the inventory names" : String.join(", ", names);
        return "Expected callers: " + listed + (a.evidence().callersUnknown() == null ? "" : "; " + a.evidence().callersUnknown());
    }

    /** "failed KeyUnwrap: 12 x 401, 3 x 404", or that there was none either. */
    public static String failures(Anomaly a) {
        String op = a.operation() == null ? "calls" : a.operation();
        if (a.evidence().failuresByStatus().isEmpty()) {
            return "no failed " + op + " either";
        }
        List<String> parts = new ArrayList<>();
        a.evidence().failuresByStatus().forEach((status, n) -> parts.add(n + " x " + status));
        return "failed " + op + ": " + String.join(", ", parts);
    }

    /** The line after the top anomalies: how many were left out, and where the whole report is. */
    public static String rest(AccessReport r, String fullReport) {
        int more = more(r);
        String lead = more == 0 ? "" : "\u2026and " + more + " more " + (more == 1 ? "anomaly" : "anomalies") + " not shown here. ";
        return lead + where(fullReport);
    }

    static String where(String fullReport) {
        return fullReport == null
                ? "The full report was not kept: set BYOKWATCH_ACCESS_REPORT_CONTAINER or BYOKWATCH_ACCESS_REPORT_DIR to keep"
                + " it, or run byokwatch access-report."
                : "Full report, with the KQL behind each anomaly: " + fullReport;
    }

    public static List<String> notes(AccessReport r) {
        List<String> out = new ArrayList<>();
        for (String n : r.notes()) {
            if (out.size() == MAX_NOTES) {
                out.add("and " + (r.notes().size() - MAX_NOTES) + " more notes in the full report.");
                break;
            }
            out.add(n);
        }
        return out;
    }
}
