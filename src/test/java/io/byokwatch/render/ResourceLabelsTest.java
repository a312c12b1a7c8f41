package io.byokwatch.render;

import io.byokwatch.render.report.ArtifactPath;
import io.byokwatch.domain.ResourceId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The short names and pseudo-paths that stand for resources in readable outputs and in SARIF. */
public class ResourceLabelsTest {

    @Test
    void describesResourcesByKindAndNameWithTheParentOfChildResources() {
        assertEquals("vault kv-shared-legacy", ResourceNames.describe(SampleEstate.VAULT));
        assertEquals("key kv-pay-prod/aks-disk", ResourceNames.describe(SampleEstate.KEY));
        assertEquals("node pool aks-pay-1/npspot", ResourceNames.describe(SampleEstate.AKS_PAY_1.child("agentPools", "npspot")));
        assertEquals("resource group rg-legacy", ResourceNames.describe(ResourceId.parse("/subscriptions/s/resourceGroups/rg-legacy")));
        assertEquals("subscription s", ResourceNames.describe(ResourceId.parse("/subscriptions/s")));
        assertEquals("workspaces w", ResourceNames.describe(SampleEstate.id("s", "rg", "Microsoft.OperationalInsights/workspaces/w")));
    }

    @Test
    void listsClusterNamesAlphabeticallyAndCountsTheRest() {
        List<ResourceId> ids = List.of(SampleEstate.AKS_PAY_3, SampleEstate.AKS_EHR, SampleEstate.AKS_PAY_1);
        assertEquals("aks-ehr, aks-pay-1, aks-pay-3", ResourceNames.clusterList(ids, 3));
        assertEquals("aks-ehr, aks-pay-1 and 1 more", ResourceNames.clusterList(ids, 2));
    }

    @Test
    void artifactPathDropsArmLabelsAndLowerCases() {
        assertEquals("azure/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/rg-keys/microsoft.keyvault/vaults/kv-pay-prod/keys/aks-disk",
                ArtifactPath.of(SampleEstate.KEY));
        assertEquals(ArtifactPath.of(SampleEstate.KEY),
                ArtifactPath.of(ResourceId.parse(SampleEstate.KEY.toString().toUpperCase(Locale.ROOT))));
        assertEquals("azure/s", ArtifactPath.of(ResourceId.parse("/subscriptions/S")));
    }

    @Test
    void artifactPathPercentEncodesCharactersThatAreNotSafeInAUri() {
        ResourceId odd = SampleEstate.id("s", "rg(prod)", "Microsoft.KeyVault/vaults/kv#1%ü");
        assertEquals("azure/s/rg%28prod%29/microsoft.keyvault/vaults/kv%231%25%C3%BC", ArtifactPath.of(odd));
    }

    @Test
    void ruleIdsBecomePascalCaseNames() {
        assertEquals("VaultNoPurgeProtection", RuleNames.pascalCase("vault-no-purge-protection"));
        assertEquals("AksNoKmsEtcd", RuleNames.pascalCase("aks-no-kms-etcd"));
    }
}
