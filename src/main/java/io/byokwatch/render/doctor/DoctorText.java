package io.byokwatch.render.doctor;

import io.byokwatch.app.doctor.CheckStatus;
import io.byokwatch.app.doctor.DoctorCheck;
import io.byokwatch.app.doctor.DoctorReport;
import io.byokwatch.render.TextWrap;

/**
 * The doctor report for a terminal: one line per check, status first, then what was seen and, for anything that did
 * not pass, the fix with its commands kept whole so they can be copied.
 */
public final class DoctorText {
    private static final int WIDTH = 110;

    private DoctorText() {
    }

    public static String render(DoctorReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("byokwatch doctor: ").append(report.scope().managementGroup() != null
                ? "management group " + report.scope().managementGroup() + " (" + report.scope().subscriptions().size()
                + " subscription(s))" : report.scope().subscriptions().size() + " subscription(s)")
                .append(", checked as ").append(report.identity()).append(" at ").append(report.generatedAt()).append("\n\n");
        for (DoctorCheck c : report.checks()) {
            String head = String.format("%-7s %-18s %s", c.status().label().toUpperCase(java.util.Locale.ROOT), c.id(), c.subject());
            sb.append(head).append('\n');
            for (String line : TextWrap.wrap(c.detail(), WIDTH, "        ", "        ")) {
                sb.append(line).append('\n');
            }
            if (c.fix() != null) {
                boolean firstLine = true;
                for (String part : c.fix().split("\n")) {
                    if (part.startsWith("az ") || part.contains("=$(az ")) {
                        sb.append("        ").append(firstLine ? "fix: " : "     ").append(part).append('\n');
                    } else {
                        for (String line : TextWrap.wrap(part, WIDTH, "        " + (firstLine ? "fix: " : "     "), "             ")) {
                            sb.append(line).append('\n');
                        }
                    }
                    firstLine = false;
                }
            }
        }
        sb.append('\n').append(report.count(CheckStatus.PASS)).append(" passed, ").append(report.count(CheckStatus.FAIL))
                .append(" failed, ").append(report.count(CheckStatus.UNKNOWN)).append(" could not be checked.\n")
                .append(report.allPassed() ? "The deployment works as far as byokwatch can see.\n"
                        : "Fix what failed, grant what is missing, and run byokwatch doctor again.\n");
        return sb.toString();
    }
}
