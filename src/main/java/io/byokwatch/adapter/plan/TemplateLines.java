package io.byokwatch.adapter.plan;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line each resource object of a template starts on, by JSON path ({@code $.resources[2]},
 * {@code $.resources.aksCluster}, {@code $.resources[0].properties.template.resources[1]}), so findings and SARIF
 * results can point into the template. Gson's tree keeps no positions, so the file is read once more as a stream.
 */
final class TemplateLines {
    private static final Pattern LINE = Pattern.compile("at line (\\d+)");
    private static final Pattern RESOURCE_PATH = Pattern.compile(".*\\.resources(\\[\\d+\\]|\\.[^.\\[]+)$");

    private TemplateLines() {
    }

    static Map<String, Integer> of(Path file) {
        Map<String, Integer> lines = new HashMap<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonReader reader = new JsonReader(in);
            reader.setStrictness(Strictness.LENIENT);
            walk(reader, lines);
        } catch (IOException | RuntimeException e) {
            // lines are a convenience: a file that parsed once as JSON and fails here just gets no line numbers
            return lines;
        }
        return lines;
    }

    private static void walk(JsonReader reader, Map<String, Integer> lines) throws IOException {
        while (true) {
            JsonToken token = reader.peek();
            switch (token) {
                case BEGIN_OBJECT -> {
                    String path = reader.getPath();
                    if (RESOURCE_PATH.matcher(path).matches()) {
                        Matcher m = LINE.matcher(reader.toString());
                        if (m.find()) {
                            lines.putIfAbsent(path, Integer.parseInt(m.group(1)));
                        }
                    }
                    reader.beginObject();
                }
                case END_OBJECT -> reader.endObject();
                case BEGIN_ARRAY -> reader.beginArray();
                case END_ARRAY -> reader.endArray();
                case NAME -> reader.nextName();
                case END_DOCUMENT -> {
                    return;
                }
                default -> reader.skipValue();
            }
        }
    }
}
