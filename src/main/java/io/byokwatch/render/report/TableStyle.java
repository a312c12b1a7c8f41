package io.byokwatch.render.report;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Severity and status colours for a terminal (ANSI SGR), applied to finished lines so that wrapping and column widths
 * never count escape codes. {@link #PLAIN} for files, pipes, CI logs and {@code NO_COLOR}.
 */
public final class TableStyle {
    public static final TableStyle PLAIN = new TableStyle(false);
    public static final TableStyle COLOUR = new TableStyle(true);

    private static final String RESET = "\u001b[0m";
    private static final Map<String, String> SGR = Map.of(
            "[CRITICAL]", "\u001b[1;97;41m", "[HIGH]", "\u001b[1;31m", "[MEDIUM]", "\u001b[33m", "[LOW]", "\u001b[36m",
            "NONCOMPLIANT", "\u001b[1;31m", "UNKNOWN", "\u001b[1;33m", "EXEMPT", "\u001b[35m", "COMPLIANT", "\u001b[32m",
            "NOT-REQUIRED", "\u001b[2m");
    private static final Pattern LEADING = Pattern.compile(
            "^(\\s*)(\\[CRITICAL]|\\[HIGH]|\\[MEDIUM]|\\[LOW]|NONCOMPLIANT|UNKNOWN|EXEMPT|COMPLIANT|NOT-REQUIRED)(?=\\s)");

    private final boolean colour;

    private TableStyle(boolean colour) {
        this.colour = colour;
    }

    public boolean colour() {
        return colour;
    }

    /** Colours the severity tag or status a line starts with; other lines pass unchanged. */
    String line(String line) {
        if (!colour) {
            return line;
        }
        Matcher m = LEADING.matcher(line);
        if (!m.find()) {
            return line;
        }
        return m.group(1) + SGR.get(m.group(2)) + m.group(2) + RESET + line.substring(m.end());
    }
}
