package io.byokwatch.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Runs the real command in-process on the bundled example estate, as the README's main command does. */
class ScanCommandTest {
    private static final String NOW = "2026-12-01T00:00:00Z";

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonObject exampleJson() {
        Result r = run("scan", "--inventory", "examples/estate", "--policy", "examples/policy.json", "--format", "json", "--now", NOW);
        assertEquals(1, r.code(), r.err());
        return JsonParser.parseString(r.out()).getAsJsonObject();
    }

    @Test
    void exampleEstate_givesEachClusterItsDesignedStatus() {
        Map<String, String> status = new HashMap<>();
        for (JsonElement c : exampleJson().getAsJsonArray("clusters")) {
            status.put(c.getAsJsonObject().get("name").getAsString(), c.getAsJsonObject().get("status").getAsString());
        }
        assertEquals("compliant", status.get("aks-pay-prod"));
        assertEquals("noncompliant", status.get("aks-ehr"), "node disks on des-ehr, but its postgres PVC on the platform key");
        assertEquals("compliant", status.get("aks-cardvault"), "proven through the Managed HSM's local role assignments");
        assertEquals("not-required", status.get("aks-dev-sandbox"));
        assertEquals("exempt", status.get("aks-legacy-exempt"));
        assertEquals("unknown", status.get("aks-shared-services"));
        for (String n : new String[]{"aks-checkout-hotfix", "aks-checkout-v2", "aks-web-1", "aks-web-2", "aks-batch", "aks-analytics",
                "aks-legacy-app", "aks-claims", "aks-reporting", "aks-search", "aks-ledger", "aks-archive", "aks-pinned", "aks-old-exempt"}) {
            assertEquals("noncompliant", status.get(n), n);
        }
        assertEquals(21, status.size());
    }

    @Test
    void exampleEstate_coversEveryRule_andSharesTheLegacyVaultFindingAcrossThreeClusters() {
        JsonObject report = exampleJson();
        Set<String> rules = new HashSet<>();
        JsonObject shared = null;
        for (JsonElement f : report.getAsJsonArray("findings")) {
            JsonObject o = f.getAsJsonObject();
            rules.add(o.get("ruleId").getAsString());
            if (o.get("ruleId").getAsString().equals("vault-no-purge-protection")) {
                shared = o;
            }
        }
        assertEquals(Set.of("aks-no-byok", "aks-des-not-found", "des-key-unavailable", "des-no-key-access", "vault-no-purge-protection",
                "des-rotation-error", "key-expiring", "key-no-rotation", "key-not-hsm", "aks-no-kms-etcd", "aks-no-host-encryption",
                "pv-disk-platform-key", "pv-disk-set-not-allowed"), rules);
        assertNotNull(shared);
        JsonArray ids = shared.getAsJsonArray("clusterIds");
        assertEquals(3, ids.size());
        assertTrue(shared.get("resourceId").getAsString().endsWith("/vaults/kv-shared-legacy"));
    }

    @Test
    void failOn_setsTheExitCode() {
        assertEquals(1, run("scan", "--inventory", "examples/estate", "--policy", "examples/policy.json", "--now", NOW).code());
        assertEquals(0, run("scan", "--inventory", "examples/estate", "--policy", "examples/policy.json", "--now", NOW, "--fail-on", "none").code());
        Path compliantOnly = Path.of("examples/estate/health/aks-ehr.az.json");
        assertTrue(Files.exists(compliantOnly));
    }

    @Test
    void unknownCluster_failsTheGateByDefault_unknownPassLetsItThrough(@TempDir Path tmp) throws Exception {
        // its disk encryption set lives in a subscription the files do not cover: nothing failed, nothing was proven
        Files.copy(Path.of("examples/estate/sandbox/aks-shared-services.json"), tmp.resolve("aks-shared-services.json"));
        Result strict = run("scan", "--inventory", tmp.toString(), "--format", "json", "--now", NOW);
        assertEquals(1, strict.code(), strict.err());
        assertEquals("unknown", JsonParser.parseString(strict.out()).getAsJsonObject().getAsJsonArray("clusters")
                .get(0).getAsJsonObject().get("status").getAsString());
        assertTrue(strict.err().contains("1 cluster unknown") && strict.err().contains("--unknown pass"), strict.err());
        assertEquals(0, run("scan", "--inventory", tmp.toString(), "--now", NOW, "--unknown", "pass").code());
        assertEquals(0, run("scan", "--inventory", tmp.toString(), "--now", NOW, "--fail-on", "none").code(),
                "--fail-on none stays report-only");
        assertEquals(1, run("scan", "--inventory", tmp.toString(), "--now", NOW, "--fail-on", "none", "--unknown", "fail").code());
        Result bad = run("scan", "--inventory", tmp.toString(), "--unknown", "maybe");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--unknown must be one of pass, fail"), bad.err());
    }

