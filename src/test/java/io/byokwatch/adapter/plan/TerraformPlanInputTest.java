package io.byokwatch.adapter.plan;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.app.PlanReport;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.port.PlannedEstate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static io.byokwatch.adapter.plan.PlanFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a plan cannot say is notEvaluated with the reason; what is not a plan is refused with what to run instead. */
class TerraformPlanInputTest {
    @TempDir
    Path dir;

    @Test
    void notJson_isRefusedWithFileLineAndColumn() throws IOException {
        Path file = write("plan.json", "{\n  \"format_version\": \"1.2\",\n  \"resource_changes\": [,]\n}\n");
        PlanFormatException e = assertThrows(PlanFormatException.class, () -> TerraformPlans.read(file, null, null));
        assertTrue(e.getMessage().startsWith(file + ":3:"), e.getMessage());
    }

    @Test
    void aStateInsteadOfAPlan_saysSoAndHowToGetThePlan() throws IOException {
        Path file = write("state.json", "{\"format_version\": \"1.0\", \"terraform_version\": \"1.9.8\", \"values\": {\"root_module\": {}}}");
        PlanFormatException e = assertThrows(PlanFormatException.class, () -> TerraformPlans.read(file, null, null));
        assertTrue(e.getMessage().contains("a state, not a plan") && e.getMessage().contains("terraform show -json"), e.getMessage());
    }

    @Test
    void planOutputOfTerraformWithoutJson_orAnUnknownMajorFormat_isRefused() throws IOException {
        Path none = write("a.json", "{\"resource_changes\": []}");
        assertTrue(assertThrows(PlanFormatException.class, () -> TerraformPlans.read(none, null, null)).getMessage()
                .contains("terraform plan -out=plan.out && terraform show -json plan.out"));
        Path two = write("b.json", "{\"format_version\": \"2.0\", \"resource_changes\": []}");
        assertTrue(assertThrows(PlanFormatException.class, () -> TerraformPlans.read(two, null, null)).getMessage()
                .contains("format_version 2.0 is not supported"));
    }

    @Test
    void anActionTerraformDoesNotHave_isNamed() throws IOException {
        Path file = variant("cluster-without-set.json", plan -> changeOf(plan, "azurerm_kubernetes_cluster.web")
                .getAsJsonObject("change").add("actions", JsonParser.parseString("[\"explode\"]")));
        PlanFormatException e = assertThrows(PlanFormatException.class, () -> TerraformPlans.read(file, null, null));
        assertTrue(e.getMessage().contains("[explode]"), e.getMessage());
    }

    @Test
    void setIdThroughALocalValue_isUnknownWithTheReason_neverNoByok() throws IOException {
        Path file = variant("compliant-stack/plan.json", plan -> expressions(plan, "azurerm_kubernetes_cluster.payments")
                .add("disk_encryption_set_id", JsonParser.parseString("{\"references\": [\"local.des_id\"]}")));
        ClusterVerdict v = verdict(judge(TerraformPlans.read(file, null, null)), "aks-payments");
        assertEquals(ClusterStatus.UNKNOWN, v.status());
        assertTrue(v.findings().isEmpty(), v.findings()::toString);
        assertTrue(v.notEvaluated().stream().anyMatch(n -> n.reason().contains("local.des_id")
                && n.reason().contains("does not describe local values")), v.notEvaluated()::toString);
    }

    @Test
    void anExpressionOverASetAndAVault_takesTheSet_sinceOnlyASetIdFitsTheAttribute() throws IOException {
        Path file = variant("compliant-stack/plan.json", plan -> expressions(plan, "azurerm_kubernetes_cluster.payments")
                .add("disk_encryption_set_id", JsonParser.parseString("{\"references\": [\"azurerm_key_vault.disk.id\","
                        + " \"azurerm_key_vault.disk\", \"azurerm_disk_encryption_set.aks.id\", \"azurerm_disk_encryption_set.aks\"]}")));
        ClusterVerdict v = verdict(judge(TerraformPlans.read(file, null, null)), "aks-payments");
        assertEquals(ClusterStatus.COMPLIANT, v.status(), v::toString);
    }

