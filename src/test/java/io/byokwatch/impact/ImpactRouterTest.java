package io.byokwatch.impact;

import io.byokwatch.domain.ChangeEvent;
import io.byokwatch.domain.ResourceId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.byokwatch.impact.Estate.RG;
import static io.byokwatch.impact.Estate.cluster;
import static io.byokwatch.impact.Estate.clusterId;
import static io.byokwatch.impact.Estate.delete;
import static io.byokwatch.impact.Estate.resourceEvent;
import static io.byokwatch.impact.Estate.set;
import static io.byokwatch.impact.Estate.setId;
import static io.byokwatch.impact.Estate.vault;
import static io.byokwatch.impact.Estate.vaultEvent;
import static io.byokwatch.impact.Estate.vaultId;
import static io.byokwatch.impact.Estate.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The estate: vault kv-pay holds disk-key (set des-a: aks-1, aks-2) and other-key (set des-b: aks-3); vault kv-kms
 * holds etcd-key, the KMS key of aks-kms (no disk encryption set) and of aks-3; vault kv-other serves des-c (aks-4),
 * which no kv-pay change may reach.
 */
class ImpactRouterTest {
    private static final String PAY = "https://kv-pay.vault.azure.net/keys/";
    private static final String KMS_KEY = "https://kv-kms.vault.azure.net/keys/etcd-key/1111";

    private final ImpactRouter router = new ImpactRouter();
    private final InMemoryInventory inv = new InMemoryInventory()
            .add(vault(vaultId("kv-pay"), "kv-pay.vault.azure.net"))
            .add(vault(vaultId("kv-kms"), "kv-kms.vault.azure.net"))
            .add(vault(vaultId("kv-other"), "kv-other.vault.azure.net"))
            .add(set("des-a", PAY + "disk-key/v1"))
            .add(set("des-b", PAY + "other-key/v2"))
            .add(set("des-c", "https://kv-other.vault.azure.net/keys/disk-key/v9"))
            .add(cluster("aks-1", "des-a", null))
            .add(cluster("aks-2", "des-a", null))
            .add(cluster("aks-3", "des-b", KMS_KEY))
            .add(cluster("aks-4", "des-c", null))
            .add(cluster("aks-kms", null, KMS_KEY));

    private static Set<ResourceId> clusters(String... names) {
        Set<ResourceId> ids = new TreeSet<>();
        for (String n : names) {
            ids.add(clusterId(n));
        }
        return ids;
    }

    private static void assertIgnored(Impact impact, String reasonPart) {
        assertTrue(impact.ignored(), () -> "expected ignored, got " + impact);
        assertTrue(impact.clusters().isEmpty());
        assertTrue(impact.ignoredReason().contains(reasonPart),
                () -> "expected '" + reasonPart + "' in: " + impact.ignoredReason());
    }

    // --- clusters and agent pools

    @Test
    void clusterWriteRoutesToThatCluster() {
        Impact impact = router.route(write(clusterId("aks-1"), "Microsoft.ContainerService/managedClusters/write"), inv);
        assertEquals(clusters("aks-1"), impact.clusters());
        assertEquals("cluster aks-1", impact.route());
        assertFalse(impact.ignored());
    }

    @Test
    void clusterUnknownToTheInventoryIsStillRoutedBecauseItMayBeNew() {
        Impact impact = router.route(write(clusterId("aks-new"), "Microsoft.ContainerService/managedClusters/write"),
                inv);
        assertEquals(clusters("aks-new"), impact.clusters());
    }

    @Test
    void clusterDeleteRoutesToThatCluster() {
        Impact impact = router.route(delete(clusterId("aks-2"), "Microsoft.ContainerService/managedClusters/delete"),
                inv);
        assertEquals(clusters("aks-2"), impact.clusters());
    }

    @Test
    void agentPoolWriteRoutesToItsParentCluster() {
        ResourceId pool = clusterId("aks-1").child("agentPools", "np1");
        Impact impact = router.route(write(pool, "Microsoft.ContainerService/managedClusters/agentPools/write"), inv);
        assertEquals(clusters("aks-1"), impact.clusters());
        assertEquals("agent pool np1 -> cluster aks-1", impact.route());
    }

