package io.byokwatch.render.report;

import io.byokwatch.domain.Severity;

/**
 * Maps severities onto SARIF. GitHub code scanning ranks security alerts by the rule's {@code security-severity}
 * score (over 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, under 4.0 low), so the scores sit inside those bands.
 */
public final class SarifLevels {
    private SarifLevels() {
    }

    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "note";
        };
    }

    /** GitHub reads the score as a string holding a number, as CodeQL writes it. */
    static String securitySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "7.5";
            case MEDIUM -> "5.0";
            case LOW -> "3.0";
        };
    }
}
