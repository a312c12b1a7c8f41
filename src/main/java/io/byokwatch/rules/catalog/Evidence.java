package io.byokwatch.rules.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds evidence maps in insertion order, skipping nulls so outputs never show "null" as a fact. */
final class Evidence {
    private final Map<String, Object> values = new LinkedHashMap<>();

    static Evidence of(String key, Object value) {
        return new Evidence().and(key, value);
    }

    Evidence and(String key, Object value) {
        if (value != null) {
            values.put(key, value instanceof Enum<?> || value instanceof java.time.Instant || value instanceof io.byokwatch.domain.ResourceId
                    || value instanceof io.byokwatch.domain.KeyRef ? value.toString() : value);
        }
        return this;
    }

    Map<String, Object> map() {
        return values;
    }
}