    @Test
    void agentPoolDeleteRoutesToItsParentCluster() {
        ResourceId pool = clusterId("aks-3").child("agentPools", "gpu");
        Impact impact = router.route(delete(pool, "Microsoft.ContainerService/managedClusters/agentPools/delete"), inv);
        assertEquals(clusters("aks-3"), impact.clusters());
    }

    // --- disk encryption sets

    @Test
    void diskEncryptionSetWriteRoutesToTheClustersUsingIt() {
        Impact impact = router.route(write(setId("des-a"), "Microsoft.Compute/diskEncryptionSets/write"), inv);
        assertEquals(clusters("aks-1", "aks-2"), impact.clusters());
        assertEquals("disk encryption set des-a -> 2 clusters", impact.route());
    }

    @Test
    void deletedDiskEncryptionSetStillRoutesToTheClustersThatReferencedIt() {
        inv.removeSet(setId("des-a"));
        Impact impact = router.route(delete(setId("des-a"), "Microsoft.Compute/diskEncryptionSets/delete"), inv);
        assertEquals(clusters("aks-1", "aks-2"), impact.clusters());
    }

    @Test
    void diskEncryptionSetIdsMatchWhateverTheirCasing() {
        ResourceId shouted = ResourceId.parse(setId("des-b").toString().toUpperCase());
        Impact impact = router.route(write(shouted, "MICROSOFT.COMPUTE/DISKENCRYPTIONSETS/WRITE"), inv);
        assertEquals(clusters("aks-3"), impact.clusters());
    }

    // --- vaults, access policies, keys

    @Test
    void vaultSharedByThreeClustersThroughTwoSetsReachesAllThree() {
        Impact impact = router.route(write(vaultId("kv-pay"), "Microsoft.KeyVault/vaults/write"), inv);
        assertEquals(clusters("aks-1", "aks-2", "aks-3"), impact.clusters());
        assertEquals("vault kv-pay -> 2 disk encryption sets -> 3 clusters", impact.route());
    }

    @Test
    void deletedVaultStillRoutesThroughTheSetsThatReferencedIt() {
        inv.removeVault(vaultId("kv-pay"));
        Impact impact = router.route(delete(vaultId("kv-pay"), "Microsoft.KeyVault/vaults/delete"), inv);
        assertEquals(clusters("aks-1", "aks-2", "aks-3"), impact.clusters());
    }

    @Test
    void vaultAccessPolicyWriteRoutesAsTheVault() {
        ResourceId policy = vaultId("kv-pay").child("accessPolicies", "add");
        Impact impact = router.route(write(policy, "Microsoft.KeyVault/vaults/accessPolicies/write"), inv);
        assertEquals(clusters("aks-1", "aks-2", "aks-3"), impact.clusters());
    }

    @Test
    void vaultKeyWriteReachesOnlySetsWhoseActiveKeyHasThatName() {
        ResourceId key = vaultId("kv-pay").child("keys", "disk-key");
        Impact impact = router.route(write(key, "Microsoft.KeyVault/vaults/keys/write"), inv);
        assertEquals(clusters("aks-1", "aks-2"), impact.clusters());
        assertEquals("key kv-pay/disk-key -> 1 disk encryption set -> 2 clusters", impact.route());
    }

    @Test
    void setStillRotatingAwayFromAKeyInTheVaultIsReachedByKeyChanges() {
        // des-c's active key is in kv-other; its previous key, name unknown to the domain, is still in kv-pay
        inv.previousKeyAt(setId("des-c"), "kv-pay.vault.azure.net");
        Impact impact = router.route(write(vaultId("kv-pay").child("keys", "disk-key"),
                "Microsoft.KeyVault/vaults/keys/write"), inv);
        assertEquals(clusters("aks-1", "aks-2", "aks-4"), impact.clusters());
    }

    @Test
    void keyVersionIdIsFilteredByItsKeyName() {
        ResourceId version = vaultId("kv-pay").child("keys", "OTHER-KEY").child("versions", "abc");
        Impact impact = router.route(write(version, null), inv);
        assertEquals(clusters("aks-3"), impact.clusters());
    }

    @Test
    void vaultHoldingOnlyAKmsKeyReachesKmsOnlyClusters() {
        Impact impact = router.route(write(vaultId("kv-kms"), "Microsoft.KeyVault/vaults/write"), inv);
        assertEquals(clusters("aks-kms", "aks-3"), impact.clusters());
        assertEquals("vault kv-kms -> 0 disk encryption sets -> 0 clusters; KMS -> 2 clusters", impact.route());
    }

