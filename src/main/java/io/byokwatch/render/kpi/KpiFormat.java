package io.byokwatch.render.kpi;

import io.byokwatch.kpi.KpiReport;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats of {@code byokwatch kpi --format}, each with its renderer, file extension and media type. */
public enum KpiFormat {
    JSON, MARKDOWN, HTML;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String render(KpiReport report) {
        return switch (this) {
            case JSON -> KpiJsonRenderer.render(report);
            case MARKDOWN -> KpiMarkdownRenderer.render(report);
            case HTML -> KpiHtmlRenderer.render(report);
        };
    }

    public String extension() {
        return this == MARKDOWN ? "md" : label();
    }

    public String contentType() {
        return switch (this) {
            case JSON -> "application/json; charset=utf-8";
            case MARKDOWN -> "text/markdown; charset=utf-8";
            case HTML -> "text/html; charset=utf-8";
        };
    }

    public static KpiFormat parse(String text) {
        for (KpiFormat f : values()) {
            if (f.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a KPI format; use one of "
                + Arrays.stream(values()).map(KpiFormat::label).collect(Collectors.joining(", ")));
    }
}
