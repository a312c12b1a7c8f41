package io.byokwatch.render.kpi;

import io.byokwatch.render.HtmlText;

import java.util.Locale;

/** Escaping and number formatting for the KPI page; every name on it comes from Azure and is escaped. */
final class Html {
    private Html() {
    }

    static String esc(String s) {
        return HtmlText.esc(s);
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