    @Test
    void inventoryWithResourcesButNoCluster_exitsTwo_askingWhetherTheClusterExportFailed(@TempDir Path tmp) throws Exception {
        Files.copy(Path.of("examples/estate/health/kv-phi-prod.json"), tmp.resolve("kv-phi-prod.json"));
        Files.copy(Path.of("examples/estate/health/des-ehr.json"), tmp.resolve("des-ehr.json"));
        Result r = run("scan", "--inventory", tmp.toString(), "--fail-on", "none", "--unknown", "pass");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("no AKS clusters in the inventory: did the cluster export fail?"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void usageMistakes_exitTwoWithAMessageAndNoStackTrace() {
        Result missing = run("scan", "--inventory", "no/such/folder");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("inventory path no/such/folder does not exist"), missing.err());
        Result badFlag = run("scan", "--inventory", "examples/estate", "--format", "xml");
        assertEquals(2, badFlag.code());
        assertTrue(badFlag.err().contains("--format must be one of table, json, sarif, markdown"), badFlag.err());
        Result unknown = run("scan", "--inventry", "x");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown flag --inventry"));
        Result badNow = run("scan", "--inventory", "examples/estate", "--now", "yesterday");
        assertEquals(2, badNow.code());
        for (Result r : new Result[]{missing, badFlag, unknown, badNow}) {
            assertFalse(r.err().contains("\tat "), r.err());
        }
    }

    @Test
    void badPolicyFile_exitsTwoNamingTheProblem(@TempDir Path tmp) throws Exception {
        Path policy = tmp.resolve("policy.json");
        Files.writeString(policy, "{\"requireHsm\": \"yes\"}");
        Result r = run("scan", "--inventory", "examples/estate", "--policy", policy.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("requireHsm: expected true or false"), r.err());
    }

    @Test
    void malformedFile_isReportedAndTheRestStillScans(@TempDir Path tmp) throws Exception {
        Files.copy(Path.of("examples/estate/health/aks-ehr.az.json"), tmp.resolve("aks-ehr.json"));
        Files.writeString(tmp.resolve("broken.json"), "{\n  \"id\": \"/subscriptions/x\",\n  \"name\": \n}");
        Result r = run("scan", "--inventory", tmp.toString(), "--format", "json", "--fail-on", "none");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("broken.json"), r.err());
        assertEquals(1, JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("clusters").size());
    }

    @Test
    void outputFile_isWritten_andEveryFormatRenders(@TempDir Path tmp) throws Exception {
        for (String format : new String[]{"table", "json", "sarif", "markdown"}) {
            Path out = tmp.resolve("report." + format);
            Result r = run("scan", "--inventory", "examples/estate", "--policy", "examples/policy.json", "--now", NOW,
                    "--format", format, "--output", out.toString(), "--fail-on", "none");
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.size(out) > 1000, format);
        }
    }

    @Test
    void rulesCommand_listsTheCatalogAsJson() {
        Result r = run("rules", "--format", "json");
        assertEquals(0, r.code());
        assertEquals(17, JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("rules").size());
    }

    @Test
    void blastRadius_ofTheLegacyVault_namesTwoSetsAndThreeClusters() {
        Result r = run("blast-radius", "--inventory", "examples/estate", "--format", "json", "--vault",
                "/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg-keys-legacy/providers/Microsoft.KeyVault/vaults/kv-shared-legacy");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(2, o.getAsJsonArray("diskEncryptionSets").size());
        assertEquals(3, o.getAsJsonArray("clusters").size());
        Result key = run("blast-radius", "--inventory", "examples/estate", "--format", "json", "--key",
                "https://KV-PAY-PROD.vault.azure.net:443/keys/aks-disk");
        JsonObject k = JsonParser.parseString(key.out()).getAsJsonObject();
        assertEquals(3, k.getAsJsonArray("diskEncryptionSets").size());
        boolean kmsOnly = false;
        for (JsonElement c : k.getAsJsonArray("clusters")) {
            kmsOnly |= c.getAsJsonObject().get("via").getAsString().equals("kms");
        }
        assertTrue(kmsOnly, "clusters using the key only for etcd are listed too");
        Result none = run("blast-radius", "--inventory", "examples/estate");
        assertEquals(2, none.code());
    }
}
