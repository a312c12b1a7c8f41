package io.byokwatch.adapter.loganalytics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A KQL query kept as a resource file under {@code kql/}, so that the text sent to Log Analytics is the text reviewers
 * read and the offline type-check analyses. A file declares its inputs in a {@code // parameters: name:type, ...}
 * comment and uses them as names; rendering puts one {@code let name = value;} line per parameter in front, with
 * values written as KQL literals, so no value is ever pasted into the query text itself.
 */
public final class KqlQuery {
    /** Every query the product ships, by resource name. The type-check test walks this list. */
    public static final List<String> SHIPPED = List.of("probe-table", "hourly-azurediagnostics", "hourly-azkvauditlogs",
            "raw-rows-azurediagnostics", "raw-rows-azkvauditlogs", "recent-audit-rows");

    private static final Pattern PARAMETERS = Pattern.compile("(?m)^//\\s*parameters:\\s*(.+)$");
    private static final Pattern PARAMETER = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*:\\s*(datetime|string|int)\\s*");

    private final String name;
    private final String body;
    private final Map<String, String> parameters;

    private KqlQuery(String name, String body, Map<String, String> parameters) {
        this.name = name;
        this.body = body;
        this.parameters = parameters;
    }

    /** Loads {@code kql/<name>.kql} from the class path; a malformed header is a build defect and throws. */
    public static KqlQuery load(String name) {
        String resource = "kql/" + name + ".kql";
        String text;
        try (InputStream in = KqlQuery.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher header = PARAMETERS.matcher(text);
        if (header.find()) {
            for (String p : header.group(1).split(",")) {
                Matcher m = PARAMETER.matcher(p);
                if (!m.matches()) {
                    throw new IllegalStateException(resource + ": parameter '" + p.trim() + "' is not name:datetime|string|int");
                }
                params.put(m.group(1), m.group(2));
            }
        }
        return new KqlQuery(name, text, params);
    }

    public String name() {
        return name;
    }

    /** Declared parameters, name to type, in declaration order. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /**
     * The query with its parameters bound. Values: {@link Instant} for datetime, any text for string (null is empty),
     * a number for int. Every declared parameter must be given and nothing else.
     */
    public String render(Map<String, ?> values) {
        if (!values.keySet().equals(parameters.keySet())) {
            throw new IllegalArgumentException(name + ".kql takes " + parameters.keySet() + ", not " + values.keySet());
        }
        // The bindings go after the file's leading comments, so that a person reading the query meets its purpose first.
        int split = 0;
        while (body.startsWith("//", split)) {
            int eol = body.indexOf('\n', split);
            split = eol < 0 ? body.length() : eol + 1;
        }
        StringBuilder sb = new StringBuilder(body.substring(0, split));
        parameters.forEach((p, type) -> sb.append("let ").append(p).append(" = ").append(literal(type, values.get(p)))
                .append(";\n"));
        return sb.append(body, split, body.length()).toString();
    }

    private String literal(String type, Object value) {
        return switch (type) {
            case "datetime" -> {
                if (!(value instanceof Instant t)) {
                    throw new IllegalArgumentException(name + ".kql: a datetime parameter needs an Instant, not " + value);
                }
                yield "datetime(" + DateTimeFormatter.ISO_INSTANT.format(t) + ")";
            }
            case "int" -> {
                if (!(value instanceof Integer n)) {
                    throw new IllegalArgumentException(name + ".kql: an int parameter needs an Integer, not " + value);
                }
                yield Integer.toString(n);
            }
            default -> string(value == null ? "" : value.toString());
        };
    }

    /** A double-quoted KQL string literal: backslash escapes, like C#. */
    static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }
}
