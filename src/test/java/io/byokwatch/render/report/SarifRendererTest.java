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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class SarifRendererTest {
    private static final SchemaCheck SARIF = SchemaCheck.load("schema/sarif-2.1.0.json");
    private static final RuleCatalog CATALOG = RuleCatalog.standard();
    private final String sarif = new SarifRenderer(CATALOG, "0.1.0").render(SampleEstate.report());
    private final JsonObject log = JsonParser.parseString(sarif).getAsJsonObject();
    private final JsonObject run = log.getAsJsonArray("runs").get(0).getAsJsonObject();

    @Test
    void streamed_isTheRenderedLog_byteForByte() throws Exception {
        for (var report : List.of(SampleEstate.report(), SampleEstate.empty())) {
            java.io.StringWriter streamed = new java.io.StringWriter();
            new SarifRenderer(CATALOG, "0.1.0").render(report, streamed);
            assertEquals(new SarifRenderer(CATALOG, "0.1.0").render(report), streamed.toString());
        }
    }

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
        assertEquals(SampleEstate.VAULT_PURGE.message() + " Affects 3 clusters: aks-pay-1, aks-pay-2, aks-pay-3.\n\nFix: "
                + SampleEstate.VAULT_PURGE.remediation().strip(), vault.getAsJsonObject("message").get("text").getAsString());
        JsonObject properties = vault.getAsJsonObject("properties");
        assertEquals("high", properties.get("severity").getAsString());
        assertEquals(List.of(SampleEstate.AKS_PAY_2.toString(), SampleEstate.AKS_PAY_1.toString(),
                SampleEstate.AKS_PAY_3.toString()), strings(properties.getAsJsonArray("clusterIds")));
        assertEquals(90, properties.getAsJsonObject("evidence").get("softDeleteRetentionInDays").getAsInt());
    }

    @Test
    void withoutFiles_resultsCarryTheResourceIdAsALogicalLocation_andNoInventedPath() {
        JsonObject location = resultByRule("vault-no-purge-protection").getAsJsonArray("locations").get(0).getAsJsonObject();
        JsonObject logical = location.getAsJsonArray("logicalLocations").get(0).getAsJsonObject();
        assertEquals(SampleEstate.VAULT.toString(), logical.get("fullyQualifiedName").getAsString());
        assertEquals("resource", logical.get("kind").getAsString());
        assertFalse(location.has("physicalLocation"));
        assertFalse(run.has("originalUriBaseIds"));
    }

    @Test
    void withFiles_eachResultPointsAtItsResource_orTheNearestResourceAbove_orItsCluster() {
        Map<String, SarifLocations.FileLine> files = Map.of(
                SampleEstate.VAULT.key(), new SarifLocations.FileLine("estate/vaults.json", true, 12),
                SampleEstate.AKS_PAY_1.key(), new SarifLocations.FileLine("estate/clusters.json", true, 40));
        SarifLocations locations = new SarifLocations() {
            @Override
            public FileLine find(io.byokwatch.domain.ResourceId id) {
                return files.get(id.key());
            }

            @Override
            public String sourceRoot() {
                return "file:///repo/";
            }
        };
        String withFiles = new SarifRenderer(CATALOG, "0.1.0", locations, SarifRenderer.GITHUB_MAX_RESULTS).render(SampleEstate.report());
        assertEquals(List.of(), SARIF.problems(withFiles));
        JsonObject log = JsonParser.parseString(withFiles).getAsJsonObject();
        JsonObject vault = physical(log, "vault-no-purge-protection");
        assertEquals("estate/vaults.json", vault.getAsJsonObject("artifactLocation").get("uri").getAsString());
        assertEquals("%SRCROOT%", vault.getAsJsonObject("artifactLocation").get("uriBaseId").getAsString());
        assertEquals(12, vault.getAsJsonObject("region").get("startLine").getAsInt());
        JsonObject pool = physical(log, "aks-no-host-encryption");
        assertEquals("estate/clusters.json", pool.getAsJsonObject("artifactLocation").get("uri").getAsString(),
                "a node pool without its own object points at its cluster's");
        assertEquals(40, pool.getAsJsonObject("region").get("startLine").getAsInt());
        assertEquals("file:///repo/", log.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonObject("originalUriBaseIds")
                .getAsJsonObject("%SRCROOT%").get("uri").getAsString());
    }

    @Test
    void everyRulesHelp_carriesTheAzAndTerraformFix_inMarkdownAndText() {
        for (JsonElement r : driver().getAsJsonArray("rules")) {
            JsonObject help = r.getAsJsonObject().getAsJsonObject("help");
            String id = r.getAsJsonObject().get("id").getAsString();
            assertTrue(help.get("markdown").getAsString().contains("**How to fix**"), id);
            assertTrue(help.get("markdown").getAsString().contains("```bash\naz ") || help.get("markdown").getAsString()
                    .contains("```bash\nkubectl"), id);
            assertTrue(help.get("markdown").getAsString().contains("**Terraform:**"), id);
            assertTrue(help.get("text").getAsString().contains("How to fix: ") && help.get("text").getAsString().contains("Terraform: "), id);
        }
    }

    @Test
    void automationDetailsAndTheToolsFullName_areSet() {
        assertEquals("byokwatch/scan/2026-12-01T00:00:00Z", run.getAsJsonObject("automationDetails").get("id").getAsString());
        assertTrue(driver().get("fullName").getAsString().startsWith("byokwatch 0.1.0: "));
    }

    @Test
    void beyondTheResultLimit_theLeastSevereAreFoldedPerRule_withANote() {
        List<io.byokwatch.domain.ClusterVerdict> verdicts = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            io.byokwatch.domain.ResourceId c = SampleEstate.cluster(SampleEstate.PAY, "rg-" + i, "aks-" + i);
            io.byokwatch.domain.Finding pool = new io.byokwatch.domain.Finding("aks-no-host-encryption", Severity.LOW,
                    c.child("agentPools", "np"), "t", "Pool np of aks-" + i + " has no host encryption.", "fix", Map.of(), List.of());
            io.byokwatch.domain.Finding kms = new io.byokwatch.domain.Finding("aks-no-kms-etcd", Severity.MEDIUM, c, "t",
                    "Cluster aks-" + i + " has no KMS.", "fix", Map.of(), List.of());
            verdicts.add(SampleEstate.verdict(c, "aks-" + i, io.byokwatch.domain.ClusterStatus.NONCOMPLIANT,
                    i < 2 ? List.of(SampleEstate.VAULT_PURGE, kms, pool) : List.of(kms, pool), List.of(), List.of()));
        }
        io.byokwatch.app.ScanReport big = io.byokwatch.app.Scan.report(SampleEstate.NOW, verdicts, List.of());
        int findings = big.findings().size();
        assertEquals(81, findings);
        assertThrows(IllegalArgumentException.class, () -> new SarifRenderer(CATALOG, "0.1.0", SarifLocations.LIVE, 11));
        String capped = new SarifRenderer(CATALOG, "0.1.0", SarifLocations.LIVE, 50).render(big);
        assertEquals(List.of(), SARIF.problems(capped));
        JsonObject capRun = JsonParser.parseString(capped).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject();
        JsonArray results = capRun.getAsJsonArray("results");
        assertEquals(50, results.size());
        int folded = 0;
        int whole = 0;
        for (JsonElement r : results) {
            JsonObject properties = r.getAsJsonObject().getAsJsonObject("properties");
            if (properties.has("folded")) {
                folded += properties.get("folded").getAsInt();
            } else {
                whole++;
            }
        }
        assertEquals(findings, whole + folded, "every finding is a result or counted in one");
        assertEquals("vault-no-purge-protection", results.get(0).getAsJsonObject().get("ruleId").getAsString(), "the most severe stay whole");
        List<JsonObject> summaries = results.asList().stream().map(JsonElement::getAsJsonObject)
                .filter(r -> r.getAsJsonObject("properties").has("folded")).toList();
        assertEquals(1, summaries.size(), "one summary for each rule whose findings did not all fit");
        assertEquals("aks-no-host-encryption", summaries.get(0).get("ruleId").getAsString(), "the least severe are folded");
        assertEquals(32, summaries.get(0).getAsJsonObject("properties").get("folded").getAsInt());
        String note = capRun.getAsJsonArray("invocations").get(0).getAsJsonObject().getAsJsonArray("toolExecutionNotifications")
                .asList().stream().map(n -> n.getAsJsonObject().getAsJsonObject("message").get("text").getAsString())
                .filter(t -> t.contains("25000 results per run")).findFirst().orElse("");
        assertTrue(note.contains("folded into"), note);
    }

    private static JsonObject physical(JsonObject log, String ruleId) {
        return log.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonArray("results").asList().stream()
                .map(JsonElement::getAsJsonObject).filter(r -> r.get("ruleId").getAsString().equals(ruleId)).findFirst()
                .orElseThrow().getAsJsonArray("locations").get(0).getAsJsonObject().getAsJsonObject("physicalLocation");
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
