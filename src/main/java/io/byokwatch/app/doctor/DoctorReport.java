package io.byokwatch.app.doctor;

import java.time.Instant;
import java.util.List;

/**
 * Everything {@code byokwatch doctor} checked, in the order it checked it.
 *
 * @param identity  whose view of Azure the checks reflect (the app's managed identity, or the caller's credentials)
 * @param scope     the subscriptions and management group checked
 */
public record DoctorReport(Instant generatedAt, String identity, Scope scope, List<DoctorCheck> checks) {

    public record Scope(List<String> subscriptions, String managementGroup) {
        public Scope {
            subscriptions = List.copyOf(subscriptions);
        }
    }

    public DoctorReport {
        checks = List.copyOf(checks);
    }

    public long count(CheckStatus status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    /** True only when every check passed: one that could not be made is not proof. */
    public boolean allPassed() {
        return !checks.isEmpty() && count(CheckStatus.PASS) == checks.size();
    }

    /** As {@code scan} exits: 0 when everything passed, 1 when a check failed or could not be made. */
    public int exitCode() {
        return allPassed() ? 0 : 1;
    }
}
