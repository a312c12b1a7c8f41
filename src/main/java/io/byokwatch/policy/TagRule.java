package io.byokwatch.policy;

import java.util.List;
import java.util.Locale;

/** "Clusters whose tag {@code tag} has one of {@code values} do (not) require BYOK"; names and values ignore case. */
public record TagRule(String tag, List<String> values, boolean required) {
    public TagRule {
        values = values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    public boolean matches(String value) {
        return value != null && values.contains(value.toLowerCase(Locale.ROOT));
    }
}
