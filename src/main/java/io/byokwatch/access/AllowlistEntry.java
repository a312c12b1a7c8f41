package io.byokwatch.access;

import java.time.LocalDate;
import java.util.Set;

/**
 * A principal known to be fine where it would otherwise be reported: a backup application reading keys, a
 * break-glass account during a planned test. It names why, who approved it and until when (inclusive, UTC); an empty
 * detector set covers every detector, a null vault or key every vault or key.
 *
 * @param principal object id, application id or UPN, compared case-insensitively
 */
public record AllowlistEntry(String principal, Set<String> detectors, String vault, String key, String reason,
                             LocalDate expires, String approvedBy) {
    public AllowlistEntry {
        detectors = Set.copyOf(detectors);
        vault = vault == null ? null : vault.toLowerCase(java.util.Locale.ROOT);
        key = key == null ? null : key.toLowerCase(java.util.Locale.ROOT);
    }

    boolean covers(Anomaly a) {
        return a.caller().matches(principal)
                && (detectors.isEmpty() || detectors.contains(a.detector()))
                && (vault == null || vault.equals(a.vault()))
                && (key == null || key.equals(a.key()));
    }

    boolean expiredOn(LocalDate today) {
        return expires.isBefore(today);
    }
}
