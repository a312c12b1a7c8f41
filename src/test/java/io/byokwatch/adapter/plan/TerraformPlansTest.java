package io.byokwatch.adapter.plan;

import io.byokwatch.app.PlanReport;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.PlanResolution;
import io.byokwatch.port.PlannedEstate;
import io.byokwatch.port.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.byokwatch.adapter.plan.PlanFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Terraform plans mapped to the domain records and judged by the estate's rules. */
class TerraformPlansTest {

    /** compliant-stack: after the azurerm acceptance configs diskEncryptionConfig and azureKeyVaultKms (main.tf beside it). */
    @Test
    void stackCreatedInOnePlan_everyLinkKnownOnlyAfterApply_isCompliant() {
        PlannedEstate estate = terraform("compliant-stack/plan.json");
        ClusterVerdict v = verdict(judge(estate), "aks-payments");
        assertEquals(ClusterStatus.COMPLIANT, v.status(), () -> v.findings() + " / " + v.notEvaluated());
        assertEquals(List.of(), v.notEvaluated());
        assertEquals("/subscriptions/" + SUB + "/resourceGroups/rg-payments-aks/providers/Microsoft.ContainerService/managedClusters/aks-payments",
                v.clusterId().toString(), "the subscription comes from data.azurerm_client_config in the prior state");
    }

    @Test
    void aGrantToTheSetsOwnPrincipal_matchesTheSet_throughTheSameStandIn() {
        PlannedEstate estate = terraform("compliant-stack/plan.json");
        DiskEncryptionSet set = estate.inventory().diskEncryptionSet(ResourceId.parse("/subscriptions/" + SUB
                + "/resourceGroups/rg-payments-aks/providers/Microsoft.Compute/diskEncryptionSets/des-payments-aks")).orNull();
        assertNotNull(set);
        String principal = set.identity().principalId();
        assertEquals("(azurerm_disk_encryption_set.aks.identity[0].principal_id, known after apply)", principal);
        KeyVault vault = estate.inventory().vaultByHost("kv-payments-disk.vault.azure.net").orNull();
        assertTrue(vault.accessPolicies().stream().anyMatch(p -> principal.equals(p.objectId()) && p.grants("unwrapKey")),
                "the separate azurerm_key_vault_access_policy lands on the planned vault");
        PlanResolution grant = estate.resolutions().stream()
                .filter(r -> r.address().equals("azurerm_key_vault_access_policy.des") && r.attribute().equals("object_id"))
                .findFirst().orElseThrow();
        assertTrue(grant.atApply());
        assertEquals("azurerm_disk_encryption_set.aks", grant.target());
        assertEquals("azurerm_disk_encryption_set.aks.identity[0].principal_id", grant.reference());
    }

    @Test
    void unknownKeyIds_resolveToThePlannedKeys_withVersionKnownAfterApply() {
        PlannedEstate estate = terraform("compliant-stack/plan.json");
        ManagedCluster c = estate.inventory().clusters().get(0);
        assertEquals("https://kv-payments-disk.vault.azure.net/keys/aks-kms/known-after-apply", c.kms().key().toString());
        DiskEncryptionSet set = estate.inventory().diskEncryptionSet(c.diskEncryptionSetId()).orNull();
        assertEquals("https://kv-payments-disk.vault.azure.net/keys/aks-disk", set.activeKey().toString(),
                "versionless_id keeps no version");
        assertTrue(estate.inventory().key(set.activeKey()).orNull().rotationPolicy().rotates());
    }

    @Test
    void clusterWithoutSet_failsNoByok_withItsAddress() {
        PlanReport report = judge(terraform("cluster-without-set.json"));
        ClusterVerdict v = verdict(report, "aks-web");
        assertEquals(List.of("aks-no-byok@aks-web", "aks-no-host-encryption@system", "aks-no-kms-etcd@aks-web"), ruleIds(v));
        assertEquals("azurerm_kubernetes_cluster.web", report.resourceFor(v.clusterId()).address());
    }

    /** The same configuration planned with azurerm 3.116 (enable_host_encryption) and 4.14 (host_encryption_enabled). */
    @Test
    void hostEncryptionNames_v3AndV4_giveTheSameVerdict() {
        ClusterVerdict v3 = verdict(judge(terraform("host-encryption-v3.json")), "aks-batch");
        ClusterVerdict v4 = verdict(judge(terraform("host-encryption-v4.json")), "aks-batch");
        assertEquals(ruleIds(v3), ruleIds(v4));
        assertEquals(List.of("aks-no-host-encryption@spot", "aks-no-kms-etcd@aks-batch"), ruleIds(v4),
                "the default pool has it under either name; the spot pool has it off");
        PlannedEstate estate = terraform("host-encryption-v3.json");
        ManagedCluster c = estate.inventory().clusters().get(0);
        assertEquals(Boolean.TRUE, c.agentPools().stream().filter(p -> p.name().equals("system")).findFirst().orElseThrow()
                .encryptionAtHost());
    }

