package io.byokwatch.render.report;

import io.byokwatch.rules.RuleCatalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The values of {@code --format}, each with the renderer that produces it. */
public enum ReportFormat {
    TABLE, JSON, SARIF, MARKDOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The renderer for this format; SARIF lists the whole catalog, so it needs it. */
    public ReportRenderer renderer(RuleCatalog catalog) {
        return switch (this) {
            case TABLE -> new TableRenderer();
            case JSON -> new JsonReportRenderer();
            case SARIF -> new SarifRenderer(catalog);
            case MARKDOWN -> new MarkdownRenderer();
        };
    }

    /** Parses a flag value case-insensitively, with an error naming the accepted values. */
    public static ReportFormat parse(String text) {
        for (ReportFormat f : values()) {
            if (f.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a format; use one of "
                + Arrays.stream(values()).map(ReportFormat::label).collect(Collectors.joining(", ")));
    }
}
