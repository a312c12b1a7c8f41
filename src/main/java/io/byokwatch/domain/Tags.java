package io.byokwatch.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Azure tags; names are case-insensitive in Azure, so look-ups ignore case while the original spelling is kept. */
public record Tags(Map<String, String> values) {
    public static final Tags NONE = new Tags(Map.of());

    public Tags {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of the tag, matching its name case-insensitively, or null. */
    public String get(String name) {
        // the spelling asked for is nearly always the one written (the CSI driver's own tags): one hash look-up
        String exact = values.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
