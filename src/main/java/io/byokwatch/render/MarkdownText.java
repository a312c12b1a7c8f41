package io.byokwatch.render;

import io.byokwatch.domain.Printable;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Escaping for GitHub-flavoured Markdown, where report text comes from resource names and policy files. */
public final class MarkdownText {
    private static final Pattern BACKTICK_RUNS = Pattern.compile("`+");

    private MarkdownText() {
    }

    /**
     * Prose that must show as written: characters that would start emphasis, strikethrough, code, links, entities or
     * raw HTML are escaped (a remediation hint like {@code <kv-name>} would otherwise vanish as an unknown tag), and bare
     * URLs are kept from turning into links.
     */
    public static String text(String s) {
        return oneLine(s).replaceAll("([\\\\`*_\\[\\]<>|~&])", "\\\\$1")
                // GitHub turns bare URLs into links (a caller could plant one in a name): an escaped colon or dot,
                // which renders as itself, stops that
                .replaceAll("(?i)\\b([a-z][a-z0-9+.-]*):(?=//)", "$1\\\\:")
                .replaceAll("(?i)\\bwww\\.", "www\\\\.");
    }

    /**
     * A link to a URL byokwatch itself chose (a rule's documentation): an explicit autolink, since {@link #text} stops
     * the implicit ones. Anything that is not a plain https URL is shown as text.
     */
    public static String url(String url) {
        return url != null && url.matches("https://[^\\s<>`]+") ? "<" + url + ">" : text(url);
    }

    /** A table cell: prose escaping, which includes the pipe that would otherwise end the cell. */
    public static String cell(String s) {
        return text(s);
    }

    /**
     * Inline code. The delimiter is one backtick longer than any run inside, as CommonMark requires; pipes are still
     * escaped because GitHub splits table rows on them even inside code spans.
     */
    public static String code(String s) {
        String fence = "`".repeat(longestRun(s, BACKTICK_RUNS) + 1);
        String body = oneLine(s).replace("|", "\\|");
        String pad = body.startsWith("`") || body.endsWith("`") ? " " : "";
        return fence + pad + body + pad + fence;
    }

    /** A fenced block whose fence cannot be closed early by backticks in the content. */
    public static String fenced(String language, String content) {
        String fence = "`".repeat(Math.max(3, longestRun(content, BACKTICK_RUNS) + 1));
        String body = content.endsWith("\n") ? content : content + "\n";
        return fence + language + "\n" + body + fence + "\n";
    }

    private static String oneLine(String s) {
        return s == null ? "" : Printable.line(s.strip().replaceAll("\\s+", " "));
    }

    private static int longestRun(String s, Pattern pattern) {
        int longest = 0;
        Matcher m = pattern.matcher(s == null ? "" : s);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        return longest;
    }
}
