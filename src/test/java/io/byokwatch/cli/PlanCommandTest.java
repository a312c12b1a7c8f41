package io.byokwatch.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.byokwatch.cli.ScanCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real plan command in-process, on the plan and template fixtures; exit codes as scan. */
class PlanCommandTest {
    private static final String NOW = "2026-12-01T00:00:00Z";
    private static final String TF = "src/test/resources/plan/terraform/";
    private static final String ARM = "src/test/resources/plan/arm/";
    private static final String SHARED = "src/test/resources/plan/inventory/shared-keys";

    @Test
    void compliantStack_exitsZero() {
        ScanCommandTest.Result r = run("plan", "--terraform", TF + "compliant-stack/plan.json", "--now", NOW);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("COMPLIANT     aks-payments"), r.out());
    }

    @Test
    void clusterWithoutSet_exitsOne_andSaysWhereToFixIt() {
        ScanCommandTest.Result r = run("plan", "--terraform", TF + "cluster-without-set.json", "--now", NOW);
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("aks-no-byok on aks-web: azurerm_kubernetes_cluster.web"), r.out());
        assertEquals(0, run("plan", "--terraform", TF + "cluster-without-set.json", "--fail-on", "critical", "--now", NOW).code());
    }

    @Test
    void unknownVerdict_failsTheGate_unlessUnknownPass() {
        ScanCommandTest.Result fail = run("plan", "--terraform", TF + "shared-set-data-source.json", "--now", NOW);
        assertEquals(1, fail.code(), fail.out());
        assertTrue(fail.out().contains("UNKNOWN"), fail.out());
        assertEquals(0, run("plan", "--terraform", TF + "shared-set-data-source.json", "--unknown", "pass", "--now", NOW).code());
    }

    @Test
    void inventoryJoin_findsTheExpiringSharedKey() {
        ScanCommandTest.Result r = run("plan", "--terraform", TF + "shared-set-data-source.json", "--inventory", SHARED,
                "--format", "json", "--now", NOW);
        assertEquals(1, r.code(), r.err());
        JsonObject report = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonObject finding = report.getAsJsonArray("findings").get(0).getAsJsonObject();
        assertEquals("key-expiring", finding.get("ruleId").getAsString());
        assertEquals("high", finding.get("severity").getAsString());
        JsonObject plan = finding.getAsJsonObject("plan");
        assertEquals("data.azurerm_disk_encryption_set.shared", plan.get("address").getAsString());
        assertEquals("read", plan.get("action").getAsString());
        assertTrue(r.err().contains("plan: inventory: read 3 files"), r.err());
    }

    @Test
    void replacement_isShownFirst_andSarifCarriesFileAndLineWithSource(@TempDir Path dir) throws IOException {
        ScanCommandTest.Result table = run("plan", "--terraform", TF + "replace-cluster.json", "--now", NOW);
        assertTrue(table.out().indexOf("!! DESTRUCTIVE CHANGES") < table.out().indexOf("NONCOMPLIANT"), table.out());
        assertTrue(table.out().contains("!! azurerm_kubernetes_cluster.orders"), table.out());

        Path sarif = dir.resolve("out/plan.sarif");
        ScanCommandTest.Result r = run("plan", "--terraform", TF + "modules/plan.json", "--source", TF + "modules",
                "--format", "sarif", "--output", sarif.toString(), "--now", NOW);
        assertEquals(1, r.code(), r.err());
        String text = Files.readString(sarif);
        assertTrue(text.contains("\"uri\": \"src/test/resources/plan/terraform/modules/modules/aks/main.tf\""), text);
        assertTrue(text.contains("module.aks[\\\"neu\\\"].azurerm_kubernetes_cluster_node_pool.user[1]"), text);
    }

    @Test
    void armTemplate_withParametersAndScope() {
        ScanCommandTest.Result r = run("plan", "--arm", ARM + "bicep-modules.json", "--parameters", ARM + "bicep-modules.parameters.json",
                "--subscription", "6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01", "--resource-group", "rg-ledger", "--format", "json", "--now", NOW);
        assertEquals(1, r.code(), r.err());
        JsonObject report = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("arm", report.getAsJsonObject("plan").get("format").getAsString());
        JsonObject finding = report.getAsJsonArray("findings").get(0).getAsJsonObject();
        assertEquals("vault-no-purge-protection", finding.get("ruleId").getAsString());
        assertEquals("keys/vault", finding.getAsJsonObject("plan").get("address").getAsString());
        assertEquals(75, finding.getAsJsonObject("plan").get("line").getAsInt());
    }

    @Test
    void usageMistakes_exitTwo_withWhatToDo() {
        ScanCommandTest.Result none = run("plan");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("--terraform PLAN.json") && none.err().contains("--arm TEMPLATE.json"), none.err());
        ScanCommandTest.Result both = run("plan", "--terraform", "a.json", "--arm", "b.json");
        assertEquals(2, both.code());
        ScanCommandTest.Result mixed = run("plan", "--terraform", TF + "cluster-without-set.json", "--parameters", "p.json");
        assertEquals(2, mixed.code());
        assertTrue(mixed.err().contains("go with --arm"), mixed.err());
        ScanCommandTest.Result unknown = run("plan", "--terraform", TF + "cluster-without-set.json", "--unknown", "maybe");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("--unknown must be one of pass, fail"), unknown.err());
        ScanCommandTest.Result sub = run("plan", "--arm", ARM + "aks-cmk.json", "--subscription", "prod");
        assertEquals(2, sub.code());
    }

    @Test
    void unreadableInput_exitsTwo_withoutATrace() {
        ScanCommandTest.Result missing = run("plan", "--terraform", "no/such/plan.json");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("plan no/such/plan.json does not exist"), missing.err());
        assertFalse(missing.err().contains("Exception"), missing.err());
        ScanCommandTest.Result noParams = run("plan", "--arm", ARM + "aks-cmk.json");
        assertEquals(2, noParams.code());
        assertTrue(noParams.err().contains("clusterName, keyVaultName have no defaultValue; give their values with --parameters"),
                noParams.err());
        ScanCommandTest.Result template = run("plan", "--arm", ARM + "aks-cmk.parameters.json");
        assertEquals(2, template.code());
        assertTrue(template.err().contains("is a parameters file"), template.err());
    }

    @Test
    void live_withoutScope_saysWhichSettingIsMissing() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = Main.run(new String[] {"plan", "--terraform", TF + "cluster-without-set.json", "--live"},
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8), Map.of());
        ScanCommandTest.Result r = new ScanCommandTest.Result(code, out.toString(java.nio.charset.StandardCharsets.UTF_8),
                err.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("BYOKWATCH_SUBSCRIPTIONS"), r.err());
    }

    @Test
    void onePolicyFile_servesScanAndPlan_includingThePlanOnlyRule(@TempDir Path dir) throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.json"), "{\"disabledRules\": [\"aks-storageclass-no-des\"]}");
        ScanCommandTest.Result plan = run("plan", "--terraform", TF + "storage-classes.json", "--inventory", SHARED,
                "--policy", policy.toString(), "--format", "json", "--now", NOW);
        assertFalse(plan.out().contains("aks-storageclass-no-des"), plan.out());
        ScanCommandTest.Result scan = run("scan", "--inventory", "examples/estate", "--policy", policy.toString(), "--fail-on", "none",
                "--now", NOW);
        assertEquals(0, scan.code(), scan.err());
    }
}
