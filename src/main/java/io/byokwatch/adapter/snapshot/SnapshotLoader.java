package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an inventory from one JSON file or a folder of them (walked recursively, {@code *.json} only, in sorted
 * order so that runs are repeatable, following symbolic links: see {@link InventoryFiles}). A file may hold one resource, an array, an ARM list ({@code {"value": [...]}})
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
        return load(InventoryFiles.walk(fileOrFolder));
    }

    /** Reads the files of a walk; what the walk could not follow becomes a problem with its path. */
    public static Snapshot load(InventoryFiles walked) {
        List<Path> files = walked.json();
        ResourceCollector collector = new ResourceCollector();
        walked.problems().forEach(s -> collector.problem(new LoadProblem(s.path(), "", s.reason())));
        ReadAhead.each(files, SnapshotLoader::read, collector, ReadAhead.parsers());
        return collector.snapshot(files.size());
    }

    /**
     * Reads one file, streaming: the elements of a top-level array, or of the {@code value} / {@code data} array of an
     * ARM list or Resource Graph result, are parsed and handed over one at a time, so a file of a million resources
     * never exists as one JSON tree in memory. A file that does not parse contributes nothing (a cut-off export read in
     * part would make what it lost look absent): a sink that maps as it goes gets a file's records once it has parsed
     * whole; any other sink gets them after a first pass has checked the whole file's syntax without keeping any of it.
     */
    private static void read(Path file, ParsedSink collector) {
        ParsedSink.Mapper mapper = collector.mapper();
        LoadProblem failed = mapper != null ? readOnce(file, collector, mapper) : readTwice(file, collector);
        if (failed != null) {
            collector.problem(failed);
        }
    }

    /** Syntax first, kept nowhere, then the resources streamed: for a sink that keeps parsed objects as they come. */
    private static LoadProblem readTwice(Path file, ParsedSink collector) {
        try {
            try (Reader in = TextFiles.open(file)) {
                if (!syntaxChecked(file, in, collector)) {
                    return null;
                }
            }
            // only a file that parses may say what it lists (an empty HSM assignments file means "none granted")
            collector.beginFile(file);
            parse(file, collector);
            return null;
        } catch (IOException | JsonParseException e) {
            return unreadable(file, e);
        }
    }

    /**
     * One pass, for a sink that maps as it goes: what the file says is mapped and kept aside, and handed over only once
     * the whole file has parsed. The mapped records are what a load keeps anyway, so this costs no memory the load
     * would not use, and it saves tokenizing every file twice (a fifth of loading 118 MB of exports).
     */
    private static LoadProblem readOnce(Path file, ParsedSink collector, ParsedSink.Mapper mapper) {
        FileBuffer buffer = new FileBuffer(mapper);
        try {
            parse(file, buffer);
        } catch (IOException | JsonParseException e) {
            return unreadable(file, e);
        }
        collector.beginFile(file);
        buffer.handTo(collector);
        return null;
    }

    private static void parse(Path file, ParsedSink sink) throws IOException {
        try (Reader in = TextFiles.open(file)) {
            JsonReader reader = new JsonReader(in);
            reader.setStrictness(Strictness.STRICT);
            try {
                readRoot(file, reader, sink);
            } catch (MalformedJsonException | EOFException e) {
                throw new JsonSyntaxException(e);
            }
        }
    }

    /**
     * Why a file could not be read, as the problem to report; gson wraps undecodable bytes as JsonIOException. A heap
     * exhausted while parsing (which gson also wraps) is no problem of the file: it goes on, to be reported as such.
     */
    private static LoadProblem unreadable(Path file, Exception e) {
        if (e.getCause() instanceof OutOfMemoryError heap) {
            throw heap;
        }
        if (e instanceof CharacterCodingException
                || (e instanceof JsonParseException && e.getCause() instanceof CharacterCodingException)) {
            return new LoadProblem(file, "", NOT_TEXT);
        }
        if (e instanceof JsonParseException p) {
            return syntaxProblem(file, p);
        }
        return new LoadProblem(file, "", "cannot read: " + e.getMessage());
    }

    /** What one file said, mapped, waiting for the file to finish parsing. */
    private static final class FileBuffer implements ParsedSink {
        private final ParsedSink.Mapper mapper;
        private final List<Object> said = new ArrayList<>();

        FileBuffer(ParsedSink.Mapper mapper) {
            this.mapper = mapper;
        }

        @Override
        public void beginFile(Path file) {
            // said by readOnce, once the file has parsed
        }

        @Override
        public void add(Path file, String position, JsonObject resource) {
            said.add(mapper.map(file, position, resource));
        }

        @Override
        public void problem(LoadProblem problem) {
            said.add(problem);
        }

        void handTo(ParsedSink collector) {
            for (Object o : said) {
                if (o instanceof LoadProblem p) {
                    collector.problem(p);
                } else {
                    collector.addMapped((ParsedSink.Mapped) o);
                }
            }
        }
    }

    /** The whole file's syntax, read token by token and kept nowhere; false (with the problem reported) when bad. */
    private static boolean syntaxChecked(Path file, Reader in, ParsedSink collector) throws IOException {
        JsonReader reader = new JsonReader(in);
        reader.setStrictness(Strictness.STRICT);
        try {
            try {
                reader.peek();
            } catch (EOFException empty) {
                return true; // the reading pass says the file is empty
            }
            reader.skipValue();
            requireEnd(reader);
            return true;
        } catch (MalformedJsonException | EOFException e) {
            collector.problem(syntaxProblem(file, new JsonSyntaxException(e)));
            return false;
        } catch (TrailingText e) {
            collector.problem(syntaxProblem(file, e));
            return false;
        }
    }

    private static void readRoot(Path file, JsonReader reader, ParsedSink collector) throws IOException {
        JsonToken first;
        try {
            first = reader.peek();
        } catch (EOFException empty) {
            collector.problem(new LoadProblem(file, "", "the file holds no JSON value (empty, or just null)"));
            return;
        }
        if (first == JsonToken.BEGIN_ARRAY) {
            streamArray(file, "", reader, collector);
        } else if (first == JsonToken.BEGIN_OBJECT) {
            readObject(file, reader, collector);
        } else {
            JsonElement root = JsonParser.parseReader(reader);
            if (root.isJsonNull()) {
                collector.problem(new LoadProblem(file, "", "the file holds no JSON value (empty, or just null)"));
                return;
            }
            requireEnd(reader);
            unwrap(file, root, collector);
            return;
        }
        requireEnd(reader);
    }

    /**
     * A top-level object: a resource, or a wrapper whose {@code value} or {@code data} array holds resources. The array
     * is streamed when it comes before any {@code id} or {@code type} (so the object cannot be a resource); anything
     * else is gathered and judged whole, as before.
     */
    private static void readObject(Path file, JsonReader reader, ParsedSink collector) throws IOException {
        reader.beginObject();
        JsonObject object = new JsonObject();
        boolean streamed = false;
        while (reader.hasNext()) {
            String name = reader.nextName();
            String lower = name.toLowerCase(Locale.ROOT);
            boolean container = lower.equals("value") || lower.equals("data");
            if (container && !streamed && !looksLikeResource(object) && reader.peek() == JsonToken.BEGIN_ARRAY) {
                streamArray(file, lower, reader, collector);
                streamed = true;
            } else {
                object.add(name, JsonParser.parseReader(reader));
            }
        }
        reader.endObject();
        if (!streamed) {
            unwrap(file, object, collector);
        }
    }

    private static boolean looksLikeResource(JsonObject object) {
        JsonView view = JsonView.of(object);
        return view.has("id") || view.has("type");
    }

    private static void streamArray(Path file, String container, JsonReader reader, ParsedSink collector)
            throws IOException {
        reader.beginArray();
        for (int i = 0; reader.hasNext(); i++) {
            String position = container + "[" + i + "]";
            JsonElement item = JsonParser.parseReader(reader);
            if (item.isJsonObject()) {
                collector.add(file, position, item.getAsJsonObject());
            } else {
                collector.problem(new LoadProblem(file, position, "expected a JSON object, got " + item));
            }
        }
        reader.endArray();
    }

    /** STRICT parsing rejects a second top-level value with a message that only advises leniency: say what it is. */
    private static void requireEnd(JsonReader reader) throws IOException {
        try {
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new TrailingText(new MalformedJsonException("more than one JSON value"));
            }
        } catch (MalformedJsonException trailing) {
            throw new TrailingText(trailing);
        }
    }

    private static void unwrap(Path file, JsonElement root, ParsedSink collector) {
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

    private static void addAll(Path file, String container, JsonArray items, ParsedSink collector) {
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
