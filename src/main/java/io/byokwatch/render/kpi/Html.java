package io.byokwatch.render.kpi;

import java.util.Locale;

/** Escaping and number formatting for the KPI page; every name on it comes from Azure and is escaped. */
final class Html {
    private Html() {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** SVG coordinates with one decimal, in the root locale. */
    static String num(double x) {
        return String.format(Locale.ROOT, "%.1f", x);
    }

    /** At most {@code max} characters, ending in an ellipsis when cut; the full text goes in a title beside it. */
    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }
}
