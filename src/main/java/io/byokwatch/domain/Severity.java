package io.byokwatch.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Finding severity, most severe first. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW;

    /** The lower-case name used in every output and config file. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is the given one or more severe. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    /** Parses a config or flag value, case-insensitively, with an error naming the accepted values. */
    public static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a severity; use one of "
                + Arrays.stream(values()).map(Severity::label).collect(Collectors.joining(", ")));
    }
}
