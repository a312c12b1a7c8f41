package io.byokwatch.render.blast;

import java.util.regex.Pattern;

/** Words for a POSIX shell (bash, zsh): left bare when safe, else single-quoted so nothing in them is interpreted. */
final class Shell {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    private Shell() {
    }

    static String quote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** A file name made of the words, safe to leave unquoted. */
    static String fileName(String... parts) {
        return String.join(".", parts).replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
