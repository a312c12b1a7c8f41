package io.byokwatch.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.byokwatch.access.synth.ExampleAuditLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The real command in-process on the bundled example estate and its synthetic audit logs, as the demo runs it. */
class AccessReportCommandTest {
    private static final String NOW = "2026-12-01T02:00:00Z";

    record Result(int code, String out, String err) {
    }

    static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        List<String> argv = new ArrayList<>(List.of("access-report"));
        argv.addAll(List.of(args));
        int code = Main.run(argv.toArray(String[]::new), o, e, env);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result demo(String... extra) {
        List<String> args = new ArrayList<>(List.of("--logs", "examples/logs", "--inventory", "examples/estate", "--now", NOW));
        args.addAll(List.of(extra));
        return run(Map.of(), args.toArray(String[]::new));
    }

    @Test
    void theDemo_putsThePersonUnwrappingThePaymentDiskKeyFirst() {
        Result r = demo();
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2 anomalies: 1 critical, 1 medium."), r.out());
        assertTrue(r.out().contains("### 1. critical: `unexpected-caller` on `kv-pay-prod/aks-disk`"), r.out());
        assertTrue(r.out().contains("User alex.ruiz@contoso.example (3d1f6b9e-7a42-4c8e-9b15-6e0a2c4d8f71) called KeyUnwrap x6, KeyGet x2"),
                r.out());
        assertTrue(r.out().contains("### 2. medium: `silent-key` on `kv-pay-prod/archive-disk`"),
                "the deleted key of the example estate: its set gets 404 on every unwrap");
    }

    @Test
    void theDemoAsJson_followsThePublishedSchema() throws IOException {
        Result r = demo("--format", "json");
        assertEquals(0, r.code(), r.err());
        String schema = Files.readString(Path.of("src/main/resources/schema/access-report.v1.schema.json"));
        var problems = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(schema, InputFormat.JSON, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build())
                .validate(r.out(), InputFormat.JSON);
        assertEquals(java.util.Set.of(), problems);
        JsonObject root = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("2026-11-30T02:00:00Z", root.getAsJsonObject("window").get("start").getAsString());
        assertEquals(14, root.get("baselineDays").getAsInt());
        assertEquals(5, root.get("vaults").getAsInt());
        JsonArray anomalies = root.getAsJsonArray("anomalies");
        JsonObject first = anomalies.get(0).getAsJsonObject();
        assertEquals("unexpected-caller", first.get("detector").getAsString());
        assertEquals("critical", first.get("severity").getAsString());
        assertEquals("alex.ruiz@contoso.example", first.getAsJsonObject("caller").get("upn").getAsString());
        assertEquals(ExampleAuditLogs.UNWRAPPER_IP, first.get("sourceIp").getAsString());
        assertEquals(8, first.get("count").getAsInt());
        assertTrue(first.get("kql").getAsString().contains("let callerId = \"3d1f6b9e-7a42-4c8e-9b15-6e0a2c4d8f71\";"));
    }

    @Test
    void html_isWrittenToTheOutputFile(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("reports/access.html");
        Result r = demo("--format", "html", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("wrote " + out));
        String html = Files.readString(out);
        assertTrue(html.contains("<svg ") && html.contains("alex.ruiz@contoso.example"));
    }

    @Test
    void anAllowlistEntry_hidesThePerson_andTheReportSaysWhy(@TempDir Path dir) throws IOException {
        Path allow = dir.resolve("allow.json");
        Files.writeString(allow, "{\"allow\": [{\"principal\": \"alex.ruiz@contoso.example\", \"detectors\": [\"unexpected-caller\"],"
                + " \"reason\": \"disaster-recovery drill CHG-1142\", \"expires\": \"2026-12-15\", \"approvedBy\": \"sec-team\"}]}");
        Result r = demo("--allowlist", allow.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("1 anomaly: 1 medium; 1 more allowlisted."), r.out());
        assertTrue(r.out().contains("disaster-recovery drill CHG-1142"));
    }

