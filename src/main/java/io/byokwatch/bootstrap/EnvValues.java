package io.byokwatch.bootstrap;

import java.util.List;
import java.util.Map;

/** Reading one setting: blank counts as unset, and a bad number becomes a problem line naming the setting and range. */
final class EnvValues {
    private EnvValues() {
    }

    static String value(Map<String, String> env, String key, String dflt) {
        String v = env.get(key);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    static int integer(Map<String, String> env, String key, int dflt, int min, int max, List<String> problems) {
        String v = value(env, key, null);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted range
        }
        problems.add(key + "='" + v + "' must be a whole number from " + min + " to " + max + "; e.g. " + dflt);
        return dflt;
    }
}
