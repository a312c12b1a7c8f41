package io.byokwatch.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.render.SchemaCheck;
import io.byokwatch.testsupport.TreeCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

/** SARIF from a file inventory points every result at the inventory file and the line of the resource's object. */
class ScanSarifTest {
    private static final SchemaCheck SARIF = SchemaCheck.load("schema/sarif-2.1.0.json");

    private static List<JsonObject> results(String sarif) {
        return JsonParser.parseString(sarif).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject()
                .getAsJsonArray("results").asList().stream().map(JsonElement::getAsJsonObject).toList();
    }

    @Test
    void everyResult_pointsAtTheFileAndLineThatHoldTheResourceOrNameIt() throws Exception {
        MainTest.Result r = MainTest.run("scan", "--inventory", "examples/estate", "--policy", "examples/policy.json",
                "--now", "2026-12-01T00:00:00Z", "--format", "sarif", "--fail-on", "none", "--unknown", "pass");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(), SARIF.problems(r.out()));
        List<JsonObject> results = results(r.out());
        assertFalse(results.isEmpty());
        for (JsonObject result : results) {
            JsonObject location = result.getAsJsonArray("locations").get(0).getAsJsonObject();
            String id = location.getAsJsonArray("logicalLocations").get(0).getAsJsonObject().get("fullyQualifiedName").getAsString();
            JsonObject physical = location.getAsJsonObject("physicalLocation");
            assertNotNull(physical, "a file inventory gives every result a file: " + id);
            String uri = physical.getAsJsonObject("artifactLocation").get("uri").getAsString();
            assertEquals("%SRCROOT%", physical.getAsJsonObject("artifactLocation").get("uriBaseId").getAsString());
            assertTrue(uri.startsWith("examples/estate/") && uri.endsWith(".json"), uri);
            int line = physical.getAsJsonObject("region").get("startLine").getAsInt();
            List<String> lines = Files.readAllLines(Path.of(uri));
            String near = String.join("\n", lines.subList(line - 1, Math.min(lines.size(), line + 2))).toLowerCase(Locale.ROOT);
            // the resource's own object, its cluster's (an inline node pool), or the line naming it (a set no file holds)
            String cluster = id.toLowerCase(Locale.ROOT).replaceAll("/agentpools/[^/]+$", "");
            assertTrue(near.contains(id.toLowerCase(Locale.ROOT)) || near.contains(cluster) || line == 1,
                    uri + ":" + line + " should hold " + id + ":\n" + near);
        }
        JsonObject hotfix = results.stream().filter(x -> x.get("ruleId").getAsString().equals("aks-no-byok")
                && x.getAsJsonObject("message").get("text").getAsString().contains("aks-checkout-hotfix")).findFirst().orElseThrow();
        JsonObject physical = hotfix.getAsJsonArray("locations").get(0).getAsJsonObject().getAsJsonObject("physicalLocation");
        assertEquals("examples/estate/payments/aks-shipped-nobyok.az.json", physical.getAsJsonObject("artifactLocation").get("uri").getAsString());
        assertEquals(1, physical.getAsJsonObject("region").get("startLine").getAsInt(), "a single-resource file starts at line 1");
        JsonObject missingSet = results.stream().filter(x -> x.get("ruleId").getAsString().equals("aks-des-not-found")).findFirst().orElseThrow();
        JsonObject at = missingSet.getAsJsonArray("locations").get(0).getAsJsonObject().getAsJsonObject("physicalLocation");
        List<String> clusters = Files.readAllLines(Path.of("examples/estate/payments/managed-clusters.json"));
        assertTrue(clusters.get(at.getAsJsonObject("region").get("startLine").getAsInt() - 1).contains("\"diskEncryptionSetID\""),
                "a set no file holds is shown where the cluster names it");
    }

    @Test
    void theMessage_endsWithTheFindingsOwnCommands() {
        MainTest.Result r = MainTest.run("scan", "--inventory", "examples/estate", "--policy", "examples/policy.json",
                "--now", "2026-12-01T00:00:00Z", "--format", "sarif", "--fail-on", "none", "--unknown", "pass");
        JsonObject vault = results(r.out()).stream().filter(x -> x.get("ruleId").getAsString().equals("vault-no-purge-protection"))
                .findFirst().orElseThrow();
        assertTrue(vault.getAsJsonObject("message").get("text").getAsString()
                .contains("Fix: Turn purge protection on (it cannot be turned off again, which is the point; soft delete is always on"
                        + " for vaults created since 2020 and comes with it) (bash):\n"
                        + "  az keyvault update -g rg-keys-legacy -n kv-shared-legacy --enable-purge-protection true"),
                vault.toString());
    }

    @Test
    void anInventoryOutsideTheWorkingDirectory_getsAbsoluteFileUris(@TempDir Path dir) throws Exception {
        Path estate = TreeCopy.copy(Path.of("examples/estate"), dir.resolve("estate"));
        MainTest.Result r = MainTest.run("scan", "--inventory", estate.toString(), "--format", "sarif", "--fail-on", "none",
                "--unknown", "pass", "--now", "2026-12-01T00:00:00Z");
        assertEquals(List.of(), SARIF.problems(r.out()));
        JsonObject artifact = results(r.out()).get(0).getAsJsonArray("locations").get(0).getAsJsonObject()
                .getAsJsonObject("physicalLocation").getAsJsonObject("artifactLocation");
        assertTrue(artifact.get("uri").getAsString().startsWith("file:///"), artifact.toString());
        assertFalse(artifact.has("uriBaseId"));
    }
}