    @Test
    void vaultNobodyUsesReachesNoClustersWithoutBeingIgnored() {
        Impact impact = router.route(write(vaultId("kv-unused"), "Microsoft.KeyVault/vaults/write"), inv);
        assertFalse(impact.ignored());
        assertEquals(Set.of(), impact.clusters());
    }

    @Test
    void managedHsmWriteRoutesThroughSetsWithKeysInThePool() {
        inv.add(set("des-hsm", "https://hsm1.managedhsm.azure.net/keys/k/1")).add(cluster("aks-hsm", "des-hsm", null));
        ResourceId hsm = Estate.hsmId("hsm1");
        Impact impact = router.route(write(hsm, "Microsoft.KeyVault/managedHSMs/write"), inv);
        assertEquals(clusters("aks-hsm"), impact.clusters());
        assertEquals("managed HSM hsm1 -> 1 disk encryption set -> 1 cluster", impact.route());
    }

    @Test
    void sovereignCloudVaultHostsAreFoundByDefault() {
        inv.add(set("des-gov", "https://kv-gov.vault.usgovcloudapi.net/keys/k/1"))
                .add(cluster("aks-gov", "des-gov", null));
        Impact impact = router.route(write(vaultId("kv-gov"), "Microsoft.KeyVault/vaults/write"), inv);
        assertEquals(clusters("aks-gov"), impact.clusters());
    }

    @Test
    void customVaultSuffixesReachVaultsTheDefaultsDoNotKnow() {
        inv.add(set("des-priv", "https://kv-priv.vault.contoso.example/keys/k/1"))
                .add(cluster("aks-priv", "des-priv", null));
        ChangeEvent e = write(vaultId("kv-priv"), "Microsoft.KeyVault/vaults/write");

        assertEquals(Set.of(), router.route(e, inv).clusters());
        ImpactRouter custom = new ImpactRouter(new VaultHostSuffixes(List.of("vault.contoso.example")));
        assertEquals(clusters("aks-priv"), custom.route(e, inv).clusters());
    }

    @Test
    void namesakeVaultInAnotherCloudIsNotReached() {
        ResourceId govVault = ResourceId.parse("/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/gov"
                + "/providers/Microsoft.KeyVault/vaults/kv-pay");
        inv.add(vault(govVault, "kv-pay.vault.usgovcloudapi.net"))
                .add(set("des-gov", "https://kv-pay.vault.usgovcloudapi.net/keys/disk-key/1"))
                .add(cluster("aks-gov", "des-gov", null));

        Impact publicVault = router.route(write(vaultId("kv-pay"), "Microsoft.KeyVault/vaults/write"), inv);
        assertEquals(clusters("aks-1", "aks-2", "aks-3"), publicVault.clusters());
        assertEquals(clusters("aks-gov"), router.route(write(govVault, "Microsoft.KeyVault/vaults/write"), inv)
                .clusters());
    }

    @Test
    void incompleteResourceIdIsIgnoredRatherThanGuessed() {
        ResourceId noName = ResourceId.parse(RG + "/providers/Microsoft.ContainerService/managedClusters");
        assertIgnored(router.route(write(noName, "Microsoft.ContainerService/managedClusters/write"), inv),
                "resource type without a name");
    }

    @Test
    void vaultSecretsAreIgnored() {
        ResourceId secret = vaultId("kv-pay").child("secrets", "db-password");
        assertIgnored(router.route(write(secret, null), inv), "secrets of vault kv-pay");
    }

    // --- role assignments

    private static ResourceId assignmentAt(String scope) {
        return ResourceId.parse(scope + "/providers/Microsoft.Authorization/roleAssignments/"
                + "22222222-2222-2222-2222-222222222222");
    }

    @Test
    void roleAssignmentOnAVaultRoutesAsTheVault() {
        Impact impact = router.route(write(assignmentAt(vaultId("kv-pay").toString()),
                "Microsoft.Authorization/roleAssignments/write"), inv);
        assertEquals(clusters("aks-1", "aks-2", "aks-3"), impact.clusters());
        assertEquals("role assignment on vault kv-pay -> 2 disk encryption sets -> 3 clusters", impact.route());
    }