    @Test
    void aSetOutsideThePlanWithoutInventory_isUnknownWithHowToSupplyIt() {
        ClusterVerdict v = verdict(judge(terraform("host-encryption-v4.json")), "aks-batch");
        assertTrue(v.notEvaluated().stream().anyMatch(n -> n.reason().contains("az disk-encryption-set show --ids")
                && n.reason().contains("--live")), v.notEvaluated()::toString);
    }

    /** azurerm 5.x names (rbac_authorization_enabled) and a grant by azurerm_role_assignment instead of an access policy. */
    @Test
    void vaultWithoutPurgeProtection_isHigh_andTheRoleAssignmentGrantsTheNewSet() {
        ClusterVerdict v = verdict(judge(terraform("vault-without-purge-protection.json")), "aks-claims");
        assertEquals(List.of("vault-no-purge-protection@kv-claims"), ruleIds(v));
        assertEquals(ClusterStatus.NONCOMPLIANT, v.status());
        assertTrue(v.notEvaluated().isEmpty(), "the role assignments at a new vault for a new principal are all in the plan: "
                + v.notEvaluated());
    }

    /** modules: a cluster module called with for_each and a key module read through its outputs; count.index at the root. */
    @Test
    void moduleInstances_eachResolveTheirOwnSet_throughVariablesAndOutputs() {
        PlannedEstate estate = terraform("modules/plan.json");
        PlanReport report = judge(estate);
        for (String region : List.of("weu", "neu")) {
            ClusterVerdict v = verdict(report, "aks-" + region);
            assertEquals(List.of("aks-no-host-encryption@user1", "aks-no-kms-etcd@aks-" + region), ruleIds(v),
                    "the set of module.aks[\"" + region + "\"] reaches the key through module.keys and is granted by its own policy");
            ManagedCluster c = estate.inventory().cluster(v.clusterId()).orNull();
            assertEquals("des-aks-" + region, c.diskEncryptionSetId().name());
        }
        assertEquals("module.aks[\"neu\"].azurerm_kubernetes_cluster_node_pool.user[1]", report.resourceFor(
                finding(verdict(report, "aks-neu"), "aks-no-host-encryption").resourceId()).address());
    }

    @Test
    void countIndexReferences_pickTheSetWithTheSameIndex() {
        PlannedEstate estate = terraform("modules/plan.json");
        for (ManagedCluster c : estate.inventory().clusters()) {
            if (c.name().startsWith("aks-regional-")) {
                assertEquals("des-regional-" + c.name().substring("aks-regional-".length()), c.diskEncryptionSetId().name());
            }
        }
        ClusterVerdict one = verdict(judge(estate), "aks-regional-1");
        assertEquals(List.of("aks-no-kms-etcd@aks-regional-1", "des-no-key-access@des-regional-1",
                "key-no-rotation@des-regional-1"), ruleIds(one), "no policy grants the regional sets; [1] does not rotate");
    }

    @Test
    void replacedCluster_andNodePoolLosingHostEncryption_areWarnedWithTheirAddresses() {
        PlanReport report = judge(terraform("replace-cluster.json"));
        assertEquals(List.of("azurerm_kubernetes_cluster.orders", "azurerm_kubernetes_cluster_node_pool.batch"),
                report.replacements().stream().map(r -> r.resource().address()).toList());
        PlanReport.Replacement cluster = report.replacements().get(0);
        assertEquals(List.of("disk_encryption_set_id"), cluster.resource().forcedBy());
        assertTrue(cluster.consequence().contains("destroyed and created again"));
        PlannedResource pool = report.replacements().get(1).resource();
        assertTrue(pool.losesHostEncryption());
        assertTrue(report.replacements().get(1).consequence().contains("no encryption at host"));
    }

    /** The example: the plan points the new cluster at des-shared, whose key expires in 3 days. */
    @Test
    void setReadByDataSource_isJudgedThroughTheInventory() {
        ClusterVerdict alone = verdict(judge(terraform("shared-set-data-source.json")), "aks-orders");
        assertEquals(ClusterStatus.UNKNOWN, alone.status());
        assertTrue(alone.findings().isEmpty());

        PlanReport joined = judge(terraform("shared-set-data-source.json", sharedKeys()));
        ClusterVerdict v = verdict(joined, "aks-orders");
        assertEquals(List.of("key-expiring@des-shared", "key-no-rotation@des-shared"), ruleIds(v));
        assertTrue(finding(v, "key-expiring").message().contains("(in 3 days)"));
        assertEquals("data.azurerm_disk_encryption_set.shared",
                joined.resourceFor(finding(v, "key-expiring").resourceId()).address());
    }

    @Test
    void planAddsAnAccessPolicyToAnExistingVault_theNewSetIsGrantedThere() {
        ClusterVerdict v = verdict(judge(terraform("replace-cluster.json", sharedKeys())), "aks-orders");
        assertFalse(ruleIds(v).stream().anyMatch(r -> r.startsWith("des-no-key-access")), ruleIds(v)::toString);
        assertTrue(v.notEvaluated().isEmpty(), v.notEvaluated()::toString);
    }

