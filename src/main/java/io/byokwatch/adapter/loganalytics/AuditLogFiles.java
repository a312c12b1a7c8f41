package io.byokwatch.adapter.loganalytics;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.AccessScope;
import io.byokwatch.port.AccessLogException;
import io.byokwatch.port.AccessLogRead;
import io.byokwatch.port.AccessLogSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Key Vault audit logs exported to files, in any of the shapes Azure produces:
 * <ul>
 * <li>AuditEvent records as diagnostic settings write them: JSON lines (storage account {@code PT1H.json} blobs), a
 * {@code {"records": [...]}} document (event hub), or a JSON array;</li>
 * <li>a Log Analytics query response ({@code {"tables": [{"columns", "rows"}]}}), of raw AzureDiagnostics or
 * AZKVAuditLogs rows or of the hourly bins the shipped query returns;</li>
 * <li>CSV exported from the Log Analytics portal.</li>
 * </ul>
 * A folder is read recursively. A bad record is reported with its file and line and the rest still count; JSON lines
 * are read line by line so that a blob cut off mid-write loses only its last line.
 */
public final class AuditLogFiles implements AccessLogSource {
    private static final int PROBLEMS_PER_FILE = 3;
    private static final int MAX_NESTING = 3;

    private final List<Path> paths;
    private final AccessTable queriesFor;

    /** @param queriesFor the table whose KQL the report offers for raw rows (the files do not say which one they came from) */
    public AuditLogFiles(List<Path> paths, AccessTable queriesFor) {
        this.paths = List.copyOf(paths);
        this.queriesFor = queriesFor;
    }

    @Override
    public String rawRowsQuery(AccessScope scope) {
        return queriesFor.rawRowsQuery(scope);
    }

    @Override
    public AccessLogRead read(Instant from, Instant to, Consumer<AccessRecord> sink) {
        List<Path> files = files();
        List<String> problems = new ArrayList<>();
        long[] outside = {0};
        long[] auditRecords = {0};
        long[] otherRecords = {0};
        for (Path file : files) {
            FileRead read = new FileRead(file, problems);
            read.other = () -> otherRecords[0]++;
            read.sink = r -> {
                auditRecords[0]++;
                if (r.hour().isBefore(from) || !r.hour().isBefore(to)) {
                    outside[0] += r.count();
                } else {
                    sink.accept(r);
                }
            };
            read.run();
        }
        if (auditRecords[0] == 0 && otherRecords[0] == 0) {
            throw new AccessLogException("no Key Vault audit records in " + describe(files) + (problems.isEmpty() ? ""
                    : ": " + String.join(" ", problems.subList(0, Math.min(3, problems.size())))));
        }
        if (auditRecords[0] == 0) {
            // a window of secret and certificate traffic alone is a valid one: it is when a silent disk key matters
            problems.add(otherRecords[0] + " audit events about secrets, certificates or other objects were read and left"
                    + " out, and none about keys or vaults: the vaults log, but nothing used a key.");
        }
        if (outside[0] > 0) {
            problems.add(outside[0] + " audit events in the files lie outside " + from + " to " + to + " and were left out.");
        }
        return new AccessLogRead(describe(files), problems);
    }

