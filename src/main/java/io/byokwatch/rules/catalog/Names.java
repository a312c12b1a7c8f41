package io.byokwatch.rules.catalog;

import java.util.Locale;

/** Names for resources a remediation creates, derived from the resource it fixes and valid where they will be used. */
final class Names {
    private Names() {
    }

    /** A key vault name: 3-24 characters, letters, digits and single hyphens, starting with a letter. */
    static String vault(String base, String suffix) {
        String b = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-+", "-")
                .replaceAll("^[^a-z]+", "").replaceAll("-+$", "");
        String name = (b.isEmpty() ? "kv" : b);
        int room = 24 - suffix.length();
        name = name.length() > room ? name.substring(0, room).replaceAll("-+$", "") : name;
        return name + suffix;
    }

    /** A key name: letters, digits and hyphens, at most 127 characters. */
    static String key(String base, String suffix) {
        String b = base.replaceAll("[^A-Za-z0-9-]", "-");
        int room = 127 - suffix.length();
        return (b.length() > room ? b.substring(0, room) : b) + suffix;
    }
}
