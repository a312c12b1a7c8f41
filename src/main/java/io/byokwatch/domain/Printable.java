package io.byokwatch.domain;

/**
 * Text from outside (event ids, caller names, audit-log UPNs, resource names) as a terminal or a log may show it: one
 * line, with every control character written out as an escape. A raw newline in a caller's name would forge a log
 * line, and an escape sequence would rewrite the terminal (clear it, move the cursor, retitle the window); bidirectional
 * overrides would make a line read differently from what it holds. JSON needs none of this: its own escaping does it.
 */
public final class Printable {
    private Printable() {
    }

    /** The text on one line: {@code \n}, {@code \r}, {@code \t} as those escapes, other controls as {@code \x1b} or {@code \u202e}. */
    public static String line(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escape = escape(c);
            if (escape != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                out.append(escape != null ? escape : String.valueOf(c));
            }
        }
        return out == null ? s : out.toString();
    }

    /** Each line of a multi-line text made safe on its own; the line breaks between them are kept. */
    public static String lines(String s) {
        if (s == null) {
            return "null";
        }
        String[] parts = s.split("\n", -1);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].endsWith("\r") ? parts[i].substring(0, parts[i].length() - 1) : parts[i];
            out.append(line(part));
            if (i < parts.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
        boolean format = c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
        if (control) {
            return String.format("\\x%02x", (int) c);
        }
        return format ? String.format("\\u%04x", (int) c) : null;
    }
}
