package io.byokwatch.rules.plan;

import io.byokwatch.domain.KubernetesStorageClass;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.byokwatch.rules.Fixtures.CLUSTER_ID;
import static io.byokwatch.rules.Fixtures.DES_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parameters as the Azure Disk CSI driver documents them (azuredisk-csi-driver docs/driver-parameters.md). */
class StorageClassWithoutSetRuleTest {
    private final StorageClassWithoutSetRule rule = new StorageClassWithoutSetRule();

    private static KubernetesStorageClass sc(String provisioner, Map<String, String> parameters) {
        return new KubernetesStorageClass(KubernetesStorageClass.idFor(CLUSTER_ID, "managed-csi-fast"), "managed-csi-fast",
                provisioner, parameters, CLUSTER_ID);
    }

    private Outcome check(KubernetesStorageClass sc, ResourceId set) {
        Outcome out = new Outcome();
        rule.check(sc, set, out);
        return out;
    }

    @Test
    void diskClassWithoutSet_failsHigh_withTheClustersSetInTheFix() {
        Outcome out = check(sc("disk.csi.azure.com", Map.of("skuName", "Premium_LRS")), DES_ID);
        assertEquals(1, out.failures().size());
        Outcome.Failure f = out.failures().get(0);
        assertEquals(CLUSTER_ID + "/storageClasses/managed-csi-fast", f.resourceId().toString());
        assertTrue(f.message().endsWith("encrypted with platform-managed keys."), f.message());
        assertTrue(f.remediation().contains("diskEncryptionSetID: " + DES_ID), f.remediation());
        assertTrue(f.remediation().contains("kubectl get storageclass managed-csi-fast -o yaml"));
        assertEquals("absent", f.evidence().get("diskEncryptionSetID"));
    }

    @Test
    void parameterNamesAreCaseInsensitive_andTheInTreeNameCounts() {
        assertTrue(check(sc("disk.csi.azure.com", Map.of("diskencryptionsetid", DES_ID.toString())), null).failures().isEmpty());
        assertEquals(1, check(sc("kubernetes.io/azure-disk", Map.of()), null).failures().size());
    }

    @Test
    void otherProvisioners_areNotThisRulesBusiness() {
        Outcome out = check(sc("file.csi.azure.com", Map.of()), null);
        assertTrue(out.failures().isEmpty() && out.missing().isEmpty());
    }

    @Test
    void encryptionTypeWithoutSet_isSaidToBeRefusedByTheDriver() {
        Outcome out = check(sc("disk.csi.azure.com", Map.of("diskEncryptionType", "EncryptionAtRestWithCustomerKey")), null);
        assertTrue(out.failures().get(0).message().contains("refuse to provision"));
        assertTrue(out.failures().get(0).remediation().contains("azurerm_disk_encryption_set.<set>.id"));
    }

    @Test
    void aNameNeedingQuotes_isQuotedInTheCommand() {
        KubernetesStorageClass odd = new KubernetesStorageClass(KubernetesStorageClass.idFor(null, "x"), "fast disk",
                "disk.csi.azure.com", Map.of(), null);
        assertTrue(check(odd, null).failures().get(0).remediation().contains("kubectl get storageclass 'fast disk'"));
    }

    @Test
    void metadata_isCheckedLikeTheCatalogs_andIdsDoNotClash() {
        PlanRules rules = PlanRules.standard();
        rules.metas().forEach(RuleCatalog::validate);
        for (String id : rules.ids()) {
            assertTrue(!RuleCatalog.standard().ids().contains(id), id);
        }
        assertThrows(IllegalStateException.class, () -> new PlanRules(List.of(rule, new StorageClassWithoutSetRule())));
    }
}