    @Test
    void withoutInventory_thePersonIsStillNew_andTheReportSaysWhatItCouldNotCheck() {
        Result r = run(Map.of(), "--logs", "examples/logs", "--now", NOW);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("### 1. high: `unexpected-caller` on `kv-pay-prod/aks-disk`"), r.out());
        assertTrue(r.out().contains("silent-key needs an inventory"), r.out());
    }

    @Test
    void theDayBefore_holdsOnlyTheDeletedKey_andWithoutInventoryNothingUnusual() {
        Result r = run(Map.of(), "--logs", "examples/logs", "--inventory", "examples/estate", "--now", "2026-11-30T02:00:00Z",
                "--baseline", "13d");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("1 anomaly: 1 medium."), r.out());
        Result quiet = run(Map.of(), "--logs", "examples/logs", "--now", "2026-11-30T02:00:00Z", "--baseline", "13d");
        assertTrue(quiet.out().contains("Nothing unusual: no detector found anything outside the baseline in "), quiet.out());
        assertTrue(quiet.out().contains("## Anomalies\n\nNothing unusual."), quiet.out());
    }

    @Test
    void userMistakes_exitWithTwoAndSayWhatToDo(@TempDir Path dir) throws IOException {
        assertUsage(run(Map.of()), "needs --logs FILE");
        assertUsage(run(Map.of(), "--logs", "x", "--workspace", "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"), "one of them");
        assertUsage(demo("--window", "90m"), "--window '90m' is not a duration");
        assertUsage(demo("--window", "30d"), "--window must be from 1h to 7d");
        assertUsage(demo("--baseline", "36h"), "--baseline must be whole days");
        assertUsage(demo("--format", "pdf"), "--format must be one of markdown, json, html");
        assertUsage(run(Map.of(), "--workspace", "/subscriptions/x/workspaces/y"), "customer id GUID");
        assertUsage(run(Map.of(), "--logs", dir.resolve("none").toString(), "--now", NOW), "does not exist");
        assertUsage(run(Map.of(), "--logs", "examples/logs", "--inventory", dir.toString()), "no Azure resources found");
        Path bad = Files.writeString(dir.resolve("allow.json"), "{\"allow\": [{\"principal\": \"x\"}]}");
        assertUsage(demo("--allowlist", bad.toString()), "allow[0].reason: missing");
        assertUsage(run(Map.of("BYOKWATCH_ACCESS_SPIKE_RATIO", "1"), "--logs", "examples/logs", "--now", NOW),
                "BYOKWATCH_ACCESS_SPIKE_RATIO='1' must be a number");
    }

    @Test
    void mainKnowsTheCommand() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[]{"access-report", "--window", "1x"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("needs --logs"), err.toString(StandardCharsets.UTF_8));
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        assertEquals(0, Main.run(new String[]{"access-report", "--help"}, new PrintStream(help, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream())));
        assertTrue(help.toString(StandardCharsets.UTF_8).contains("--logs FILE..."), help.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theCommittedExampleLogs_areExactlyWhatTheGeneratorWrites() throws IOException {
        StringWriter regenerated = new StringWriter();
        ExampleAuditLogs.write(Path.of("examples/estate"), regenerated);
        String committed = Files.readString(Path.of("examples/logs/keyvault-audit.json"));
        assertEquals(committed.length(), regenerated.toString().length(), "regenerate with ExampleAuditLogs (see its Javadoc)");
        assertEquals(committed, regenerated.toString());
        assertTrue(committed.length() < 4_000_000, "a few megabytes at most");
    }

    private static void assertUsage(Result r, String message) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void aWindowWithOnlySecretTrafficOnADiskKeysVault_isAReport_whereTheSilentDiskKeyShows(@org.junit.jupiter.api.io.TempDir
                                                                                          java.nio.file.Path tmp) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int h = 0; h < 24; h++) {
            lines.append(String.format("{\"time\":\"2026-11-30T%02d:05:00Z\",\"resourceId\":\"/SUBSCRIPTIONS/6F1C2A8E-4B7D-4E1A-9C3F-"
                    + "2D5E8A7B1C01/RESOURCEGROUPS/RG-KEYS/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/KV-PAY-PROD\",\"operationName\":"
                    + "\"SecretGet\",\"category\":\"AuditEvent\",\"resultSignature\":\"OK\",\"callerIpAddress\":\"10.0.0.4\","
                    + "\"identity\":{\"claim\":{\"oid\":\"11111111-2222-4333-8444-555555555555\"}},\"properties\":{\"id\":"
                    + "\"https://kv-pay-prod.vault.azure.net/secrets/db/01\",\"httpStatusCode\":200}}%n", h));
        }
        java.nio.file.Path logs = tmp.resolve("PT1H.json");
        java.nio.file.Files.writeString(logs, lines.toString());
        Result r = run(Map.of(), "--logs", logs.toString(), "--inventory", "examples/estate", "--now", "2026-12-01T00:00:00Z",
                "--format", "json");
        assertEquals(0, r.code(), "before: exit 2, no Key Vault audit records; " + r.err());
        assertTrue(r.out().contains("silent-key"), r.out());
    }
}