    private List<Path> files() {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p)) {
                out.add(p);
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    // A folder holds exports next to notes and READMEs; only log formats are read from it.
                    walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .filter(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                                    .matches(".*\\.(json|jsonl|ndjson|csv)"))
                            .sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new AccessLogException("cannot list " + p + ": " + e.getMessage(), e);
                }
            } else {
                throw new AccessLogException("audit log path " + p + " does not exist; point --logs at exported AuditEvent"
                        + " JSON, a Log Analytics response or a portal CSV export, or a folder of them");
            }
        }
        return out;
    }

    private static String describe(List<Path> files) {
        return files.size() == 1 ? files.get(0).toString() : files.size() + " files (" + files.get(0) + ", ...)";
    }

    /** Reading one file: its format, its records, and up to three problems with their place in the file. */
    private static final class FileRead {
        private final Path file;
        private final List<String> problems;
        private Consumer<AccessRecord> sink;
        private Runnable other = () -> { };
        private int badRecords;
        private int line;

        FileRead(Path file, List<String> problems) {
            this.file = file;
            this.problems = problems;
        }

        void run() {
            try {
                String first = firstLine();
                if (first == null) {
                    return;
                }
                if (file.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
                        || !(first.startsWith("{") || first.startsWith("["))) {
                    csv();
                } else if (first.startsWith("{") && completeJson(first)) {
                    jsonLines();
                } else {
                    jsonStream();
                }
            } catch (IOException | JsonParseException | IllegalStateException e) {
                problems.add(file + (line > 0 ? " line " + line : "") + ": not readable as an audit log ("
                        + e.getMessage() + "); the records before it were kept.");
            }
            if (badRecords > PROBLEMS_PER_FILE) {
                problems.add(file + ": " + (badRecords - PROBLEMS_PER_FILE) + " more records were not audit events.");
            }
        }

        private String firstLine() throws IOException {
            try (BufferedReader r = open()) {
                String l;
                while ((l = r.readLine()) != null) {
                    if (!l.isBlank()) {
                        return l.strip();
                    }
                }
                return null;
            }
        }

        private static boolean completeJson(String text) {
            try {
                return JsonParser.parseString(text).isJsonObject();
            } catch (JsonParseException e) {
                return false;
            }
        }

        private void jsonLines() throws IOException {
            try (BufferedReader r = open()) {
                String l;
                line = 0;
                while ((l = r.readLine()) != null) {
                    line++;
                    if (l.isBlank()) {
                        continue;
                    }
                    try {
                        value(JsonParser.parseString(l));
                    } catch (JsonParseException e) {
                        bad("not JSON (" + e.getMessage() + ")");
                    }
                }
            }
        }

        private void jsonStream() throws IOException {
            try (JsonReader r = new JsonReader(open())) {
                r.setStrictness(Strictness.LENIENT);
                while (r.peek() != JsonToken.END_DOCUMENT) {
                    if (r.peek() == JsonToken.BEGIN_ARRAY) {
                        r.beginArray();
                        while (r.hasNext()) {
                            value(JsonParser.parseReader(r));
                        }
                        r.endArray();
                    } else if (r.peek() == JsonToken.BEGIN_OBJECT) {
                        object(r);
                    } else {
                        throw new IllegalStateException("expected JSON objects or arrays, found " + r.peek());
                    }
                }
            }
        }

        /** A top-level object, streamed when it is a records document or a query response, which can be large. */
        private void object(JsonReader r) throws IOException {
            r.beginObject();
            JsonObject record = new JsonObject();
            while (r.hasNext()) {
                String name = r.nextName();
                if (name.equals("records") && r.peek() == JsonToken.BEGIN_ARRAY) {
                    r.beginArray();
                    while (r.hasNext()) {
                        value(JsonParser.parseReader(r));
                    }
                    r.endArray();
                } else if (name.equals("tables") && r.peek() == JsonToken.BEGIN_ARRAY) {
                    r.beginArray();
                    while (r.hasNext()) {
                        table(r);
                    }
                    r.endArray();
                } else {
                    record.add(name, JsonParser.parseReader(r));
                }
            }
            r.endObject();
            if (record.has("error")) {
                problems.add(file + ": the saved query response reports an error: "
                        + AuditFields.clip(record.get("error").toString(), 500));
            }
            if (record.has("time") || record.has("operationName")) {
                value(record);
            }
        }

        private void table(JsonReader r) throws IOException {
            r.beginObject();
            AuditRowShape shape = null;
            JsonArray early = null;
            while (r.hasNext()) {
                String name = r.nextName();
                if (name.equals("columns")) {
                    List<String> columns = new ArrayList<>();
                    for (JsonElement c : JsonParser.parseReader(r).getAsJsonArray()) {
                        JsonElement n = c.isJsonObject() ? c.getAsJsonObject().get("name") : null;
                        if (n == null || !n.isJsonPrimitive()) {
                            throw new IllegalStateException("column " + (columns.size() + 1) + " of the table has no name");
                        }
                        columns.add(n.getAsString());
                    }
                    shape = shape(columns);
                } else if (name.equals("rows") && shape != null) {
                    r.beginArray();
                    while (r.hasNext()) {
                        row(shape, JsonParser.parseReader(r).getAsJsonArray());
                    }
                    r.endArray();
                } else if (name.equals("rows")) {
                    early = JsonParser.parseReader(r).getAsJsonArray();
                } else {
                    r.skipValue();
                }
            }
            r.endObject();
            if (early != null && shape != null) {
                for (JsonElement row : early) {
                    row(shape, row.getAsJsonArray());
                }
            }
        }

        private AuditRowShape shape(List<String> columns) {
            AuditRowShape shape = AuditRowShape.of(columns);
            if (shape == null) {
                throw new IllegalStateException("the table's columns " + columns + " are not Key Vault audit rows");
            }
            return shape;
        }

        private void row(AuditRowShape shape, JsonArray row) {
            String[] cells = new String[row.size()];
            for (int i = 0; i < cells.length; i++) {
                JsonElement e = row.get(i);
                cells[i] = e.isJsonNull() ? null : e.isJsonPrimitive() ? e.getAsString() : e.toString();
            }
            cells(shape, cells);
        }

        private void value(JsonElement e) {
            value(e, 0);
        }

        /**
         * One record, or a list or records document of them. Exports nest at most a list in a document; deeper nesting
         * is no audit log, and following it would let a crafted file exhaust the stack.
         */
        private void value(JsonElement e, int depth) {
            if (depth > MAX_NESTING && (e.isJsonArray() || e.isJsonObject() && e.getAsJsonObject().has("records"))) {
                bad("lists nested more than " + MAX_NESTING + " deep");
            } else if (e.isJsonArray()) {
                e.getAsJsonArray().forEach(x -> value(x, depth + 1));
            } else if (e.isJsonObject() && e.getAsJsonObject().get("records") instanceof JsonArray records) {
                records.forEach(x -> value(x, depth + 1));
            } else if (e.isJsonObject() && e.getAsJsonObject().get("tables") instanceof JsonArray) {
                try (JsonReader r = new JsonReader(new StringReader(e.toString()))) {
                    object(r);
                } catch (IOException impossible) {
                    throw new IllegalStateException(impossible);
                }
            } else if (e.isJsonObject()) {
                try {
                    AccessRecord rec = AuditEventRecord.toRecord(e.getAsJsonObject());
                    if (rec != null) {
                        sink.accept(rec);
                    } else if (AuditEventRecord.auditEvent(e.getAsJsonObject())) {
                        other.run();
                    }
                } catch (IllegalArgumentException ex) {
                    bad(ex.getMessage());
                }
            } else {
                bad("expected an audit record object, found " + AuditFields.clip(e.toString(), 60));
            }
        }

        private void csv() throws IOException {
            try (Reader in = open()) {
                CsvReader csv = new CsvReader(in);
                String[] header = csv.next();
                if (header == null) {
                    return;
                }
                AuditRowShape shape = shape(List.of(header));
                String[] row;
                while ((row = csv.next()) != null) {
                    line = csv.recordLine();
                    cells(shape, row);
                }
            }
        }

        private void cells(AuditRowShape shape, String[] cells) {
            try {
                AccessRecord rec = shape.record(cells);
                if (rec != null) {
                    sink.accept(rec);
                } else if (shape.auditRow(cells)) {
                    other.run();
                }
            } catch (IllegalArgumentException e) {
                bad(e.getMessage());
            }
        }

        private void bad(String why) {
            if (++badRecords <= PROBLEMS_PER_FILE) {
                problems.add(file + (line > 0 ? " line " + line : "") + ": " + why + ".");
            }
        }

        /** The file as text, past a byte-order mark if there is one (Windows tools write them). */
        private BufferedReader open() throws IOException {
            BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            r.mark(1);
            if (r.read() != '\uFEFF') {
                r.reset();
            }
            return r;
        }
    }
}
