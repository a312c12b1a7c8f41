package io.byokwatch.app;

import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;

import java.util.List;
import java.util.Locale;

/**
 * What a gate does with a cluster whose verdict is {@code unknown} (a link of its chain could not be seen):
 * {@code fail} (the default) treats it like a finding at the gate, {@code pass} lets it through. Nothing else in
 * the report changes; the unknown cluster and its reasons are shown either way.
 */
public enum UnknownVerdicts {
    PASS, FAIL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when the gate must fail because of unknown verdicts. */
    public boolean fails(List<ClusterVerdict> verdicts) {
        return this == FAIL && verdicts.stream().anyMatch(v -> v.status() == ClusterStatus.UNKNOWN);
    }

    /** Parses {@code pass} or {@code fail}, case-insensitively, with an error naming both. */
    public static UnknownVerdicts parse(String text) {
        for (UnknownVerdicts u : values()) {
            if (u.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return u;
            }
        }
        throw new IllegalArgumentException("--unknown must be pass or fail, not '" + text + "'");
    }
}
