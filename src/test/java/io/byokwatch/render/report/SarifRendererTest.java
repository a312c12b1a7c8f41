package io.byokwatch.render.report;

import io.byokwatch.render.SampleEstate;
import io.byokwatch.render.SchemaCheck;
import io.byokwatch.render.ToolVersion;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.domain.Severity;
import io.byokwatch.rules.RuleCatalog;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class SarifRendererTest {
    private static final SchemaCheck SARIF = SchemaCheck.load("schema/sarif-2.1.0.json");
    private static final RuleCatalog CATALOG = RuleCatalog.standard();
    private final String sarif = new SarifRenderer(CATALOG, "0.1.0").render(SampleEstate.report());
    private final JsonObject log = JsonParser.parseString(sarif).getAsJsonObject();
    private final JsonObject run = log.getAsJsonArray("runs").get(0).getAsJsonObject();

    @Test
    void sampleReportValidatesAgainstTheOfficialSarifSchema() {
        assertEquals(List.of(), SARIF.problems(sarif));
        assertEquals(List.of(), SARIF.problems(new SarifRenderer(CATALOG, "0.1.0").render(SampleEstate.empty())));
    }

    @Test
    void officialSchemaCatchesABrokenLog() {
        JsonObject broken = log.deepCopy();
        result(broken, 0).addProperty("level", "critical");
        assertFalse(SARIF.problems(broken.toString()).isEmpty(), "the SARIF schema must reject level=critical");
        JsonObject noVersion = log.deepCopy();
        noVersion.remove("version");
        assertFalse(SARIF.problems(noVersion.toString()).isEmpty(), "the SARIF schema must require version");
        JsonObject badUri = log.deepCopy();
        driver(badUri).addProperty("informationUri", "not a uri");
        assertFalse(SARIF.problems(badUri.toString()).isEmpty(), "formats must be asserted, not just annotated");
    }

    @Test
    void headerNamesSchemaVersionAndTool() {
        assertEquals("https://json.schemastore.org/sarif-2.1.0.json", log.get("$schema").getAsString());
        assertEquals("2.1.0", log.get("version").getAsString());
        assertEquals(1, log.getAsJsonArray("runs").size());
        JsonObject driver = driver();
        assertEquals("byokwatch", driver.get("name").getAsString());
        assertEquals("0.1.0", driver.get("semanticVersion").getAsString());
        assertTrue(driver.get("informationUri").getAsString().startsWith("https://"));
    }

    @Test
    void driverListsTheWholeCatalogInOrderWithGitHubSecuritySeverity() {
        JsonArray rules = driver().getAsJsonArray("rules");
        List<String> ids = CATALOG.all().stream().map(r -> r.meta().id()).toList();
        assertEquals(ids, rules.asList().stream().map(r -> r.getAsJsonObject().get("id").getAsString()).toList());
        JsonObject keyAccess = ruleById("des-no-key-access");
        assertEquals("DesNoKeyAccess", keyAccess.get("name").getAsString());
        assertEquals("Disk encryption set cannot reach its key", keyAccess.getAsJsonObject("shortDescription").get("text").getAsString());
        assertTrue(keyAccess.getAsJsonObject("fullDescription").get("text").getAsString()
                .startsWith("Fails when the set has no managed identity"));
        assertTrue(keyAccess.getAsJsonObject("help").get("text").getAsString().contains("HIPAA 45 CFR 164.312(a)(2)(iv)"));
        assertEquals("error", keyAccess.getAsJsonObject("defaultConfiguration").get("level").getAsString());
        Map<Severity, String> expected = Map.of(Severity.CRITICAL, "9.5", Severity.HIGH, "7.5", Severity.MEDIUM, "5.0",
                Severity.LOW, "3.0");
        Map<Severity, String> levels = Map.of(Severity.CRITICAL, "error", Severity.HIGH, "error", Severity.MEDIUM, "warning",
                Severity.LOW, "note");
        for (int i = 0; i < rules.size(); i++) {
            Severity severity = CATALOG.all().get(i).meta().severity();
            JsonObject rule = rules.get(i).getAsJsonObject();
            assertEquals(expected.get(severity), rule.getAsJsonObject("properties").get("security-severity").getAsString(),
                    ids.get(i));
            assertEquals(levels.get(severity), rule.getAsJsonObject("defaultConfiguration").get("level").getAsString(),
                    ids.get(i));
        }
        List<String> tags = strings(keyAccess.getAsJsonObject("properties").getAsJsonArray("tags"));
        assertEquals(List.of("security", "encryption"), tags.subList(0, 2));
    }

    @Test
    void oneResultPerSharedFindingWithLevelsBySeverity() {
        JsonArray results = run.getAsJsonArray("results");
        assertEquals(SampleEstate.report().findings().size(), results.size());
        Map<String, String> levels = results.asList().stream().map(JsonElement::getAsJsonObject).collect(Collectors.toMap(
                r -> r.get("ruleId").getAsString(), r -> r.get("level").getAsString()));
        assertEquals(Map.of("des-no-key-access", "error", "vault-no-purge-protection", "error",
                "key-expiring", "warning", "aks-no-host-encryption", "note"), levels);
    }

    @Test
    void resultIndexesItsRuleAndNamesEveryAffectedCluster() {
        JsonObject vault = resultByRule("vault-no-purge-protection");
        int index = vault.get("ruleIndex").getAsInt();
        assertEquals("vault-no-purge-protection", driver().getAsJsonArray("rules").get(index).getAsJsonObject().get("id").getAsString());
        assertEquals(SampleEstate.VAULT_PURGE.message() + " Affects 3 clusters: aks-pay-1, aks-pay-2, aks-pay-3.",
                vault.getAsJsonObject("message").get("text").getAsString());
        JsonObject properties = vault.getAsJsonObject("properties");
        assertEquals("high", properties.get("severity").getAsString());
        assertEquals(List.of(SampleEstate.AKS_PAY_2.toString(), SampleEstate.AKS_PAY_1.toString(),
                SampleEstate.AKS_PAY_3.toString()), strings(properties.getAsJsonArray("clusterIds")));
        assertEquals(90, properties.getAsJsonObject("evidence").get("softDeleteRetentionInDays").getAsInt());
    }

    @Test
    void locationsCarryTheResourceIdAndAStableLowerCasePath() {
        JsonObject location = resultByRule("vault-no-purge-protection").getAsJsonArray("locations").get(0).getAsJsonObject();
        JsonObject logical = location.getAsJsonArray("logicalLocations").get(0).getAsJsonObject();
        assertEquals(SampleEstate.VAULT.toString(), logical.get("fullyQualifiedName").getAsString());
        assertEquals("resource", logical.get("kind").getAsString());
        JsonObject physical = location.getAsJsonObject("physicalLocation");
        assertEquals("azure/" + SampleEstate.PAY + "/rg-keys-legacy/microsoft.keyvault/vaults/kv-shared-legacy",
                physical.getAsJsonObject("artifactLocation").get("uri").getAsString());
        assertEquals(1, physical.getAsJsonObject("region").get("startLine").getAsInt());
        JsonObject pool = resultByRule("aks-no-host-encryption").getAsJsonArray("locations").get(0).getAsJsonObject();
        assertEquals("azure/" + SampleEstate.PAY + "/rg-pay/microsoft.containerservice/managedclusters/aks-pay-1/agentpools/npspot",
                pool.getAsJsonObject("physicalLocation").getAsJsonObject("artifactLocation").get("uri").getAsString());
    }

    @Test
    void fingerprintIsTheHashOfRuleAndLowerCasedResourceAndSurvivesRerendering() throws Exception {
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                ("vault-no-purge-protection|" + SampleEstate.VAULT.key()).getBytes(StandardCharsets.UTF_8)));
        String fingerprint = fingerprint(resultByRule("vault-no-purge-protection"));
        assertEquals(expected, fingerprint);
        JsonObject again = JsonParser.parseString(new SarifRenderer(CATALOG, "9.9.9").render(SampleEstate.report()))
                .getAsJsonObject();
        JsonObject vaultAgain = again.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonArray("results").asList()
                .stream().map(JsonElement::getAsJsonObject)
                .filter(r -> r.get("ruleId").getAsString().equals("vault-no-purge-protection")).findFirst().orElseThrow();
        assertEquals(fingerprint, fingerprint(vaultAgain));
        assertNotEquals(fingerprint, fingerprint(resultByRule("key-expiring")));
    }

    @Test
    void rulesThatCouldNotRunBecomeNotesOncePerRuleResourceAndReason() {
        JsonObject invocation = run.getAsJsonArray("invocations").get(0).getAsJsonObject();
        assertTrue(invocation.get("executionSuccessful").getAsBoolean());
        assertEquals("2026-12-01T00:00:00Z", invocation.get("endTimeUtc").getAsString());
        List<JsonObject> notes = invocation.getAsJsonArray("toolExecutionNotifications").asList().stream()
                .map(JsonElement::getAsJsonObject).toList();
        assertEquals(List.of("des-key-unavailable", "des-no-key-access", "key-no-rotation"),
                notes.stream().map(n -> n.getAsJsonObject("associatedRule").get("id").getAsString()).toList());
        JsonObject first = notes.get(0);
        assertEquals(CATALOG.all().stream().map(r -> r.meta().id()).toList().indexOf("des-key-unavailable"),
                first.getAsJsonObject("associatedRule").get("index").getAsInt());
        assertTrue(first.getAsJsonObject("message").get("text").getAsString()
                .startsWith("Rule des-key-unavailable was not evaluated on disk encryption set des-ehr: "));
        assertTrue(notes.stream().allMatch(n -> n.get("level").getAsString().equals("note")));
        assertFalse(sarif.contains("does not require BYOK"), "clusters out of policy scope are not coverage gaps");
    }

    @Test
    void versionComesFromThePackagedPomWhenThereIsOne() {
        assertEquals(ToolVersion.UNPACKAGED, ToolVersion.current(), "tests run from classes, not from a jar");
        assertEquals(ToolVersion.UNPACKAGED, driver(JsonParser.parseString(new SarifRenderer(CATALOG)
                .render(SampleEstate.empty())).getAsJsonObject()).get("semanticVersion").getAsString());
    }

    private JsonObject driver() {
        return driver(log);
    }

    private static JsonObject driver(JsonObject log) {
        return log.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonObject("tool").getAsJsonObject("driver");
    }

    private JsonObject ruleById(String id) {
        return driver().getAsJsonArray("rules").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(r -> r.get("id").getAsString().equals(id)).findFirst().orElseThrow();
    }

    private JsonObject resultByRule(String ruleId) {
        return run.getAsJsonArray("results").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(r -> r.get("ruleId").getAsString().equals(ruleId)).findFirst().orElseThrow();
    }

    private static JsonObject result(JsonObject log, int index) {
        return log.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonArray("results").get(index).getAsJsonObject();
    }

    private static String fingerprint(JsonObject result) {
        return result.getAsJsonObject("partialFingerprints").get(Fingerprints.KEY).getAsString();
    }

    private static List<String> strings(JsonArray array) {
        return array.asList().stream().map(JsonElement::getAsString).toList();
    }
}