    @Test
    void roleAssignmentDeletedOnAKeyReachesOnlyThatKeysUsers() {
        Impact impact = router.route(delete(assignmentAt(vaultId("kv-pay") + "/keys/disk-key"),
                "Microsoft.Authorization/roleAssignments/delete"), inv);
        assertEquals(clusters("aks-1", "aks-2"), impact.clusters());
    }

    @Test
    void roleAssignmentOnTheVaultsResourceGroupOrSubscription_reachesTheClustersOfEveryVaultBelow() {
        // the rule counts an assignment at an enclosing scope ($filter=atScope()), so the router must agree
        Impact group = router.route(delete(assignmentAt(RG), "Microsoft.Authorization/roleAssignments/delete"), inv);
        Impact viaVaults = router.route(write(vaultId("kv-pay"), "Microsoft.KeyVault/vaults/write"), inv);
        assertTrue(group.clusters().containsAll(viaVaults.clusters()), group.route());
        assertTrue(group.route().startsWith("role assignment on resource group rg-prod -> 3 vaults -> "), group.route());
        Impact subscription = router.route(write(assignmentAt("/subscriptions/11111111-1111-1111-1111-111111111111"),
                "Microsoft.Authorization/roleAssignments/write"), inv);
        assertEquals(group.clusters(), subscription.clusters());
        Impact elsewhere = router.route(write(assignmentAt("/subscriptions/11111111-1111-1111-1111-111111111111"
                + "/resourceGroups/rg-web"), "Microsoft.Authorization/roleAssignments/write"), inv);
        assertEquals(Set.of(), elsewhere.clusters());
        assertTrue(elsewhere.route().contains("0 vaults"), elsewhere.route());
    }

    @Test
    void roleAssignmentOnAnotherResourceIsIgnoredNamingItsScope() {
        assertIgnored(router.route(write(assignmentAt(RG + "/providers/Microsoft.Storage/storageAccounts/st1"),
                "Microsoft.Authorization/roleAssignments/write"), inv), "Microsoft.Storage/storageAccounts st1");
    }

    @Test
    void roleAssignmentOnAVaultSecretIsIgnored() {
        assertIgnored(router.route(write(assignmentAt(vaultId("kv-pay") + "/secrets/s1"),
                "Microsoft.Authorization/roleAssignments/write"), inv), "secrets of vault kv-pay");
    }

    // --- Key Vault events

    @Test
    void keyNewVersionEventReachesSetsUsingThatKeyName() {
        Impact impact = router.route(vaultEvent(EventTypes.KEY_NEW_VERSION_CREATED, vaultId("kv-pay"), "disk-key",
                PAY + "disk-key/newversion"), inv);
        assertEquals(clusters("aks-1", "aks-2"), impact.clusters());
        assertEquals("KeyNewVersionCreated of key kv-pay/disk-key -> 1 disk encryption set -> 2 clusters",
                impact.route());
    }

    @Test
    void keyNearExpiryWithoutKeyUrlFallsBackToVaultAndSubject() {
        Impact impact = router.route(vaultEvent(EventTypes.KEY_NEAR_EXPIRY, vaultId("kv-pay"), "other-key", null), inv);
        assertEquals(clusters("aks-3"), impact.clusters());
    }

    @Test
    void keyExpiredOfAKmsKeyReachesKmsClusters() {
        Impact impact = router.route(vaultEvent(EventTypes.KEY_EXPIRED, vaultId("kv-kms"), "etcd-key", KMS_KEY), inv);
        assertEquals(clusters("aks-kms", "aks-3"), impact.clusters());
        assertTrue(impact.route().endsWith("; KMS -> 2 clusters"), impact.route());
    }

    @Test
    void vaultAccessPolicyChangedEventRoutesAsTheVault() {
        Impact impact = router.route(vaultEvent(EventTypes.VAULT_ACCESS_POLICY_CHANGED, vaultId("kv-pay"), "kv-pay",
                null), inv);
        assertEquals(clusters("aks-1", "aks-2", "aks-3"), impact.clusters());
        assertEquals("access policies of vault kv-pay -> 2 disk encryption sets -> 3 clusters", impact.route());
    }