    @Test
    void anExpressionOverTwoPlannedSets_cannotBeToldApart() throws IOException {
        Path file = variant("modules/plan.json", plan -> expressions(plan, "azurerm_kubernetes_cluster.regional")
                .add("disk_encryption_set_id", JsonParser.parseString("{\"references\": [\"azurerm_disk_encryption_set.regional[0].id\","
                        + " \"azurerm_disk_encryption_set.regional[0]\", \"azurerm_disk_encryption_set.regional\","
                        + " \"azurerm_disk_encryption_set.regional[1].id\", \"azurerm_disk_encryption_set.regional[1]\"]}")));
        ClusterVerdict v = verdict(judge(TerraformPlans.read(file, null, null)), "aks-regional-0");
        assertEquals(List.of("aks-no-kms-etcd@aks-regional-0"), ruleIds(v), "no set finding, no aks-no-byok");
        assertTrue(v.notEvaluated().stream().anyMatch(n -> n.reason().contains("combines azurerm_disk_encryption_set.regional[0],"
                + " azurerm_disk_encryption_set.regional[1]")), v.notEvaluated()::toString);
    }

    @Test
    void grantToAPrincipalTheConfigurationDoesNotShow_isNotEvaluated_notLacking() throws IOException {
        Path file = variant("compliant-stack/plan.json", plan -> expressions(plan, "azurerm_key_vault_access_policy.des")
                .add("object_id", JsonParser.parseString("{\"references\": [\"each.value.object_id\", \"each.value\"]}")));
        ClusterVerdict v = verdict(judge(TerraformPlans.read(file, null, null)), "aks-payments");
        assertTrue(v.findings().stream().noneMatch(f -> f.ruleId().equals("des-no-key-access")), v.findings()::toString);
        assertTrue(v.notEvaluated().stream().anyMatch(n -> n.ruleId().equals("des-no-key-access")
                && n.reason().contains("each.value")), v.notEvaluated()::toString);
        assertEquals(ClusterStatus.UNKNOWN, v.status());
    }

    /** A plan that destroys a set an existing cluster (from the inventory) still uses. */
    @Test
    void destroyingASetAnExistingClusterUses_isCriticalOnThatCluster() throws IOException {
        String setId = "/subscriptions/" + SUB + "/resourceGroups/rg-keys-shared/providers/Microsoft.Compute/diskEncryptionSets/des-shared";
        Path file = write("destroy.json", deletion("azurerm_disk_encryption_set", "shared", """
                {"id": "%s", "name": "des-shared", "resource_group_name": "rg-keys-shared", "location": "westeurope",
                 "auto_key_rotation_enabled": false,
                 "key_vault_key_id": "https://kv-shared-disks.vault.azure.net/keys/aks-disk/8c2f61e0a4d94b1f9e3c7a5b2d0e6f18",
                 "identity": [{"type": "SystemAssigned", "principal_id": "5d0e8c3a-7b21-4f6e-9a8d-3c2b1a0f9e87"}]}
                """.formatted(setId)));
        PlanReport report = judge(TerraformPlans.read(file, SnapshotInventory.load(estateWithLegacyCluster()), null));
        ClusterVerdict v = verdict(report, "aks-legacy");
        assertEquals(List.of("aks-des-not-found@des-shared"), ruleIds(v));
        assertTrue(finding(v, "aks-des-not-found").evidence().get("lookup").toString()
                .contains("destroyed by this plan (azurerm_disk_encryption_set.shared)"));
        assertEquals("Disk encryption set des-shared is destroyed; clusters using it cannot create or scale disks.",
                report.replacements().get(0).consequence());
    }

