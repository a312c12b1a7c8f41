package io.byokwatch.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --flag value} / {@code --flag=value} parsing against the flags a command declares; anything else is a usage error. */
final class Args {
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final String command;

    Args(String command, List<String> argv, Set<String> valued, Set<String> repeatable, Set<String> switches) {
        this.command = command;
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (!a.startsWith("--")) {
                throw new UsageException("unexpected argument '" + a + "' for '" + command + "'; flags start with --");
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (switches.contains(name)) {
                values.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
                continue;
            }
            if (!valued.contains(name) && !repeatable.contains(name)) {
                throw new UsageException("unknown flag --" + name + " for '" + command + "'; run byokwatch help " + command);
            }
            if (value == null) {
                if (i + 1 >= argv.size() || argv.get(i + 1).startsWith("--")) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = argv.get(++i);
            }
            if (values.containsKey(name) && !repeatable.contains(name)) {
                throw new UsageException("--" + name + " given twice");
            }
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            if (repeatable.contains(name)) {
                while (i + 1 < argv.size() && !argv.get(i + 1).startsWith("--")) {
                    values.get(name).add(argv.get(++i));
                }
            }
        }
    }

    String get(String name) {
        List<String> v = values.get(name);
        return v == null ? null : v.get(0);
    }

    String get(String name, String dflt) {
        String v = get(name);
        return v == null ? dflt : v;
    }

    String required(String name, String example) {
        String v = get(name);
        if (v == null) {
            throw new UsageException("'" + command + "' needs --" + name + ", e.g. --" + name + " " + example);
        }
        return v;
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** One of the allowed values, case-insensitively. */
    String choice(String name, String dflt, List<String> allowed) {
        String v = get(name, dflt).toLowerCase(java.util.Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new UsageException("--" + name + " must be one of " + String.join(", ", allowed) + ", not '" + get(name) + "'");
        }
        return v;
    }
}
