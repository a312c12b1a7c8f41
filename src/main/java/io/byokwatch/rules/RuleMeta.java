package io.byokwatch.rules;

import io.byokwatch.domain.Severity;

import java.util.List;

/** What a rule is, independent of any cluster: stable id, default severity, title, when it fails, references. */
public record RuleMeta(String id, Severity severity, String title, String failsWhen, List<String> references) {
    public RuleMeta {
        references = List.copyOf(references);
    }
}
