package io.byokwatch.adapter.plan;

import io.byokwatch.app.PlanReport;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.port.PlannedEstate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.byokwatch.adapter.plan.PlanFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ARM templates as az bicep build writes them (language versions 1 and 2.0), resource shapes after the canonical
 * examples in Azure/azure-rest-api-specs (ManagedClustersCreate_EnableEncryptionAtHost, DiskEncryptionSet_Create).
 */
class ArmTemplatesTest {
    @TempDir
    Path dir;

    private static PlannedEstate cmk() {
        return ArmTemplates.read(ARM.resolve("aks-cmk.json"), ARM.resolve("aks-cmk.parameters.json"), null, null, null);
    }

    @Test
    void nestedKeys_propertyCopyPools_andCopiedPoolResources_areAllDeployed() {
        PlannedEstate estate = cmk();
        ManagedCluster c = estate.inventory().clusters().get(0);
        assertEquals("aks-risk", c.name());
        assertEquals(List.of("system", "system2", "user0", "user1"), c.agentPools().stream().map(p -> p.name()).toList(),
                "two inline profiles from the property copy over the parameter, two pools from the resource copy");
        assertEquals(List.of(true, true, true, false), c.agentPools().stream().map(p -> p.encryptionAtHost()).toList());
        assertEquals("Microsoft.KeyVault/vaults/keys/kv-risk-disks/aks-disk", resource(estate, "Microsoft.KeyVault/vaults/keys/kv-risk-disks/aks-disk").address());
    }

    @Test
    void referencesBetweenTemplateResources_joinClusterSetKeyAndVault_andTheGrantMatchesTheSet() {
        PlannedEstate estate = cmk();
        ManagedCluster c = estate.inventory().clusters().get(0);
        DiskEncryptionSet set = estate.inventory().diskEncryptionSet(c.diskEncryptionSetId()).orNull();
        assertEquals("https://kv-risk-disks.vault.azure.net/keys/aks-disk/known-at-deployment", set.activeKey().toString());
        KeyVault vault = estate.inventory().vaultByHost(set.activeKey().vaultHost()).orNull();
        assertTrue(vault.accessPolicies().stream().anyMatch(p -> set.identity().principalId().equals(p.objectId())),
                "vaults/accessPolicies ...add grants the set's own principal, read with reference(..., 'full')");
        ClusterVerdict v = verdict(judge(estate), "aks-risk");
        // the template turns legacy KMS on for a cluster with a system-assigned identity, which KMS does not work with
        assertEquals(List.of("aks-no-host-encryption@user1", "kms-identity-not-user-assigned@aks-risk"), ruleIds(v));
        assertTrue(v.notEvaluated().isEmpty(), v.notEvaluated()::toString);
    }

    @Test
    void eachTemplateResource_isPlacedOnItsLineInTheTemplate() throws IOException {
        PlannedEstate estate = cmk();
        List<String> lines = Files.readAllLines(ARM.resolve("aks-cmk.json"));
        int line = resource(estate, "Microsoft.Compute/diskEncryptionSets/des-aks-risk").location().line();
        assertTrue(lines.get(line - 1).trim().startsWith("{") && lines.get(line).contains("Microsoft.Compute/diskEncryptionSets"),
                "line " + line + ": " + lines.get(line - 1) + " / " + lines.get(line));
    }

    /** Bicep language version 2.0: symbolic names, an existing resource, a module as a nested deployment with outputs. */
    @Test
    void bicepModule_outputsReachTheCluster_andItsRoleAssignmentGrantsTheNewSet() {
        PlannedEstate estate = ArmTemplates.read(ARM.resolve("bicep-modules.json"), ARM.resolve("bicep-modules.parameters.json"),
                null, SUB, "rg-ledger");
        ClusterVerdict v = verdict(judge(estate), "aks-ledger-prod");
        assertEquals(List.of("aks-no-kms-etcd@aks-ledger-prod", "vault-no-purge-protection@" + v.findings().stream()
                .filter(f -> f.ruleId().equals("vault-no-purge-protection")).findFirst().orElseThrow().resourceId().name()), ruleIds(v));
        assertTrue(v.notEvaluated().isEmpty(), v.notEvaluated()::toString);
        assertEquals("/subscriptions/" + SUB + "/resourceGroups/rg-ledger/providers/Microsoft.Compute/diskEncryptionSets/des-aks-ledger-prod",
                estate.inventory().cluster(v.clusterId()).orNull().diskEncryptionSetId().toString());
        assertTrue(estate.resources().stream().anyMatch(r -> r.address().equals("keys/setCanUseKey")));
    }

    @Test
    void aVaultNamedWithUniqueString_isAStandInThatNeverLooksMissingFromAnInventory() {
        PlannedEstate estate = ArmTemplates.read(ARM.resolve("bicep-modules.json"), ARM.resolve("bicep-modules.parameters.json"),
                sharedKeys(), SUB, "rg-ledger");
        String vaultName = resource(estate, "keys/vault").id().name();
        assertTrue(vaultName.startsWith("kv-ledger-prod-known-at-deployment-"), vaultName);
        assertEquals(ClusterStatus.NONCOMPLIANT, verdict(judge(estate), "aks-ledger-prod").status());
    }

