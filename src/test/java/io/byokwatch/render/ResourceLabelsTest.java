package io.byokwatch.render;

import io.byokwatch.render.report.ArtifactPath;
import io.byokwatch.render.report.SarifLocations;
import io.byokwatch.domain.ResourceId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.nio.file.Path;

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
    void artifactPath_isTheFileRelativeToWhereTheScanRan_elseAnAbsoluteFileUri() {
        Path base = Path.of("/repo");
        assertEquals(new SarifLocations.FileLine("estate/payments/clusters.json", true, 7),
                ArtifactPath.of(Path.of("/repo/estate/payments/clusters.json"), base, 7));
        assertEquals(new SarifLocations.FileLine("file:///elsewhere/clusters.json", false, 1),
                ArtifactPath.of(Path.of("/elsewhere/clusters.json"), base, 1));
        assertEquals("file:///repo/", ArtifactPath.directoryUri(base));
    }

    @Test
    void artifactPathPercentEncodesCharactersThatAreNotSafeInAUri() {
        assertEquals("rg%28prod%29/kv%231%25%C3%BC%20x.json",
                ArtifactPath.of(Path.of("/repo/rg(prod)/kv#1%ü x.json"), Path.of("/repo"), 1).uri());
    }

    @Test
    void ruleIdsBecomePascalCaseNames() {
        assertEquals("VaultNoPurgeProtection", RuleNames.pascalCase("vault-no-purge-protection"));
        assertEquals("AksNoKmsEtcd", RuleNames.pascalCase("aks-no-kms-etcd"));
    }
}
