package io.byokwatch.render.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats of {@code byokwatch access-report --format}, each with its renderer. */
public enum AccessFormat {
    MARKDOWN, JSON, HTML;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public AccessReportRenderer renderer() {
        return switch (this) {
            case MARKDOWN -> new AccessMarkdownRenderer();
            case JSON -> new AccessJsonRenderer();
            case HTML -> new AccessHtmlRenderer();
        };
    }

    /** The file name extension reports of this format are saved with. */
    public String extension() {
        return this == MARKDOWN ? "md" : label();
    }

    /** The media type it is stored with, so that a browser opening the stored report shows it rightly. */
    public String contentType() {
        return switch (this) {
            case MARKDOWN -> "text/markdown";
            case JSON -> "application/json";
            case HTML -> "text/html";
        };
    }

    public static AccessFormat parse(String text) {
        for (AccessFormat f : values()) {
            if (f.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an access report format; use one of "
                + Arrays.stream(values()).map(AccessFormat::label).collect(Collectors.joining(", ")));
    }
}
