package io.byokwatch.app;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.plan.TerraformPlans;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.policy.Exemption;
import io.byokwatch.policy.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.byokwatch.adapter.plan.PlanFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan check's own decisions: which clusters, how open facts count, and the plan-only rule under the policy. */
class PlanCheckTest {

    @Test
    void anOpenHostEncryptionFact_holdsBackOnlyThatPoolsFinding() throws IOException {
        Path dir = Files.createTempDirectory("plan-check");
        JsonObject plan = JsonParser.parseString(Files.readString(TERRAFORM.resolve("modules/plan.json"))).getAsJsonObject();
        for (var rc : plan.getAsJsonArray("resource_changes")) {
            JsonObject change = rc.getAsJsonObject();
            if (change.get("address").getAsString().equals("module.aks[\"weu\"].azurerm_kubernetes_cluster_node_pool.user[1]")) {
                change.getAsJsonObject("change").getAsJsonObject("after_unknown").addProperty("host_encryption_enabled", true);
                change.getAsJsonObject("change").getAsJsonObject("after").add("host_encryption_enabled", null);
            }
        }
        Path file = Files.writeString(dir.resolve("plan.json"), plan.toString());
        PlanReport report = judge(TerraformPlans.read(file, null, null));
        ClusterVerdict weu = verdict(report, "aks-weu");
        assertEquals(List.of("aks-no-kms-etcd@aks-weu"), ruleIds(weu));
        assertTrue(weu.notEvaluated().stream().anyMatch(n -> n.ruleId().equals("aks-no-host-encryption")
                && n.resourceId().name().equals("user1") && n.reason().contains("known only after apply")), weu.notEvaluated()::toString);
        assertEquals(List.of("aks-no-host-encryption@user1", "aks-no-kms-etcd@aks-neu"), ruleIds(verdict(report, "aks-neu")));
    }

    @Test
    void storageClassFinding_honoursExemptionsAndSeverityOverrides() {
        var estate = terraform("storage-classes.json", sharedKeys());
        ResourceId cluster = ResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/rg-apps/providers/Microsoft.ContainerService/managedClusters/aks-apps");
        Policy exempting = new Policy(true, List.of(), List.of(new Exemption(cluster, Set.of("aks-storageclass-no-des"),
                "fast class moves to CMK next sprint", LocalDate.parse("2027-01-31"), "sec-team")), 30, false, Set.of(),
                Map.of());
        ClusterVerdict v = verdict(judge(estate, exempting), "aks-apps");
        assertTrue(ruleIds(v).stream().noneMatch(r -> r.startsWith("aks-storageclass-no-des")), ruleIds(v)::toString);
        assertEquals("aks-storageclass-no-des", v.exempted().get(0).finding().ruleId());

        Policy lowered = new Policy(true, List.of(), List.of(), 30, false, Set.of(), Map.of("aks-storageclass-no-des",
                io.byokwatch.domain.Severity.LOW));
        assertEquals(io.byokwatch.domain.Severity.LOW, finding(verdict(judge(estate, lowered), "aks-apps"),
                "aks-storageclass-no-des").severity());
    }

    @Test
    void clusterThePolicyDoesNotRequireByokFor_isNotJudgedForItsStorageClassesEither() {
        Policy nothingRequired = new Policy(false, List.of(), List.of(), 30, false, Set.of(), Map.of());
        PlanReport report = judge(terraform("storage-classes.json", sharedKeys()), nothingRequired);
        assertEquals(ClusterStatus.NOT_REQUIRED, verdict(report, "aks-apps").status());
        assertTrue(verdict(report, "aks-apps").findings().isEmpty());
    }

    @Test
    void aPlanThatOnlyGrantsOnASharedVault_judgesTheClustersOfThatVault(@TempDir Path dir) throws IOException {
        for (Path f : Files.list(SHARED_KEYS).toList()) {
            Files.copy(f, dir.resolve(f.getFileName()));
        }
        Files.writeString(dir.resolve("aks-legacy.json"), """
                {"id": "/subscriptions/%s/resourceGroups/rg-legacy/providers/Microsoft.ContainerService/managedClusters/aks-legacy",
                 "name": "aks-legacy", "type": "Microsoft.ContainerService/managedClusters", "location": "westeurope",
                 "properties": {"diskEncryptionSetID": "/subscriptions/%s/resourceGroups/rg-keys-shared/providers/Microsoft.Compute/diskEncryptionSets/des-shared",
                   "agentPoolProfiles": [{"name": "system", "count": 3, "enableEncryptionAtHost": true}]}}
                """.formatted(SUB, SUB));
        PlanReport report = judge(terraform("replace-cluster.json", io.byokwatch.adapter.snapshot.SnapshotInventory.load(dir)));
        assertEquals(List.of("aks-orders", "aks-legacy"), report.scan().clusters().stream().map(ClusterVerdict::name).toList(),
                "the plan adds an access policy to kv-shared-disks, which des-shared (and so aks-legacy) depends on");
    }
}