    @Test
    void secretAndCertificateEventsAreIgnoredAsNotKeyEvents() {
        assertIgnored(router.route(vaultEvent("Microsoft.KeyVault.SecretNewVersionCreated", vaultId("kv-pay"),
                "newsecret", null), inv), "SecretNewVersionCreated is not a key event");
        assertIgnored(router.route(vaultEvent("Microsoft.KeyVault.CertificateNearExpiry", vaultId("kv-pay"),
                "tls", null), inv), "CertificateNearExpiry is not a key event");
    }

    // --- everything else

    @Test
    void failedAndCanceledOperationsAreIgnoredNamingTheType() {
        assertIgnored(router.route(resourceEvent("Microsoft.Resources.ResourceWriteFailure", vaultId("kv-pay"),
                "Microsoft.KeyVault/vaults/write", "Failed"), inv), "ResourceWriteFailure");
        assertIgnored(router.route(resourceEvent("Microsoft.Resources.ResourceDeleteCancel", setId("des-a"),
                "Microsoft.Compute/diskEncryptionSets/delete", "Canceled"), inv), "ResourceDeleteCancel");
    }

    @Test
    void successEventWithAFailedStatusIsIgnored() {
        assertIgnored(router.route(resourceEvent(EventTypes.RESOURCE_WRITE_SUCCESS, vaultId("kv-pay"),
                "Microsoft.KeyVault/vaults/write", "Failed"), inv), "status Failed");
    }

    @Test
    void otherResourceTypesAreIgnoredNamingTheType() {
        ResourceId storage = ResourceId.parse(RG + "/providers/Microsoft.Storage/storageAccounts/st1");
        assertIgnored(router.route(write(storage, null), inv), "Microsoft.Storage/storageAccounts");
    }

    @Test
    void operationsOutsideTheRoutedListAreIgnoredEvenOnRoutedTypes() {
        ChangeEvent action = resourceEvent(EventTypes.RESOURCE_ACTION_SUCCESS, clusterId("aks-1"),
                "Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action", "Succeeded");
        assertIgnored(router.route(action, inv), "listClusterAdminCredential");
    }

    @Test
    void validationAndUnknownEventTypesAreIgnored() {
        ChangeEvent validation = new ChangeEvent("v", EventTypes.SUBSCRIPTION_VALIDATION, ChangeEvent.SCHEMA_EVENT_GRID,
                "/subscriptions/x", "", null, null, Estate.T0, null, null, null, null);
        assertIgnored(router.route(validation, inv), "SubscriptionValidationEvent");
        ChangeEvent blob = new ChangeEvent("b", "Microsoft.Storage.BlobCreated", ChangeEvent.SCHEMA_EVENT_GRID,
                "/subscriptions/x", "/blobServices/default", null, null, Estate.T0, null, null, null, null);
        assertIgnored(router.route(blob, inv), "Microsoft.Storage.BlobCreated");
    }

    // --- determinism

    @Test
    void duplicateAndOutOfOrderEventsGiveIdenticalImpacts() {
        List<ChangeEvent> events = List.of(
                write(vaultId("kv-pay"), "Microsoft.KeyVault/vaults/write"),
                delete(setId("des-b"), "Microsoft.Compute/diskEncryptionSets/delete"),
                vaultEvent(EventTypes.KEY_NEAR_EXPIRY, vaultId("kv-kms"), "etcd-key", KMS_KEY),
                write(clusterId("aks-4").child("agentPools", "np1"),
                        "Microsoft.ContainerService/managedClusters/agentPools/write"),
                write(assignmentAt(vaultId("kv-pay") + "/keys/disk-key"),
                        "Microsoft.Authorization/roleAssignments/write"));
        Map<ChangeEvent, Impact> inOrder = new LinkedHashMap<>();
        events.forEach(e -> inOrder.put(e, router.route(e, inv)));

        List<ChangeEvent> shuffled = new ArrayList<>(events);
        shuffled.addAll(events);
        Collections.reverse(shuffled);
        for (ChangeEvent e : shuffled) {
            assertEquals(inOrder.get(e), router.route(e, inv), () -> "impact changed for " + e.resourceId());
        }
        assertEquals(clusters("aks-1", "aks-2", "aks-3"), inOrder.get(events.get(0)).clusters());
        assertEquals(clusters("aks-4"), inOrder.get(events.get(3)).clusters());
    }
}