    /**
     * Checkov's CKV_AZURE_227 ARM check reads only agentPoolProfiles[0] (tests/arm/checks/resource/
     * example_AKSEncryptionAtHostEnabled, fail2.json shape); every inline pool counts here.
     */
    @Test
    void hostEncryptionOffOnASecondInlinePool_isFound_whereCheckovReadsOnlyTheFirst() throws IOException {
        Path template = Files.writeString(dir.resolve("two-pools.json"), """
                {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                 "contentVersion": "1.0.0.0",
                 "resources": [{"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-03-02",
                   "name": "aks-two", "location": "eastus",
                   "properties": {"diskEncryptionSetID": "/subscriptions/%s/resourceGroups/rg-keys-shared/providers/Microsoft.Compute/diskEncryptionSets/des-shared",
                     "agentPoolProfiles": [
                       {"name": "default", "vmSize": "Standard_E4ads_v5", "osDiskType": "Ephemeral", "count": 3, "enableEncryptionAtHost": true},
                       {"name": "batch", "vmSize": "Standard_E4ads_v5", "osDiskType": "Ephemeral", "count": 3}]}}]}
                """.formatted(SUB));
        ClusterVerdict v = verdict(judge(ArmTemplates.read(template, null, sharedKeys(), SUB, "rg-two")), "aks-two");
        assertTrue(ruleIds(v).contains("aks-no-host-encryption@batch"), ruleIds(v)::toString);
        assertFalse(ruleIds(v).contains("aks-no-host-encryption@default"));
    }

    @Test
    void aSetIdFromOutsideTheTemplate_thatCannotBeEvaluated_leavesTheClusterUnknown() throws IOException {
        Path template = Files.writeString(dir.resolve("outside.json"), """
                {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                 "contentVersion": "1.0.0.0",
                 "resources": [{"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-03-02",
                   "name": "aks-x", "location": "eastus",
                   "properties": {"diskEncryptionSetID": "[reference(resourceId('Microsoft.Resources/deployments', 'keys')).outputs.setId.value]",
                     "agentPoolProfiles": [{"name": "system", "count": 3, "enableEncryptionAtHost": "[parameters('hostEncryption')]"}]}}],
                 "parameters": {"hostEncryption": {"type": "bool"}}}
                """);
        Path parameters = Files.writeString(dir.resolve("p.json"), """
                {"parameters": {"hostEncryption": {"reference": {"keyVault": {"id": "/subscriptions/x/resourceGroups/y/providers/Microsoft.KeyVault/vaults/z"}, "secretName": "he"}}}}
                """);
        ClusterVerdict v = verdict(judge(ArmTemplates.read(template, parameters, null, null, null)), "aks-x");
        assertEquals(List.of("aks-no-kms-etcd@aks-x"), ruleIds(v), "KMS is off, a fact; no set or host-encryption verdict is guessed");
        assertTrue(v.notEvaluated().stream().anyMatch(n -> n.ruleId().equals("aks-no-host-encryption")
                && n.reason().contains("Key Vault reference")), v.notEvaluated()::toString);
        assertTrue(v.notEvaluated().stream().anyMatch(n -> n.reason().contains("not deployed by this template")), v.notEvaluated()::toString);
    }

    @Test
    void parameters_inTheFileShape_orPlain_areTheSame() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.json"), "{\"clusterName\": \"aks-risk\", \"keyVaultName\": \"kv-risk-disks\"}");
        PlannedEstate estate = ArmTemplates.read(ARM.resolve("aks-cmk.json"), plain, null, null, null);
        assertEquals(List.of("system"), estate.inventory().clusters().get(0).agentPools().stream().map(p -> p.name())
                .filter(n -> n.startsWith("system")).toList(), "the default node pool list");
    }

    @Test
    void bicepSource_orAParametersFileGivenAsTemplate_isRefusedWithTheCommandToRun() throws IOException {
        Path bicep = Files.writeString(dir.resolve("main.bicep"), "param clusterName string\n");
        assertTrue(assertThrows(PlanFormatException.class, () -> ArmTemplates.read(bicep, null, null, null, null)).getMessage()
                .contains("az bicep build --file"));
        Path bicepparam = Files.writeString(dir.resolve("main.bicepparam"), "using 'main.bicep'\n");
        assertTrue(assertThrows(PlanFormatException.class, () -> ArmTemplates.read(ARM.resolve("aks-cmk.json"), bicepparam, null,
                null, null)).getMessage().contains("az bicep build-params"));
    }

    @Test
    void aCopyCountKnownOnlyAtDeployment_isANote_notAGuess() throws IOException {
        Path template = Files.writeString(dir.resolve("count.json"), """
                {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                 "contentVersion": "1.0.0.0",
                 "resources": [{"copy": {"name": "pools", "count": "[length(reference(resourceId('Microsoft.Resources/deployments', 'sizing')).outputs.pools.value)]"},
                   "type": "Microsoft.ContainerService/managedClusters/agentPools", "apiVersion": "2024-03-02",
                   "name": "[format('aks-y/p{0}', copyIndex())]", "properties": {"count": 1}}]}
                """);
        PlanReport report = judge(ArmTemplates.read(template, null, null, null, null));
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("copy count is known only at deployment")), report.notes()::toString);
        assertTrue(report.scan().clusters().isEmpty());
    }

    @Test
    void aBrokenExpression_isRefusedWithTheTemplateAndWhere() throws IOException {
        Path template = Files.writeString(dir.resolve("broken.json"), """
                {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                 "resources": [{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "[concat('kv', ]"}]}
                """);
        PlanFormatException e = assertThrows(PlanFormatException.class, () -> ArmTemplates.read(template, null, null, null, null));
        assertTrue(e.getMessage().startsWith(template + ": invalid template expression [concat('kv', ]"), e.getMessage());
    }
}