    /** Removing the access policy a shared set reaches its key with breaks every cluster behind the set. */
    @Test
    void removingTheSharedSetsAccessPolicy_isCriticalOnTheClustersBehindIt() throws IOException {
        Path file = write("revoke.json", deletion("azurerm_key_vault_access_policy", "shared_des", """
                {"id": "/subscriptions/%s/resourceGroups/rg-keys-shared/providers/Microsoft.KeyVault/vaults/kv-shared-disks/objectId/5d0e8c3a-7b21-4f6e-9a8d-3c2b1a0f9e87",
                 "key_vault_id": "/subscriptions/%s/resourceGroups/rg-keys-shared/providers/Microsoft.KeyVault/vaults/kv-shared-disks",
                 "object_id": "5d0e8c3a-7b21-4f6e-9a8d-3c2b1a0f9e87", "tenant_id": "72f988bf-86f1-41af-91ab-2d7cd011db47",
                 "key_permissions": ["Get", "WrapKey", "UnwrapKey"]}
                """.formatted(SUB, SUB)));
        ClusterVerdict v = verdict(judge(TerraformPlans.read(file, SnapshotInventory.load(estateWithLegacyCluster()), null)),
                "aks-legacy");
        assertTrue(ruleIds(v).contains("des-no-key-access@des-shared"), ruleIds(v)::toString);
    }

    private Path estateWithLegacyCluster() throws IOException {
        Path inventory = dir.resolve("estate");
        Files.createDirectories(inventory);
        try (var files = Files.list(SHARED_KEYS)) {
            for (Path f : files.toList()) {
                Files.copy(f, inventory.resolve(f.getFileName()));
            }
        }
        Files.writeString(inventory.resolve("aks-legacy.json"), """
                {"id": "/subscriptions/%s/resourceGroups/rg-legacy/providers/Microsoft.ContainerService/managedClusters/aks-legacy",
                 "name": "aks-legacy", "type": "Microsoft.ContainerService/managedClusters", "location": "westeurope",
                 "properties": {"diskEncryptionSetID": "/subscriptions/%s/resourceGroups/rg-keys-shared/providers/Microsoft.Compute/diskEncryptionSets/des-shared",
                   "agentPoolProfiles": [{"name": "system", "count": 3, "enableEncryptionAtHost": true}],
                   "securityProfile": {"azureKeyVaultKms": {"enabled": true, "keyId": "https://kv-shared-disks.vault.azure.net/keys/aks-kms/0f3a", "keyVaultNetworkAccess": "Public"}}}}
                """.formatted(SUB, SUB));
        return inventory;
    }

    /** A plan whose one change deletes a resource that exists (its before values given). */
    private static String deletion(String type, String name, String before) {
        return """
                {"format_version": "1.2", "terraform_version": "1.9.8",
                 "resource_changes": [{"address": "%s.%s", "mode": "managed", "type": "%s", "name": "%s",
                   "provider_name": "registry.terraform.io/hashicorp/azurerm",
                   "change": {"actions": ["delete"], "before": %s, "after": null, "after_unknown": {},
                     "before_sensitive": {}, "after_sensitive": false}}],
                 "configuration": {"root_module": {}}}
                """.formatted(type, name, type, name, before);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path variant(String fixture, Consumer<JsonObject> change) throws IOException {
        JsonObject plan = JsonParser.parseString(Files.readString(TERRAFORM.resolve(fixture))).getAsJsonObject();
        change.accept(plan);
        return write(fixture.replace('/', '-'), plan.toString());
    }

    static JsonObject changeOf(JsonObject plan, String address) {
        for (var rc : plan.getAsJsonArray("resource_changes")) {
            if (rc.getAsJsonObject().get("address").getAsString().equals(address)) {
                return rc.getAsJsonObject();
            }
        }
        throw new AssertionError("no " + address);
    }

    static JsonObject expressions(JsonObject plan, String address) {
        JsonArray resources = plan.getAsJsonObject("configuration").getAsJsonObject("root_module").getAsJsonArray("resources");
        for (var r : resources) {
            if (r.getAsJsonObject().get("address").getAsString().equals(address)) {
                return r.getAsJsonObject().getAsJsonObject("expressions");
            }
        }
        throw new AssertionError("no " + address);
    }

}
