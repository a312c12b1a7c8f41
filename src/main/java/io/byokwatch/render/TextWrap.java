package io.byokwatch.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Word wrap for fixed-width terminal output with a hanging indent. A word longer than a whole line (a 150-character
 * resource id) is cut, because the width is a promise: a wider line wraps in the terminal and breaks the layout.
 */
public final class TextWrap {
    private TextWrap() {
    }

    /**
     * Wraps {@code text} so that no line exceeds {@code width}: the first line starts with {@code first}, later lines
     * with {@code hanging}. Runs of whitespace, line breaks included, count as one space.
     */
    public static List<String> wrap(String text, int width, String first, String hanging) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!empty && line.length() + 1 + word.length() <= width) {
                line.append(' ').append(word);
                continue;
            }
            if (!empty) {
                lines.add(line.toString());
                line = new StringBuilder(hanging);
            }
            String rest = word;
            int room = width - line.length();
            while (rest.length() > room) {
                if (room <= 0) {
                    // the prefix alone fills the line: start afresh under the hanging indent
                    lines.add(line.toString().stripTrailing());
                    line = new StringBuilder(hanging);
                    room = Math.max(1, width - hanging.length());
                    continue;
                }
                lines.add(line + rest.substring(0, room));
                rest = rest.substring(room);
                line = new StringBuilder(hanging);
                room = Math.max(1, width - hanging.length());
            }
            line.append(rest);
            empty = false;
        }
        lines.add(line.toString().stripTrailing());
        return lines;
    }

    public static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
