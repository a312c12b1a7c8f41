package io.byokwatch.rules;

import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one rule said about one chain: failures, and inputs it could not get. Empty means it passed or did not apply. */
public final class Outcome {
    private final List<Failure> failures = new ArrayList<>();
    private final List<Missing> missing = new ArrayList<>();

    /** A failed check on a resource; {@code severity} null means the rule's default. */
    public record Failure(ResourceId resourceId, Severity severity, String message, String remediation,
                         Map<String, Object> evidence) {
    }

    /** An input the inventory could not supply, with the reason. */
    public record Missing(ResourceId resourceId, String reason) {
    }

    public void fail(ResourceId resource, String message, String remediation, Map<String, Object> evidence) {
        failures.add(new Failure(resource, null, message, remediation, new LinkedHashMap<>(evidence)));
    }

    public void fail(ResourceId resource, Severity severity, String message, String remediation,
                     Map<String, Object> evidence) {
        failures.add(new Failure(resource, severity, message, remediation, new LinkedHashMap<>(evidence)));
    }

    public void notEvaluated(ResourceId resource, String reason) {
        missing.add(new Missing(resource, reason));
    }

    public List<Failure> failures() {
        return failures;
    }

    public List<Missing> missing() {
        return missing;
    }
}
