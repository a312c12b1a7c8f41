package io.byokwatch.adapter.plan;

import java.util.regex.Pattern;

/** Quotes a word for a POSIX shell when it needs it, so printed commands can be pasted as they are. */
final class ShellWords {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private ShellWords() {
    }

    static String quote(String word) {
        if (word != null && PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + (word == null ? "" : word.replace("'", "'\\''")) + "'";
    }
}
