package io.byokwatch.app;

import io.byokwatch.domain.Alert;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Finding;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a new verdict is a change worth an alert, given the last stored status and finding keys.
 * Unchanged re-evaluations are silent, which is what makes duplicate and out-of-order events harmless.
 */
public final class Transitions {
    private Transitions() {
    }

    public static Optional<Alert.Kind> decide(String previousStatus, List<String> previousKeys, ClusterVerdict now) {
        boolean wasOpen = ClusterStatus.NONCOMPLIANT.label().equals(previousStatus);
        boolean isOpen = now.status() == ClusterStatus.NONCOMPLIANT;
        Set<String> before = previousKeys == null ? Set.of() : new HashSet<>(previousKeys);
        Set<String> after = keys(now);
        if (isOpen && !wasOpen) {
            return Optional.of(Alert.Kind.OPENED);
        }
        if (isOpen) {
            if (!before.containsAll(after)) {
                return Optional.of(Alert.Kind.OPENED);
            }
            return before.equals(after) ? Optional.empty() : Optional.of(Alert.Kind.CHANGED);
        }
        if (wasOpen) {
            return now.status() == ClusterStatus.UNKNOWN ? Optional.of(Alert.Kind.CHANGED) : Optional.of(Alert.Kind.RESOLVED);
        }
        return Optional.empty();
    }

    public static Set<String> keys(ClusterVerdict v) {
        Set<String> keys = new HashSet<>();
        for (Finding f : v.findings()) {
            keys.add(f.key());
        }
        return keys;
    }
}
