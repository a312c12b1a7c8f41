package io.byokwatch.render.access;

import io.byokwatch.access.AccessReport;
import io.byokwatch.access.Anomaly;
import io.byokwatch.domain.Caller;
import io.byokwatch.domain.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Phrases every access-report format shares, so that the Markdown, HTML and chat digests say the same thing. */
public final class AccessSummary {
    private AccessSummary() {
    }

    /** One sentence: "Nothing unusual ..." or "3 anomalies: 1 critical, 2 high." */
    public static String headline(AccessReport r) {
        if (r.nothingUnusual()) {
            return "Nothing unusual: no detector found anything outside the baseline in " + r.windowEvents()
                    + " audit events" + (r.suppressed().isEmpty() ? "" : " (" + r.suppressed().size() + " allowlisted)") + ".";
        }
        List<String> parts = new ArrayList<>();
        for (Severity s : Severity.values()) {
            if (r.count(s) > 0) {
                parts.add(r.count(s) + " " + s.label());
            }
        }
        int n = r.anomalies().size();
        return n + (n == 1 ? " anomaly: " : " anomalies: ") + String.join(", ", parts)
                + (r.suppressed().isEmpty() ? "" : "; " + r.suppressed().size() + " more allowlisted") + ".";
    }

    /** vault/key, or vault alone. */
    public static String target(Anomaly a) {
        return a.key() == null ? a.vault() : a.vault() + "/" + a.key();
    }

    /** UPN, object id and application id that are known, or "anonymous". */
    public static String caller(Caller c) {
        if (c.anonymous()) {
            return "anonymous";
        }
        List<String> parts = new ArrayList<>();
        if (c.upn() != null) {
            parts.add(c.upn());
        }
        if (c.objectId() != null) {
            parts.add("object " + c.objectId());
        }
        if (c.appId() != null) {
            parts.add("app " + c.appId());
        }
        return String.join(", ", parts);
    }

    static String number(double x) {
        return x == Math.rint(x) ? String.format(Locale.ROOT, "%,d", (long) x) : String.format(Locale.ROOT, "%.1f", x);
    }
}
