package io.byokwatch.render.report;

import io.byokwatch.render.SampleEstate;
import io.byokwatch.render.SchemaCheck;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class JsonReportRendererTest {
    private static final SchemaCheck CONTRACT = SchemaCheck.load(JsonReportRenderer.SCHEMA_RESOURCE);
    private final String json = new JsonReportRenderer().render(SampleEstate.report());
    private final JsonObject root = JsonParser.parseString(json).getAsJsonObject();

    @Test
    void streamed_isTheRenderedDocument_byteForByte() throws Exception {
        for (var report : List.of(SampleEstate.report(), SampleEstate.empty())) {
            StringWriter streamed = new StringWriter();
            new JsonReportRenderer().render(report, streamed);
            assertEquals(new JsonReportRenderer().render(report), streamed.toString());
        }
    }

    @Test
    void intoAFile_theHalvesMadeAtOnce_areTheRenderedDocument_andNoPartIsLeft(@TempDir Path folder) throws Exception {
        for (var report : List.of(SampleEstate.report(), SampleEstate.empty())) {
            Path file = folder.resolve("report.json");
            Files.writeString(file, "an older, longer report that must not leave its tail behind ".repeat(10_000));
            new JsonReportRenderer().render(report, file);
            assertEquals(new JsonReportRenderer().render(report), Files.readString(file));
            try (var left = Files.list(folder)) {
                assertEquals(List.of(file), left.toList(), "only the report itself");
            }
        }
    }

    @Test
    void intoAFolderThatCannotHoldIt_failsWithTheReason_andLeavesNoPart(@TempDir Path folder) throws Exception {
        Path notAFile = Files.createDirectory(folder.resolve("report.json"));
        assertThrows(IOException.class, () -> new JsonReportRenderer().render(SampleEstate.report(), notAFile));
        try (var left = Files.list(folder)) {
            assertEquals(List.of(notAFile), left.toList());
        }
    }

    @Test
    void sampleReportSatisfiesTheContractSchema() {
        assertEquals(List.of(), CONTRACT.problems(json));
    }

    @Test
    void contractSchemaIsItselfAValidDraft202012Schema() {
        SchemaCheck meta = SchemaCheck.metaSchema();
        assertEquals(List.of(), meta.problems(SchemaCheck.resourceText(JsonReportRenderer.SCHEMA_RESOURCE)));
        assertFalse(meta.problems("{\"type\": \"objekt\"}").isEmpty(), "the meta-schema check must be able to fail");
    }

    @Test
    void emptyEstateSatisfiesTheSchemaAndPrintsEveryCountAsZero() {
        String empty = new JsonReportRenderer().render(SampleEstate.empty());
        assertEquals(List.of(), CONTRACT.problems(empty));
        JsonObject summary = JsonParser.parseString(empty).getAsJsonObject().getAsJsonObject("summary");
        assertEquals("{\"clusters\":0,\"compliant\":0,\"noncompliant\":0,\"exempt\":0,\"notRequired\":0,\"unknown\":0,"
                + "\"bySeverity\":{\"critical\":0,\"high\":0,\"medium\":0,\"low\":0}}", summary.toString());
    }

    @Test
    void schemaRejectsASummaryWithoutOneOfItsCounts() {
        assertRejected(doc -> doc.getAsJsonObject("summary").remove("unknown"), "unknown");
        assertRejected(doc -> doc.getAsJsonObject("summary").getAsJsonObject("bySeverity").remove("low"), "low");
    }

    @Test
    void schemaRejectsAStatusOutsideTheEnum() {
        assertRejected(doc -> cluster(doc, 0).addProperty("status", "non-compliant"), "status");
    }

    @Test
    void schemaRejectsASeverityOutsideTheEnum() {
        assertRejected(doc -> doc.getAsJsonArray("findings").get(0).getAsJsonObject().addProperty("severity", "urgent"),
                "severity");
    }

    @Test
    void schemaRejectsClusterIdsInsideAPerClusterFindingAndTheirAbsenceAtTopLevel() {
        assertRejected(doc -> firstFindingOfFirstClusterWithFindings(doc).add("clusterIds", new JsonArray()), "clusterIds");
        assertRejected(doc -> doc.getAsJsonArray("findings").get(0).getAsJsonObject().remove("clusterIds"), "clusterIds");
    }

    @Test
    void schemaRejectsUnknownKeysAndNulls() {
        assertRejected(doc -> doc.addProperty("inventoryNotes", "x"), "inventoryNotes");
        assertRejected(doc -> cluster(doc, 0).add("name", com.google.gson.JsonNull.INSTANCE), "name");
    }

    @Test
    void schemaRejectsAGeneratedAtThatIsNotAUtcInstant() {
        assertRejected(doc -> doc.addProperty("generatedAt", "2026-12-01T01:00:00+01:00"), "generatedAt");
        assertRejected(doc -> doc.addProperty("generatedAt", "1 December 2026"), "generatedAt");
    }

    @Test
    void keysComeInContractOrder() {
        assertEquals(List.of("schemaVersion", "generatedAt", "clusters", "findings", "summary"), List.copyOf(root.keySet()));
        assertEquals(List.of("id", "name", "subscriptionId", "status", "findings", "exempted", "notEvaluated"),
                List.copyOf(cluster(root, 0).keySet()));
        assertEquals(List.of("ruleId", "severity", "resourceId", "clusterIds", "title", "message", "remediation",
                "evidence", "references"), List.copyOf(root.getAsJsonArray("findings").get(0).getAsJsonObject().keySet()));
        assertEquals(List.of("ruleId", "severity", "resourceId", "title", "message", "remediation", "evidence",
                "references"), List.copyOf(firstFindingOfFirstClusterWithFindings(root).keySet()));
        assertEquals(List.of("clusters", "compliant", "noncompliant", "exempt", "notRequired", "unknown", "bySeverity"),
                List.copyOf(root.getAsJsonObject("summary").keySet()));
        assertEquals(List.of("critical", "high", "medium", "low"),
                List.copyOf(root.getAsJsonObject("summary").getAsJsonObject("bySeverity").keySet()));
    }

    @Test
    void headerCarriesSchemaVersionAndUtcInstant() {
        assertEquals(1, root.get("schemaVersion").getAsInt());
        assertEquals("2026-12-01T00:00:00Z", root.get("generatedAt").getAsString());
    }

    @Test
    void clustersKeepInventoryOrderWithStatusLabels() {
        List<String> rows = root.getAsJsonArray("clusters").asList().stream()
                .map(c -> c.getAsJsonObject().get("name").getAsString() + "=" + c.getAsJsonObject().get("status").getAsString())
                .toList();
        assertEquals(List.of("aks-web=compliant", "aks-pay-2=noncompliant", "aks-sandbox=not-required",
                "aks-pay-1=noncompliant", "aks-legacy=exempt", "aks-ehr=unknown", "aks-pay-3=noncompliant"), rows);
        assertEquals(SampleEstate.PAY, cluster(root, 0).get("subscriptionId").getAsString());
        assertEquals(SampleEstate.AKS_WEB.toString(), cluster(root, 0).get("id").getAsString());
    }

    @Test
    void sharedVaultFindingIsListedOnceWithItsThreeClusters() {
        JsonArray findings = root.getAsJsonArray("findings");
        assertEquals(4, findings.size());
        List<JsonObject> vault = findings.asList().stream().map(JsonElement::getAsJsonObject)
                .filter(f -> f.get("ruleId").getAsString().equals("vault-no-purge-protection")).toList();
        assertEquals(1, vault.size());
        assertEquals(List.of(SampleEstate.AKS_PAY_2.toString(), SampleEstate.AKS_PAY_1.toString(),
                SampleEstate.AKS_PAY_3.toString()), strings(vault.get(0).getAsJsonArray("clusterIds")));
        assertEquals(List.of("critical", "high", "medium", "low"), findings.asList().stream()
                .map(f -> f.getAsJsonObject().get("severity").getAsString()).toList());
    }

    @Test
    void summaryCountsStatusesAndDeduplicatedFindings() {
        assertEquals("{\"clusters\":7,\"compliant\":1,\"noncompliant\":3,\"exempt\":1,\"notRequired\":1,\"unknown\":1,"
                + "\"bySeverity\":{\"critical\":1,\"high\":1,\"medium\":1,\"low\":1}}", root.getAsJsonObject("summary").toString());
    }

    @Test
    void evidenceKeepsNumbersBooleansAndLists() {
        JsonObject expiring = findingByRule("key-expiring").getAsJsonObject("evidence");
        assertTrue(expiring.get("daysLeft").getAsJsonPrimitive().isNumber());
        assertEquals(12, expiring.get("daysLeft").getAsInt());
        JsonObject vault = findingByRule("vault-no-purge-protection").getAsJsonObject("evidence");
        assertTrue(vault.get("enableSoftDelete").getAsJsonPrimitive().isBoolean());
        assertEquals("absent", vault.get("enablePurgeProtection").getAsString());
        JsonObject access = findingByRule("des-no-key-access").getAsJsonObject("evidence");
        assertEquals(List.of("3f2b8c1d-9e4a-4b7c-8d6e-1a2b3c4d5e6f"), strings(access.getAsJsonArray("principalIds")));
        assertEquals(List.of("enableSoftDelete", "enablePurgeProtection", "softDeleteRetentionInDays"),
                List.copyOf(vault.keySet()));
    }

    @Test
    void exemptionsCarryScopeDatesAndExpiryAndLeaveOutAMissingApprover() {
        JsonObject active = cluster(root, 4).getAsJsonArray("exempted").get(0).getAsJsonObject();
        assertEquals("aks-no-byok", active.get("ruleId").getAsString());
        assertEquals("/subscriptions/" + SampleEstate.PAY + "/resourceGroups/rg-legacy", active.get("exemptedBy").getAsString());
        assertEquals(SampleEstate.LEGACY_REASON, active.get("reason").getAsString());
        assertEquals("secops@contoso.example", active.get("approvedBy").getAsString());
        assertEquals("2027-03-31", active.get("expires").getAsString());
        assertFalse(active.get("expired").getAsBoolean());

        JsonObject lapsed = cluster(root, 1).getAsJsonArray("exempted").get(0).getAsJsonObject();
        assertTrue(lapsed.get("expired").getAsBoolean());
        assertEquals("2026-10-31", lapsed.get("expires").getAsString());
        assertFalse(lapsed.has("approvedBy"));
        assertFalse(json.contains("null"), "the contract prints no nulls");
    }

    @Test
    void notEvaluatedEntriesKeepRuleResourceAndReason() {
        JsonObject entry = cluster(root, 2).getAsJsonArray("notEvaluated").get(0).getAsJsonObject();
        assertEquals("*", entry.get("ruleId").getAsString());
        assertEquals(SampleEstate.AKS_SANDBOX.toString(), entry.get("resourceId").getAsString());
        assertEquals("tag data-classification=public does not require BYOK", entry.get("reason").getAsString());
    }

    @Test
    void outputIsPrettyPrintedWithoutHtmlEscapes() {
        assertTrue(json.startsWith("{\n  \"schemaVersion\": 1,\n  \"generatedAt\": \"2026-12-01T00:00:00Z\",\n"));
        assertTrue(json.contains("PRINCIPAL=$(az disk-encryption-set show"), "shell commands stay copyable");
        assertFalse(json.contains("\\u003d"));
    }

    private void assertRejected(Consumer<JsonObject> breakIt, String mentioned) {
        JsonObject copy = root.deepCopy();
        breakIt.accept(copy);
        List<String> problems = CONTRACT.problems(copy.toString());
        assertFalse(problems.isEmpty(), "schema accepted a broken document");
        assertTrue(problems.stream().anyMatch(p -> p.contains(mentioned)), problems.toString());
    }

    private static JsonObject cluster(JsonObject doc, int index) {
        return doc.getAsJsonArray("clusters").get(index).getAsJsonObject();
    }

    private static JsonObject firstFindingOfFirstClusterWithFindings(JsonObject doc) {
        return doc.getAsJsonArray("clusters").asList().stream().map(c -> c.getAsJsonObject().getAsJsonArray("findings"))
                .filter(f -> !f.isEmpty()).findFirst().orElseThrow().get(0).getAsJsonObject();
    }

    private JsonObject findingByRule(String ruleId) {
        return root.getAsJsonArray("findings").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(f -> f.get("ruleId").getAsString().equals(ruleId)).findFirst().orElseThrow();
    }

    private static List<String> strings(JsonArray array) {
        return array.asList().stream().map(JsonElement::getAsString).toList();
    }
}
