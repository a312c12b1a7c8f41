package io.byokwatch.cli;

import java.util.List;
import java.util.Locale;

/** Checks on option values that picocli leaves to the command, worded the same way in every command. */
final class Flags {
    private Flags() {
    }

    /** The value, or a usage error naming the option and an example. */
    static String required(String command, String flag, String value, String example) {
        if (value == null) {
            throw new UsageException("'" + command + "' needs " + flag + ", e.g. " + flag + " " + example);
        }
        return value;
    }

    /** One of the allowed values, case-insensitively, returned in lower case. */
    static String choice(String flag, String value, List<String> allowed) {
        String v = value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new UsageException(flag + " must be one of " + String.join(", ", allowed) + ", not '" + value + "'");
        }
        return v;
    }
}
