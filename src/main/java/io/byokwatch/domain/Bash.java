package io.byokwatch.domain;

import java.util.regex.Pattern;

/**
 * Quotes values for bash, the shell every command in a remediation is written for (the README says so). Azure
 * allows names that bash reads as syntax ({@code rg-app(prod)}, a tag value with {@code $(...)}), and people paste
 * these commands during incidents: a value bash would not read as one plain word is single-quoted, so it is neither
 * split, expanded nor run. Plain names and resource ids stay unquoted, as people write them.
 */
public final class Bash {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    private Bash() {
    }

    /** The value as one bash word: unchanged when plain, else in single quotes ({@code '} written as {@code '\''}). */
    public static String q(Object value) {
        String s = String.valueOf(value);
        if (!s.isEmpty() && PLAIN.matcher(s).matches() && !s.startsWith("-")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
