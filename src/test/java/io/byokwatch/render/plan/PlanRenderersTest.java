package io.byokwatch.render.plan;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.plan.ArmTemplates;
import io.byokwatch.adapter.plan.TerraformPlans;
import io.byokwatch.app.PlanReport;
import io.byokwatch.render.SchemaCheck;
import io.byokwatch.render.report.JsonReportRenderer;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.rules.plan.PlanRules;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.byokwatch.adapter.plan.PlanFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plan reports in every format, each checked against its published schema. */
class PlanRenderersTest {
    private static final SchemaCheck CONTRACT = SchemaCheck.load(JsonReportRenderer.SCHEMA_RESOURCE);
    private static final SchemaCheck SARIF = SchemaCheck.load("schema/sarif-2.1.0.json");

    private static List<PlanReport> everyFixture() {
        List<PlanReport> reports = new ArrayList<>();
        for (String f : List.of("compliant-stack/plan.json", "cluster-without-set.json", "host-encryption-v3.json",
                "vault-without-purge-protection.json", "modules/plan.json", "replace-cluster.json", "shared-set-data-source.json",
                "azapi-cluster.json", "azapi-cluster-v1.json", "storage-classes.json")) {
            reports.add(judge(terraform(f, sharedKeys())));
        }
        reports.add(judge(TerraformPlans.read(TERRAFORM.resolve("modules/plan.json"), null, TERRAFORM.resolve("modules"))));
        reports.add(judge(ArmTemplates.read(ARM.resolve("aks-cmk.json"), ARM.resolve("aks-cmk.parameters.json"), null, null, null)));
        reports.add(judge(ArmTemplates.read(ARM.resolve("bicep-modules.json"), ARM.resolve("bicep-modules.parameters.json"), null,
                SUB, "rg-ledger")));
        return reports;
    }

    @Test
    void everyFixture_rendersJsonThatTheScanReportSchemaAccepts() {
        for (PlanReport report : everyFixture()) {
            String json = new PlanJsonRenderer().render(report);
            assertEquals(List.of(), CONTRACT.problems(json), report.source());
        }
    }

    @Test
    void everyFixture_rendersSarifThatTheOfficialSchemaAccepts() {
        for (PlanReport report : everyFixture()) {
            String sarif = new PlanSarifRenderer(RuleCatalog.standard(), PlanRules.standard(), "0.1.0").render(report);
            assertEquals(List.of(), SARIF.problems(sarif), report.source());
        }
    }

    @Test
    void theSchemaStillRefusesAPlanPartItDoesNotDescribe() {
        JsonObject json = new PlanJsonRenderer().toJson(judge(terraform("replace-cluster.json")));
        json.getAsJsonObject("plan").getAsJsonArray("replacements").get(0).getAsJsonObject().addProperty("severity", "high");
        assertFalse(CONTRACT.problems(json.toString()).isEmpty());
    }

    @Test
    void jsonNamesThePlanAddressOfEachFinding_andThePlanBlock() {
        JsonObject json = new PlanJsonRenderer().toJson(judge(terraform("replace-cluster.json")));
        JsonObject plan = json.getAsJsonObject("plan");
        assertEquals("terraform", plan.get("format").getAsString());
        assertEquals(2, plan.getAsJsonObject("resources").get("replace").getAsInt());
        JsonObject replaced = plan.getAsJsonArray("replacements").get(0).getAsJsonObject();
        assertEquals("azurerm_kubernetes_cluster.orders", replaced.get("address").getAsString());
        assertEquals("cluster", replaced.get("kind").getAsString());
        assertEquals("disk_encryption_set_id", replaced.getAsJsonArray("forcedBy").get(0).getAsString());
        JsonObject cluster = json.getAsJsonArray("clusters").get(0).getAsJsonObject();
        assertEquals("replace", cluster.getAsJsonObject("plan").get("action").getAsString());
        for (JsonElement f : json.getAsJsonArray("findings")) {
            assertTrue(f.getAsJsonObject().has("plan"), f.toString());
        }
        assertTrue(plan.getAsJsonArray("resolved").size() > 0);
    }

    @Test
    void sarifPlacesResultsOnTheTfLine_andWarnsOfTheReplacementOnItsOwnRule() {
        PlanReport report = judge(TerraformPlans.read(TERRAFORM.resolve("modules/plan.json"), null, TERRAFORM.resolve("modules")));
        JsonObject run = runOf(new PlanSarifRenderer(RuleCatalog.standard(), PlanRules.standard(), "0.1.0").render(report));
        JsonObject pool = result(run, "aks-no-host-encryption");
        JsonObject physical = pool.getAsJsonArray("locations").get(0).getAsJsonObject().getAsJsonObject("physicalLocation");
        assertEquals("src/test/resources/plan/terraform/modules/modules/aks/main.tf",
                physical.getAsJsonObject("artifactLocation").get("uri").getAsString());
        assertEquals(46, physical.getAsJsonObject("region").get("startLine").getAsInt());
        assertTrue(pool.getAsJsonObject("properties").get("planAddress").getAsString()
                .endsWith("azurerm_kubernetes_cluster_node_pool.user[1]"));

        JsonObject replaced = runOf(new PlanSarifRenderer(RuleCatalog.standard(), PlanRules.standard(), "0.1.0")
                .render(judge(terraform("replace-cluster.json"))));
        JsonObject warning = result(replaced, PlanSarifRenderer.REPLACEMENT_RULE);
        assertEquals("warning", warning.get("level").getAsString());
        assertTrue(warning.getAsJsonObject("message").get("text").getAsString().contains("azurerm_kubernetes_cluster.orders"));
        JsonArray rules = replaced.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
        assertTrue(rules.asList().stream().anyMatch(r -> r.getAsJsonObject().get("id").getAsString().equals("aks-storageclass-no-des")));
    }

    @Test
    void tableAndMarkdown_putDestructiveChangesFirst_andTheAddressesAfter() {
        PlanReport report = judge(terraform("replace-cluster.json"));
        String table = new PlanTableRenderer().render(report);
        assertTrue(table.indexOf("!! DESTRUCTIVE CHANGES") < table.indexOf("NONCOMPLIANT"), table);
        assertTrue(table.contains("Where to fix in the plan:"), table);
        assertTrue(table.lines().allMatch(l -> l.length() <= 100), table);
        String md = new PlanMarkdownRenderer().render(report);
        assertTrue(md.indexOf("> [!WARNING]") < md.indexOf("### Clusters"), md);
        assertTrue(md.contains("| `aks-no-host-encryption` | batch | `azurerm_kubernetes_cluster_node_pool.batch` |"), md);
    }

    private static JsonObject runOf(String sarif) {
        return JsonParser.parseString(sarif).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject();
    }

    private static JsonObject result(JsonObject run, String ruleId) {
        for (JsonElement r : run.getAsJsonArray("results")) {
            if (r.getAsJsonObject().get("ruleId").getAsString().equals(ruleId)) {
                return r.getAsJsonObject();
            }
        }
        throw new AssertionError("no " + ruleId + " result");
    }

}
