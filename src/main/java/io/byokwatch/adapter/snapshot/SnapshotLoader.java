package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.MalformedJsonException;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads an inventory from one JSON file or a folder of them (walked recursively, {@code *.json} only, in sorted
 * order so that runs are repeatable). A file may hold one resource, an array, an ARM list ({@code {"value": [...]}})
 * or {@code az graph query} output ({@code {"data": [...]}}, or the older {@code {"data": {"columns", "rows"}}}).
 * Nothing in one file stops the others: invalid JSON is reported with its line and column, a resource that does not
 * map with its place in the file, and objects of other types are counted and skipped.
 */
public final class SnapshotLoader {
    private static final String NOT_TEXT = "cannot read: not UTF-8 (or UTF-16 with a byte order mark) text";
    private static final Pattern GSON_POSITION = Pattern.compile("(?s)(.*?)\\s*at line (\\d+) column (\\d+)(?: path \\S*)?.*");

    private SnapshotLoader() {
    }

    public static Snapshot load(Path fileOrFolder) {
        if (!Files.exists(fileOrFolder)) {
            throw new IllegalArgumentException("inventory path " + fileOrFolder + " does not exist");
        }
        List<Path> files = jsonFiles(fileOrFolder);
        ResourceCollector collector = new ResourceCollector();
        for (Path file : files) {
            read(file, collector);
        }
        return collector.snapshot(files.size());
    }

    private static List<Path> jsonFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of(root);
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list inventory folder " + root + ": " + e.getMessage(), e);
        }
    }

    private static void read(Path file, ResourceCollector collector) {
        collector.beginFile(file);
        JsonElement root;
        try (Reader in = TextFiles.open(file)) {
            root = parse(in);
        } catch (CharacterCodingException e) {
            collector.problem(new LoadProblem(file, "", NOT_TEXT));
            return;
        } catch (IOException e) {
            collector.problem(new LoadProblem(file, "", "cannot read: " + e.getMessage()));
            return;
        } catch (JsonParseException e) {
            // gson wraps reader failures, undecodable bytes among them, as JsonIOException
            collector.problem(e.getCause() instanceof CharacterCodingException ? new LoadProblem(file, "", NOT_TEXT)
                    : syntaxProblem(file, e));
            return;
        }
        if (root.isJsonNull()) {
            collector.problem(new LoadProblem(file, "", "the file holds no JSON value (empty, or just null)"));
            return;
        }
        unwrap(file, root, collector);
    }

    private static JsonElement parse(Reader in) throws IOException {
        JsonReader reader = new JsonReader(in);
        reader.setStrictness(Strictness.STRICT);
        JsonElement root = JsonParser.parseReader(reader);
        try {
            reader.peek();
        } catch (MalformedJsonException trailing) {
            throw new TrailingText(trailing);
        }
        return root;
    }

    private static void unwrap(Path file, JsonElement root, ResourceCollector collector) {
        if (root.isJsonArray()) {
            addAll(file, "", root.getAsJsonArray(), collector);
            return;
        }
        if (!root.isJsonObject()) {
            collector.problem(new LoadProblem(file, "", "expected a JSON object or array, got " + root));
            return;
        }
        JsonObject object = root.getAsJsonObject();
        JsonView view = JsonView.of(object);
        boolean resource = view.has("id") || view.has("type");
        JsonElement value = view.raw("value");
        JsonElement data = view.raw("data");
        if (!resource && value != null && value.isJsonArray()) {
            addAll(file, "value", value.getAsJsonArray(), collector);
        } else if (!resource && data != null && data.isJsonArray()) {
            addAll(file, "data", data.getAsJsonArray(), collector);
        } else if (!resource && data != null && data.isJsonObject() && data.getAsJsonObject().has("rows")) {
            try {
                addAll(file, "data.rows", GraphTable.rows(data.getAsJsonObject()), collector);
            } catch (SnapshotFormatException e) {
                collector.problem(new LoadProblem(file, "data", "Resource Graph table: " + e.getMessage()));
            }
        } else {
            collector.add(file, "", object);
        }
    }

    private static void addAll(Path file, String container, JsonArray items, ResourceCollector collector) {
        for (int i = 0; i < items.size(); i++) {
            String position = container + "[" + i + "]";
            JsonElement item = items.get(i);
            if (item.isJsonObject()) {
                collector.add(file, position, item.getAsJsonObject());
            } else {
                collector.problem(new LoadProblem(file, position, "expected a JSON object, got " + item));
            }
        }
    }

    private static LoadProblem syntaxProblem(Path file, JsonParseException e) {
        Throwable cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
        String detail = String.valueOf(cause.getMessage());
        Matcher m = GSON_POSITION.matcher(detail);
        String position = m.matches() ? m.group(2) + ":" + m.group(3) : "";
        String what;
        if (e instanceof TrailingText) {
            what = "unexpected text after the JSON value";
        } else if (!m.matches()) {
            what = detail.lines().findFirst().orElse(detail);
        } else if (m.group(1).startsWith("Use JsonReader.setStrictness")) {
            what = "malformed JSON (not strict RFC 8259: comments, single quotes, unquoted names or similar)";
        } else {
            what = m.group(1);
        }
        return new LoadProblem(file, position, "invalid JSON: " + what);
    }

    /** STRICT parsing rejects a second top-level value with a message that only advises leniency. */
    private static final class TrailingText extends JsonParseException {
        TrailingText(MalformedJsonException cause) {
            super(cause);
        }
    }
}
