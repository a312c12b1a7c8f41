package io.byokwatch.adapter.snapshot;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where resources sit in the inventory files, for reports that point at them (SARIF): the line of each resource
 * object (an object with an ARM {@code id} and a {@code type}, {@code name} or {@code properties}), and the first line
 * that mentions an id at all (a cluster's {@code diskEncryptionSetID}, a Resource Graph table row). Read in a pass of
 * its own over the same files, in the loader's order, so the loader stays as it is; a file that is not JSON simply
 * contributes what was read before the error, since the loader reports it.
 */
public final class SourceLines {
    /** One place in one file; {@code line} counts from 1. */
    public record Line(Path file, int line) {
    }

    private static final Pattern LINE = Pattern.compile(" at line (\\d+) ");

    private final Map<String, Line> objects = new HashMap<>();
    private final Map<String, Line> mentions = new HashMap<>();

    private SourceLines() {
    }

    /** Reads every inventory file under the path (the files the loader reads). */
    public static SourceLines of(Path fileOrFolder) {
        SourceLines lines = new SourceLines();
        for (Path file : InventoryFiles.walk(fileOrFolder).json()) {
            lines.read(file);
        }
        return lines;
    }

    /**
     * The resource's own object, else the first mention of its id; by lower-cased id. A later file's object wins, as
     * a later file's record does when the inventory combines copies of one resource.
     */
    public Line find(String resourceId) {
        String key = resourceId.toLowerCase(Locale.ROOT);
        Line object = objects.get(key);
        return object != null ? object : mentions.get(key);
    }

    private void read(Path file) {
        try (Reader in = TextFiles.open(file)) {
            JsonReader reader = new JsonReader(in);
            reader.setStrictness(Strictness.STRICT);
            walk(file, reader);
        } catch (IOException | RuntimeException unreadable) {
            // the loader names the file and the reason; what was read before the error stays
        }
    }

    /** One open object: where it started, and what of it says it is a resource. */
    private static final class Frame {
        final int line;
        String id;
        boolean resourceLike;

        Frame(int line) {
            this.line = line;
        }
    }

    /** Iterative, so a deeply nested (hostile) file cannot exhaust the stack. */
    private void walk(Path file, JsonReader reader) throws IOException {
        Deque<Frame> objectsOpen = new ArrayDeque<>();
        Deque<Boolean> inObject = new ArrayDeque<>();
        String name = null;
        while (true) {
            JsonToken token = reader.peek();
            switch (token) {
                case BEGIN_OBJECT -> {
                    int line = line(reader);
                    reader.beginObject();
                    objectsOpen.push(new Frame(line));
                    inObject.push(true);
                    name = null;
                }
                case END_OBJECT -> {
                    reader.endObject();
                    inObject.pop();
                    Frame f = objectsOpen.pop();
                    if (f.id != null && f.resourceLike) {
                        objects.put(f.id.toLowerCase(Locale.ROOT), new Line(file, f.line));
                    }
                }
                case BEGIN_ARRAY -> {
                    reader.beginArray();
                    inObject.push(false);
                    name = null;
                }
                case END_ARRAY -> {
                    reader.endArray();
                    inObject.pop();
                }
                case NAME -> {
                    name = reader.nextName();
                    Frame f = objectsOpen.peek();
                    if (f != null && List.of("type", "name", "properties").contains(name.toLowerCase(Locale.ROOT))) {
                        f.resourceLike = true;
                    }
                    continue;
                }
                case STRING -> {
                    String value = reader.nextString();
                    if (value.startsWith("/subscriptions/") || value.startsWith("/providers/")) {
                        mentions.putIfAbsent(value.toLowerCase(Locale.ROOT).replaceAll("/+$", ""), new Line(file, line(reader)));
                        Frame f = objectsOpen.peek();
                        if (f != null && Boolean.TRUE.equals(inObject.peek()) && "id".equalsIgnoreCase(name)) {
                            f.id = value.replaceAll("/+$", "");
                        }
                    }
                }
                case END_DOCUMENT -> {
                    return;
                }
                default -> reader.skipValue();
            }
            name = null;
            if (inObject.isEmpty() && reader.peek() == JsonToken.END_DOCUMENT) {
                return;
            }
        }
    }

    private static int line(JsonReader reader) {
        Matcher m = LINE.matcher(reader.toString());
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }
}
