package io.byokwatch.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The README's export recipe, file by file, in the shapes its commands print: {@code az aks list},
 * {@code az disk-encryption-set list}, Resource Graph rows for vaults and Managed HSMs ({@code az graph query}), {@code
 * az role assignment list --all --include-inherited} (with a management-group assignment it inherits), {@code az role
 * definition list --custom-role-only true}, ARM {@code vaults/keys/{name}} GETs and {@code vaults/keys/{name}/versions}
 * lists (shapes of the KeyVault 2026-02-01 spec examples getKey.json and listKeyVersions.json) and {@code az keyvault
 * role assignment list --hsm-name} (azure-cli's _reconstruct_role_assignment shape). Ids and GUIDs are made up.
 */
class ReadmeRecipeScanTest {
    private static final Path RECIPE = Path.of("src/test/resources/recipe/estate");
    private static final String NOW = "2026-12-01T00:00:00Z";

    private static Map<String, JsonObject> scan(Path estate, int expectedExit) {
        ScanCommandTest.Result r = ScanCommandTest.run("scan", "--inventory", estate.toString(), "--format", "json", "--now", NOW);
        assertEquals(expectedExit, r.code(), r.err() + r.out());
        Map<String, JsonObject> byName = new HashMap<>();
        for (JsonElement c : JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("clusters")) {
            byName.put(c.getAsJsonObject().get("name").getAsString(), c.getAsJsonObject());
        }
        return byName;
    }

    private static Path copy(Path tmp) throws IOException {
        try (Stream<Path> files = Files.list(RECIPE)) {
            for (Path f : files.toList()) {
                Files.copy(f, tmp.resolve(f.getFileName()));
            }
        }
        return tmp;
    }

    private static void edit(Path file, Consumer<JsonElement> change) throws IOException {
        JsonElement json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        change.accept(json);
        Files.writeString(file, json.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void recipeOutput_provesBothChains_throughACustomRoleAtAManagementGroupAndManagedHsmLocalRbac() {
        Map<String, JsonObject> clusters = scan(RECIPE, 0);
        assertEquals("compliant", clusters.get("aks-pay").get("status").getAsString(), clusters.get("aks-pay").toString());
        assertEquals("compliant", clusters.get("aks-card").get("status").getAsString(), clusters.get("aks-card").toString());
        assertEquals(0, clusters.get("aks-pay").getAsJsonArray("notEvaluated").size());
    }

    @Test
    void pinnedVersionDisabled_whileTheCurrentVersionIsFine_isCritical(@TempDir Path tmp) throws IOException {
        Path estate = copy(tmp);
        edit(estate.resolve("key-versions.kv-pay.disk-key.json"), j -> j.getAsJsonObject().getAsJsonArray("value").get(0)
                .getAsJsonObject().getAsJsonObject("properties").getAsJsonObject("attributes").addProperty("enabled", false));
        JsonObject pay = scan(estate, 1).get("aks-pay");
        assertEquals("noncompliant", pay.get("status").getAsString());
        JsonObject finding = pay.getAsJsonArray("findings").get(0).getAsJsonObject();
        assertEquals("des-key-unavailable", finding.get("ruleId").getAsString());
        assertTrue(finding.get("message").getAsString().contains("version 7d3c1b0a9e8f4d2c8b6a5f4e3d2c1b0a of key disk-key"),
                finding.get("message").getAsString());
    }

    @Test
    void pinnedVersionNotExported_leavesTheKeyChecksUnevaluated_neverJudgesTheCurrentVersion(@TempDir Path tmp) throws IOException {
        Path estate = copy(tmp);
        Files.delete(estate.resolve("key-versions.kv-pay.disk-key.json"));
        JsonObject pay = scan(estate, 1).get("aks-pay");
        assertEquals("unknown", pay.get("status").getAsString());
        assertTrue(pay.getAsJsonArray("notEvaluated").toString().contains("list-versions"), pay.toString());
    }

    @Test
    void customRoleDefinitionsLeftOut_makeTheGrantUnknown_notAFailure(@TempDir Path tmp) throws IOException {
        Path estate = copy(tmp);
        Files.delete(estate.resolve("role-definitions.json"));
        JsonObject pay = scan(estate, 1).get("aks-pay");
        assertEquals("unknown", pay.get("status").getAsString(), pay.toString());
        assertTrue(pay.getAsJsonArray("notEvaluated").toString().contains("az role definition list"), pay.toString());
    }

    @Test
    void customRoleWithoutUnwrap_isAFinding(@TempDir Path tmp) throws IOException {
        Path estate = copy(tmp);
        edit(estate.resolve("role-definitions.json"), j -> {
            JsonObject permission = j.getAsJsonArray().get(0).getAsJsonObject().getAsJsonArray("permissions").get(0).getAsJsonObject();
            permission.getAsJsonArray("notDataActions").add("Microsoft.KeyVault/vaults/keys/unwrap/action");
        });
        JsonObject pay = scan(estate, 1).get("aks-pay");
        assertEquals("des-no-key-access", pay.getAsJsonArray("findings").get(0).getAsJsonObject().get("ruleId").getAsString());
    }

    @Test
    void managedHsmAssignmentsLeftOut_isUnknown_andTheirEmptyExportIsAFinding(@TempDir Path tmp) throws IOException {
        Path estate = copy(tmp);
        Files.delete(estate.resolve("hsm-card.hsm-role-assignments.json"));
        JsonObject card = scan(estate, 1).get("aks-card");
        assertEquals("unknown", card.get("status").getAsString());
        assertTrue(card.getAsJsonArray("notEvaluated").toString().contains("az keyvault role assignment list --hsm-name hsm-card"),
                card.toString());
        Files.writeString(estate.resolve("hsm-card.hsm-role-assignments.json"), "[]");
        card = scan(estate, 1).get("aks-card");
        assertEquals("noncompliant", card.get("status").getAsString());
        assertEquals("des-no-key-access", card.getAsJsonArray("findings").get(0).getAsJsonObject().get("ruleId").getAsString());
    }

    @Test
    void managementGroupAssignment_fromAFileMixingSubscriptions_isNotPlaced(@TempDir Path tmp) throws IOException {
        Path estate = copy(tmp);
        edit(estate.resolve("role-assignments.json"), j -> {
            JsonObject other = j.getAsJsonArray().get(1).getAsJsonObject().deepCopy();
            other.addProperty("scope", "/subscriptions/0e9d8c7b-6a5f-4e3d-2c1b-0a9f8e7d6c5b");
            other.addProperty("id", "/subscriptions/0e9d8c7b-6a5f-4e3d-2c1b-0a9f8e7d6c5b/providers/Microsoft.Authorization/roleAssignments/x");
            j.getAsJsonArray().add(other);
        });
        JsonObject pay = scan(estate, 1).get("aks-pay");
        assertEquals("unknown", pay.get("status").getAsString(), pay.toString());
        assertTrue(pay.getAsJsonArray("notEvaluated").toString().contains("management group mg-platform"), pay.toString());
    }

    @Test
    void recipeFiles_areEachARecognisedShape() {
        ScanCommandTest.Result r = ScanCommandTest.run("scan", "--inventory", RECIPE.toString(), "--now", NOW);
        assertFalse(r.out().contains("skipped"), r.out());
        assertFalse(r.err().contains("warning"), r.err());
        assertTrue(r.out().contains("read 10 files, 17 resources"), r.out());
    }
}
