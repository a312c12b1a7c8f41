package io.byokwatch.app.doctor;

import java.util.List;
import java.util.regex.Pattern;

/** Words of a command for a POSIX shell: left bare when nothing in them is special, else single-quoted. */
final class Shell {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private Shell() {
    }

    static String quote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** A command line: words already meant as shell syntax (a "$VAR") go in as they are, everything else quoted. */
    static String command(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(w.startsWith("\"$") && w.endsWith("\"") ? w : quote(w));
        }
        return sb.toString();
    }

    static String command(String... words) {
        return command(List.of(words));
    }
}
