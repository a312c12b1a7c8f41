package io.byokwatch.app;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Tags;
import io.byokwatch.impact.InMemoryInventory;
import io.byokwatch.render.blast.InventoryCoverage;
import io.byokwatch.render.blast.RevocationRunbook;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which clusters' API servers stop when a user-assigned identity goes: those whose KMS runs as it, and the sets'. */
class BlastRadiusIdentityTest {
    private static final String RG = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-prod";
    private static final ResourceId ID_KMS = ResourceId.parse(RG + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-kms");
    private static final ResourceId ID_DES = ResourceId.parse(RG + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-des");

    private static ManagedIdentity ua(ResourceId id) {
        return new ManagedIdentity("UserAssigned", null, null, Map.of(id, "pid-" + id.name()));
    }

    private static ManagedCluster cluster(String name, KmsProfile kms, ResourceId set, ResourceId identity) {
        return new ManagedCluster(ResourceId.parse(RG + "/providers/Microsoft.ContainerService/managedClusters/" + name), name,
                "westeurope", Tags.NONE, set, kms, List.of(), "Succeeded", null, ua(identity));
    }

    private final ResourceId setId = ResourceId.parse(RG + "/providers/Microsoft.Compute/diskEncryptionSets/des-a");
    private final InMemoryInventory inv = new InMemoryInventory()
            .add(cluster("aks-kms", new KmsProfile(true, KeyRef.parse("https://kv-kms.vault.azure.net/keys/etcd/1"), "Public",
                    null, null), null, ID_KMS))
            .add(cluster("aks-kms-off", KmsProfile.NONE, null, ID_KMS))
            .add(cluster("aks-disk", KmsProfile.NONE, setId, ID_DES))
            .add(new DiskEncryptionSet(setId, "des-a", "westeurope", "EncryptionAtRestWithCustomerKey",
                    KeyRef.parse("https://kv-pay.vault.azure.net/keys/disk/1"), null, false, null, null, null, ua(ID_DES),
                    null, "Succeeded"));

    @Test
    void aClustersKmsIdentity_stopsThatClustersSecrets_notAClusterRunningAsItWithoutKms() {
        BlastRadius.Result r = new BlastRadius().forIdentity(ID_KMS, inv);
        assertEquals(BlastRadius.Kind.IDENTITY, r.kind());
        assertEquals(List.of("aks-kms"), r.clusters().stream().map(BlastRadius.Dependent::name).toList());
        assertEquals("kms", r.clusters().get(0).via());
    }

    @Test
    void aSetsIdentity_stopsTheDisksOfTheClustersBehindTheSet() {
        BlastRadius.Result r = new BlastRadius().forIdentity(ID_DES, inv);
        assertEquals(List.of("aks-disk"), r.clusters().stream().map(BlastRadius.Dependent::name).toList());
        assertEquals("disk", r.clusters().get(0).via());
        assertEquals(List.of(setId), r.diskEncryptionSets().stream().map(DiskEncryptionSet::id).toList());
    }

    @Test
    void theIdentitiesClustersAndSetsName_resolveByNameAndId() {
        BlastRadiusTargets targets = new BlastRadiusTargets(List.of(), List.of(), List.of(), inv.clusters());
        BlastRadiusTargets.Found byName = assertInstanceOf(BlastRadiusTargets.Found.class,
                targets.resolve("id-kms", BlastRadiusTargets.Scope.ANY));
        assertEquals(ID_KMS, byName.identity().id());
        BlastRadiusTargets.Found byId = assertInstanceOf(BlastRadiusTargets.Found.class,
                targets.resolve(ID_KMS.toString().toUpperCase(), BlastRadiusTargets.Scope.IDENTITY));
        assertEquals(ID_KMS, byId.identity().id());
        assertInstanceOf(BlastRadiusTargets.NotFound.class, targets.resolve("id-kms", BlastRadiusTargets.Scope.KEY));
    }

    @Test
    void theRunbook_saysToCutAccessRatherThanDeleteIt_andDisablesNoKey() {
        String md = RevocationRunbook.render(new BlastRadius().forIdentity(ID_KMS, inv),
                new InventoryCoverage("estate", List.of()), Instant.parse("2026-12-01T00:00:00Z"));
        assertTrue(md.contains("Do not delete the identity") && md.contains("az identity show -g rg-prod -n id-kms"), md);
        assertTrue(md.contains("Kubernetes secrets (KMS etcd encryption)"), md);
        assertFalse(md.contains("set-attributes"), md);
    }
}
