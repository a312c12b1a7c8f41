package io.byokwatch.domain;

/**
 * Quotes values for bash, the shell every command in a remediation is written for (the README says so). Azure
 * allows names that bash reads as syntax ({@code rg-app(prod)}, a tag value with {@code $(...)}), and people paste
 * these commands during incidents: a value bash would not read as one plain word is single-quoted, so it is neither
 * split, expanded nor run. Plain names and resource ids stay unquoted, as people write them.
 */
public final class Bash {
    /**
     * The characters of a plain word: {@code [A-Za-z0-9_./:@%+=,-]}. A table, not a regular expression: a scan of
     * 100,000 persistent-volume disks quotes about a million values, and the matcher was a third of judging them.
     */
    private static final boolean[] PLAIN = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            PLAIN[c] = true;
            PLAIN[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            PLAIN[c] = true;
        }
        for (char c : "_./:@%+=,-".toCharArray()) {
            PLAIN[c] = true;
        }
    }

    private Bash() {
    }

    /** The value as one bash word: unchanged when plain, else in single quotes ({@code '} written as {@code '\''}). */
    public static String q(Object value) {
        String s = String.valueOf(value);
        if (plain(s)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static boolean plain(String s) {
        if (s.isEmpty() || s.charAt(0) == '-') {
            return false;
        }
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 128 || !PLAIN[c]) {
                return false;
            }
        }
        return true;
    }
}
