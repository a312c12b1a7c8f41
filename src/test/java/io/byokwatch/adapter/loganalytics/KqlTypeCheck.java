package io.byokwatch.adapter.loganalytics;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code tools/node/kql-check.js} (Microsoft's Kusto language service, installed by the build into tools/node)
 * over queries and table schemas, and returns what it says: diagnostics and result columns per query and database.
 */
final class KqlTypeCheck {
    /** The two workspaces every query must work in. */
    static final String INGESTED = "every-column-ingested";
    static final String FRESH = "fresh-azurediagnostics";

    record Diagnostic(String severity, String message) {
    }

    record Result(String query, String database, List<Diagnostic> diagnostics, Map<String, String> columns) {
        /** Errors and warnings: a misspelt column is an error, a fuzzy-union table that does not exist a warning. */
        List<Diagnostic> problems() {
            return diagnostics.stream().filter(d -> d.severity.equals("Error") || d.severity.equals("Warning")).toList();
        }
    }

    private KqlTypeCheck() {
    }

    /**
     * The databases: one where AzureDiagnostics has every Key Vault column ever ingested, and one where it has only its
     * fixed columns (a workspace that has not yet seen a UPN or an object URL); AZKVAuditLogs is the same in both.
     */
    static JsonArray databases() {
        JsonObject ad = resource("kql/azurediagnostics.columns.json");
        JsonObject kv = resource("kql/azkvauditlogs.columns.json");
        JsonObject all = ad.getAsJsonObject("fixed").deepCopy();
        ad.getAsJsonObject("flattened").entrySet().forEach(e -> all.add(e.getKey(), e.getValue()));
        JsonArray dbs = new JsonArray();
        dbs.add(database(INGESTED, all, kv.getAsJsonObject("columns")));
        dbs.add(database(FRESH, ad.getAsJsonObject("fixed"), kv.getAsJsonObject("columns")));
        return dbs;
    }

    private static JsonObject database(String name, JsonObject azureDiagnostics, JsonObject azkv) {
        JsonObject tables = new JsonObject();
        tables.add("AzureDiagnostics", azureDiagnostics);
        tables.add("AZKVAuditLogs", azkv);
        JsonObject db = new JsonObject();
        db.addProperty("name", name);
        db.add("tables", tables);
        return db;
    }

    /** Checks each named query text against both databases. */
    static List<Result> check(Map<String, String> queries) {
        JsonObject request = new JsonObject();
        request.add("databases", databases());
        JsonArray qs = new JsonArray();
        queries.forEach((name, text) -> {
            JsonObject q = new JsonObject();
            q.addProperty("name", name);
            q.addProperty("text", text);
            qs.add(q);
        });
        request.add("queries", qs);
        Path script = checkout().resolve("tools/node/kql-check.js");
        try {
            Path file = Files.createTempFile("kql-check-", ".json");
            try {
                Files.writeString(file, new Gson().toJson(request), StandardCharsets.UTF_8);
                Process p = new ProcessBuilder("node", script.toString(), file.toString()).redirectErrorStream(false).start();
                byte[] out = p.getInputStream().readAllBytes();
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("kql-check.js did not finish within 120 s");
                }
                if (p.exitValue() == 3) {
                    throw new IllegalStateException(err.strip() + " (mvn generate-test-resources runs npm install in tools/node;"
                            + " -DskipNpm skips it)");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("kql-check.js exited " + p.exitValue() + ": " + err);
                }
                return parse(new String(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run node " + script + " (is Node.js 20 on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Result> parse(String json) {
        List<Result> out = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("results")) {
            JsonObject r = e.getAsJsonObject();
            List<Diagnostic> diagnostics = new ArrayList<>();
            for (JsonElement d : r.getAsJsonArray("diagnostics")) {
                diagnostics.add(new Diagnostic(d.getAsJsonObject().get("severity").getAsString(),
                        d.getAsJsonObject().get("message").getAsString()));
            }
            Map<String, String> columns = new LinkedHashMap<>();
            for (JsonElement c : r.getAsJsonArray("columns")) {
                columns.put(c.getAsJsonObject().get("name").getAsString(), c.getAsJsonObject().get("type").getAsString());
            }
            out.add(new Result(r.get("query").getAsString(), r.get("database").getAsString(), diagnostics, columns));
        }
        return out;
    }

    private static JsonObject resource(String name) {
        try (InputStream in = KqlTypeCheck.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test class path");
            }
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path checkout() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("tools/node/kql-check.js"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("tools/node/kql-check.js not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