    /** azapi 2.x: the body is an object; its unknown diskEncryptionSetID is followed to the set, not the resource group. */
    @Test
    void azapiCluster_goesThroughTheArmMapper_andItsUnknownSetIdIsFollowedByType() {
        PlannedEstate estate = terraform("azapi-cluster.json", sharedKeys());
        ManagedCluster c = estate.inventory().clusters().stream().filter(x -> x.name().equals("aks-ledger")).findFirst().orElseThrow();
        assertEquals("des-ledger", c.diskEncryptionSetId().name());
        assertTrue(c.kms().enabled());
        assertEquals(Boolean.TRUE, c.agentPools().get(0).encryptionAtHost());
        ClusterVerdict v = verdict(judge(estate), "aks-ledger");
        // legacy KMS (a versioned key) on a system-assigned identity, which KMS does not work with
        assertEquals(List.of("key-expiring@des-ledger", "kms-identity-not-user-assigned@aks-ledger"), ruleIds(v));
    }

    /** azapi 1.x: the body is a JSON string; when a value in it is unknown, the whole string is. */
    @Test
    void azapiStringBody_isParsed_andAWhollyUnknownBodyLeavesTheClusterUnknown() {
        PlanReport report = judge(terraform("azapi-cluster-v1.json", sharedKeys()));
        ClusterVerdict reports = verdict(report, "aks-reports");
        assertTrue(ruleIds(reports).contains("key-expiring@des-shared"), ruleIds(reports)::toString);
        ClusterVerdict audit = verdict(report, "aks-audit");
        assertEquals(ClusterStatus.UNKNOWN, audit.status());
        assertTrue(audit.findings().isEmpty());
        assertTrue(audit.notEvaluated().stream().allMatch(n -> n.reason().contains("jsonencode()")));
    }

    @Test
    void storageClassWithoutSet_isAFindingOnItsCluster_andOneWithoutACluster_standsAlone() {
        PlanReport report = judge(terraform("storage-classes.json", sharedKeys()));
        ClusterVerdict v = verdict(report, "aks-apps");
        assertTrue(ruleIds(v).contains("aks-storageclass-no-des@managed-csi-fast"), ruleIds(v)::toString);
        assertFalse(ruleIds(v).stream().anyMatch(r -> r.contains("managed-csi-cmk") || r.contains("azurefile")));
        assertEquals(List.of("managed-csi-ops"), report.unattached().stream().map(s -> s.finding().resourceId().name()).toList(),
                "the class of the provider configured from a kubeconfig file names no cluster");
        assertEquals("kubernetes_storage_class_v1.fast",
                report.resourceFor(finding(v, "aks-storageclass-no-des").resourceId()).address());
    }

    @Test
    void sourceFolder_placesEachResourceOnItsBlock_inModulesToo() {
        PlannedEstate estate = TerraformPlans.read(TERRAFORM.resolve("modules/plan.json"), null, TERRAFORM.resolve("modules"));
        PlannedResource.SourceLocation root = resource(estate, "azurerm_kubernetes_cluster.regional[1]").location();
        assertEquals("src/test/resources/plan/terraform/modules/main.tf", root.file());
        assertEquals(48, root.line());
        PlannedResource.SourceLocation inModule = resource(estate, "module.aks[\"weu\"].azurerm_kubernetes_cluster_node_pool.user[0]").location();
        assertEquals("src/test/resources/plan/terraform/modules/modules/aks/main.tf", inModule.file());
        assertEquals(46, inModule.line());
    }

    /** Registry and git modules live where terraform init put them, as .terraform/modules/modules.json lists. */
    @Test
    void downloadedModules_areFoundThroughTheModuleManifest(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Files.copy(TERRAFORM.resolve("modules/main.tf"), dir.resolve("main.tf"));
        java.nio.file.Path fetched = java.nio.file.Files.createDirectories(dir.resolve(".terraform/modules/aks"));
        java.nio.file.Files.copy(TERRAFORM.resolve("modules/modules/aks/main.tf"), fetched.resolve("main.tf"));
        java.nio.file.Files.writeString(dir.resolve(".terraform/modules/modules.json"), """
                {"Modules": [{"Key": "", "Source": "", "Dir": "."},
                             {"Key": "aks", "Source": "registry.terraform.io/example/aks/azurerm", "Version": "1.4.0",
                              "Dir": ".terraform/modules/aks"}]}
                """);
        PlannedEstate estate = TerraformPlans.read(TERRAFORM.resolve("modules/plan.json"), null, dir);
        PlannedResource.SourceLocation at = resource(estate, "module.aks[\"neu\"].azurerm_kubernetes_cluster.this").location();
        assertTrue(at.file().endsWith(".terraform/modules/aks/main.tf"), at.file());
        assertEquals(27, at.line());
        assertEquals(null, resource(estate, "module.keys.azurerm_key_vault.this").location(),
                "module.keys is neither downloaded nor in the copied folder");
    }
}
