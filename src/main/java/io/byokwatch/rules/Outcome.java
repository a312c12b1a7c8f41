package io.byokwatch.rules;

import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one rule said about one key use or cluster: failures, inputs it could not get, and inputs the policy lets it go
 * without. Empty means it passed or did not apply.
 */
public final class Outcome {
    private final List<Failure> failures = new ArrayList<>();
    private final List<Missing> missing = new ArrayList<>();
    private final List<Missing> unchecked = new ArrayList<>();

    /**
     * A failed check on a resource; {@code severity} null means the rule's default. {@code volumes} are the
     * persistent-volume disks and snapshots it is about, when the rule knows them better than the key use does.
     */
    public record Failure(ResourceId resourceId, Severity severity, String message, String remediation,
                         Map<String, Object> evidence, List<KeyConsumer> volumes) {
        public Failure {
            volumes = volumes == null ? List.of() : List.copyOf(volumes);
        }

        public Failure(ResourceId resourceId, Severity severity, String message, String remediation,
                       Map<String, Object> evidence) {
            this(resourceId, severity, message, remediation, evidence, List.of());
        }
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

    /** A failure about these volumes (a disk on the platform key is the finding itself). */
    public void fail(ResourceId resource, String message, String remediation, Map<String, Object> evidence,
                     List<KeyConsumer> volumes) {
        failures.add(new Failure(resource, null, message, remediation, new LinkedHashMap<>(evidence), volumes));
    }

    /** A fact the rule needs that the inventory lacks: the check did not run, and a high or critical one gates. */
    public void notEvaluated(ResourceId resource, String reason) {
        missing.add(new Missing(resource, reason));
    }

    /**
     * A fact the rule would read that the inventory lacks, where the policy accepts going without it (persistent-volume
     * disks not exported, unless {@code requireDataDiskEvidence}): reported once for the whole report, never gating.
     */
    public void unchecked(ResourceId resource, String reason) {
        unchecked.add(new Missing(resource, reason));
    }

    public List<Missing> unchecked() {
        return unchecked;
    }

    public List<Failure> failures() {
        return failures;
    }

    public List<Missing> missing() {
        return missing;
    }
}
