package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RotationPolicy;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Lookup;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static io.byokwatch.adapter.snapshot.Estate.armKey;
import static io.byokwatch.adapter.snapshot.Estate.clusterId;
import static io.byokwatch.adapter.snapshot.Estate.dataPlaneKey;
import static io.byokwatch.adapter.snapshot.Estate.hsmId;
import static io.byokwatch.adapter.snapshot.Estate.pool;
import static io.byokwatch.adapter.snapshot.Estate.setId;
import static io.byokwatch.adapter.snapshot.Estate.vaultId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotInventoryTest {
    private static final String KEY_URL = "https://kv-prod.vault.azure.net/keys/des-key/0123abcd";

    private static ResourceId upper(ResourceId id) {
        return ResourceId.parse(id.toString().toUpperCase(Locale.ROOT));
    }

    private static <T> T found(Lookup<T> lookup) {
        assertInstanceOf(Lookup.Found.class, lookup, () -> "expected found, got " + lookup);
        return lookup.orNull();
    }

    private static String absent(Lookup<?> lookup) {
        return assertInstanceOf(Lookup.Absent.class, lookup, () -> "expected absent, got " + lookup).evidence();
    }

    private static String unknown(Lookup<?> lookup) {
        return assertInstanceOf(Lookup.Unknown.class, lookup, () -> "expected unknown, got " + lookup).reason();
    }

    @Nested
    class Clusters {
        @Test
        void clusters_areSortedById() {
            SnapshotInventory inv = new Estate().cluster(clusterId("s2", "a"), null).cluster(clusterId("s1", "Zeta"), null)
                    .cluster(clusterId("s1", "alpha"), null).inventory();
            assertEquals(List.of(clusterId("s1", "alpha"), clusterId("s1", "Zeta"), clusterId("s2", "a")),
                    inv.clusters().stream().map(ManagedCluster::id).toList());
        }

        @Test
        void cluster_isFoundWhateverTheIdCase() {
            SnapshotInventory inv = new Estate().cluster(clusterId("s1", "aks1"), null).inventory();
            assertEquals("aks1", found(inv.cluster(upper(clusterId("s1", "aks1")))).name());
        }

        @Test
        void clusterMissingFromAnExportedSubscription_isAbsent() {
            SnapshotInventory inv = new Estate().cluster(clusterId("s1", "aks1"), null).cluster(clusterId("s1", "aks2"), null)
                    .inventory();
            assertEquals("AKS cluster aks9 is not among the 2 AKS clusters exported for subscription s1",
                    absent(inv.cluster(clusterId("s1", "aks9"))));
        }

        @Test
        void clusterFromASubscriptionWithNoneExported_isUnknown() {
            SnapshotInventory inv = new Estate().cluster(clusterId("s1", "aks1"), null).inventory();
            assertEquals("no AKS clusters from subscription s2 are in the inventory; add the output of `az aks list"
                    + " --subscription s2`", unknown(inv.cluster(clusterId("s2", "aks1"))));
        }

        @Test
        void separatelyReadPools_replaceInlineOnesByName_andNewOnesAreAdded() {
            ResourceId id = clusterId("s1", "aks1");
            SnapshotInventory inv = new Estate()
                    .cluster(id, null, KmsProfile.NONE, pool(id, "system", false), pool(id, "user1", false))
                    .separatePool(pool(upper(id), "SYSTEM", true))
                    .separatePool(pool(id, "user2", true))
                    .separatePool(pool(clusterId("s1", "not-exported"), "np", true))
                    .inventory();
            List<AgentPool> pools = found(inv.cluster(id)).agentPools();
            assertEquals(List.of("SYSTEM", "user1", "user2"), pools.stream().map(AgentPool::name).toList());
            assertEquals(List.of(true, false, true), pools.stream().map(AgentPool::encryptionAtHost).toList());
            assertEquals(1, inv.clusters().size(), "a pool without its cluster adds no cluster");
        }

        @Test
        void sameClusterInTwoFiles_keepsTheLaterOne() {
            ResourceId id = clusterId("s1", "aks1");
            SnapshotInventory inv = new Estate().cluster(id, null).cluster(upper(id), setId("s1", "des1")).inventory();
            assertEquals(1, inv.clusters().size());
            assertEquals(setId("s1", "des1"), inv.clusters().get(0).diskEncryptionSetId());
        }
    }

    @Nested
    class DiskEncryptionSets {
        @Test
        void set_isFoundWhateverTheIdCase() {
            SnapshotInventory inv = new Estate().set(setId("s1", "des1"), KEY_URL, null).inventory();
            assertEquals("des1", found(inv.diskEncryptionSet(upper(setId("s1", "des1")))).name());
        }

        @Test
        void setMissingFromAnExportedSubscription_isAbsent() {
            SnapshotInventory inv = new Estate().set(setId("s1", "des1"), KEY_URL, null).inventory();
            assertEquals("disk encryption set des9 is not among the 1 disk encryption set exported for subscription s1",
                    absent(inv.diskEncryptionSet(setId("s1", "des9"))));
        }

        @Test
        void setFromASubscriptionWithNoneExported_isUnknownAndSaysWhatToExport() {
            SnapshotInventory inv = new Estate().set(setId("s1", "des1"), KEY_URL, null).inventory();
            assertEquals("no disk encryption sets from subscription s2 are in the inventory; add the output of"
                    + " `az disk-encryption-set list --subscription s2`", unknown(inv.diskEncryptionSet(setId("s2", "des1"))));
        }

        @Test
        void setIdWithoutSubscription_isUnknown() {
            SnapshotInventory inv = new Estate().set(setId("s1", "des1"), KEY_URL, null).inventory();
            assertTrue(unknown(inv.diskEncryptionSet(ResourceId.parse("/providers/Microsoft.Compute/diskEncryptionSets/x")))
                    .contains("names no subscription"));
        }
    }

    @Nested
    class Vaults {
        @ParameterizedTest
        @ValueSource(strings = {"kv-prod.vault.azure.net", "KV-PROD.Vault.Azure.Net", "kv-prod.vault.azure.net:443"})
        void vault_isFoundByHostInAnySpelling(String host) {
            SnapshotInventory inv = new Estate().vault(vaultId("s1", "kv-prod")).inventory();
            assertEquals("kv-prod", found(inv.vaultByHost(host)).name());
        }

        @Test
        void vaultNamedByASetButMissingFromItsExportedSubscription_isAbsent() {
            SnapshotInventory inv = new Estate().vault(vaultId("s1", "kv-other"))
                    .set(setId("s2", "des1"), KEY_URL, vaultId("s1", "kv-prod")).inventory();
            assertEquals("key vault kv-prod (" + vaultId("s1", "kv-prod") + ") is not among the 1 key vault exported"
                    + " for subscription s1", absent(inv.vaultByHost("kv-prod.vault.azure.net")));
        }

        @Test
        void vaultNamedByAClusterKmsProfile_canBeAbsentToo() {
            KmsProfile kms = new KmsProfile(true, KeyRef.parse("https://kv-etcd.vault.azure.net/keys/etcd"), "Private",
                    vaultId("s1", "kv-etcd"), null);
            SnapshotInventory inv = new Estate().vault(vaultId("s1", "kv-other"))
                    .cluster(clusterId("s1", "aks1"), null, kms).inventory();
            assertTrue(absent(inv.vaultByHost("kv-etcd.vault.azure.net")).startsWith("key vault kv-etcd"));
        }

        @Test
        void vaultNamedByASetWhoseSubscriptionHasNoVaultsExported_isUnknown() {
            SnapshotInventory inv = new Estate().vault(vaultId("s2", "kv-other"))
                    .set(setId("s2", "des1"), KEY_URL, vaultId("s1", "kv-prod")).inventory();
            assertEquals("no key vault serving kv-prod.vault.azure.net is in the inventory; add the output of"
                    + " `az keyvault show --name kv-prod`", unknown(inv.vaultByHost("kv-prod.vault.azure.net")));
        }

        @Test
        void vaultThatNothingNamesByArmId_isUnknownEvenWhenOthersAreExported() {
            SnapshotInventory inv = new Estate().vault(vaultId("s1", "kv-other"))
                    .set(setId("s1", "des1"), KEY_URL, null).inventory();
            assertInstanceOf(Lookup.Unknown.class, inv.vaultByHost("kv-prod.vault.azure.net"));
        }

        @Test
        void exportedManagedHsms_sayNothingAboutAMissingVault() {
            SnapshotInventory inv = new Estate().vault(hsmId("s1", "hsm1"))
                    .set(setId("s1", "des1"), KEY_URL, vaultId("s1", "kv-prod")).inventory();
            assertInstanceOf(Lookup.Unknown.class, inv.vaultByHost("kv-prod.vault.azure.net"));
        }

        @Test
        void missingManagedHsm_pointsAtTheHsmCommand() {
            SnapshotInventory inv = new Estate().inventory();
            assertEquals("no managed HSM serving hsm9.managedhsm.azure.net is in the inventory; add the output of"
                    + " `az keyvault show --hsm-name hsm9`", unknown(inv.vaultByHost("hsm9.managedhsm.azure.net")));
        }

        @Test
        void vaultExportedUnderAnotherHost_isFoundThroughTheArmIdASetNames() {
            SnapshotInventory inv = new Estate().vault(vaultId("s1", "myVMVault"), "myvmvault.vault.azure.net")
                    .set(setId("s1", "des1"), "https://myvmvault.vault-int.azure-int.net/keys/k",
                            upper(vaultId("s1", "myVMVault"))).inventory();
            assertEquals("myVMVault", found(inv.vaultByHost("myvmvault.vault-int.azure-int.net")).name());
        }
    }

    @Nested
    class Keys {
        private final ResourceId vault = vaultId("s1", "kv-prod");

        @ParameterizedTest
        @ValueSource(strings = {
                "https://kv-prod.vault.azure.net/keys/des-key",
                "https://kv-prod.vault.azure.net/keys/des-key/0123abcd",
                "https://kv-prod.vault.azure.net/keys/des-key/ffffffff",
                "https://kv-prod.vault.azure.net:443/keys/des-key/",
                "https://KV-PROD.VAULT.AZURE.NET/keys/DES-KEY"})
        void key_isFoundWithOrWithoutVersionPortOrCase(String url) {
            SnapshotInventory inv = new Estate().key(armKey(vault, "des-key", "0123abcd")).inventory();
            assertEquals("des-key", found(inv.key(KeyRef.parse(url))).name());
        }

        @Test
        void keyMissingFromAVaultWithExportedKeys_isAbsent() {
            SnapshotInventory inv = new Estate().key(armKey(vault, "des-key", "v1")).key(armKey(vault, "other", "v1"))
                    .inventory();
            assertEquals("key gone is not among the 2 keys exported from vault kv-prod: deleted, or never created",
                    absent(inv.key(KeyRef.parse("https://kv-prod.vault.azure.net/keys/gone"))));
        }

        @Test
        void keyFromAVaultWithNoKeysExported_isUnknown() {
            SnapshotInventory inv = new Estate().key(armKey(vault, "des-key", "v1")).inventory();
            assertEquals("no keys from vault kv-dr are in the inventory; add the ARM vaults/keys GET of each key, or"
                    + " `az keyvault key show --vault-name kv-dr -n des-key`", unknown(inv.key(KeyRef.parse("https://kv-dr.vault.azure.net/keys/des-key"))));
            assertTrue(unknown(inv.key(KeyRef.parse("https://hsm1.managedhsm.azure.net/keys/k")))
                    .contains("`az keyvault key show --hsm-name hsm1 -n k`"));
        }

        @Test
        void deletedKey_isFoundWithItsDeletionDate() {
            Instant deleted = Instant.parse("2025-02-10T08:30:00Z");
            SnapshotInventory inv = new Estate().key(dataPlaneKey("https://kv-prod.vault.azure.net/keys/old", deleted))
                    .inventory();
            assertEquals(deleted, found(inv.key(KeyRef.parse("https://kv-prod.vault.azure.net/keys/old"))).deletedOn());
        }

        @Test
        void deletedRecord_winsOverALiveOne_inEitherOrder() {
            Instant deleted = Instant.parse("2025-02-10T08:30:00Z");
            VaultKey live = dataPlaneKey("https://kv-prod.vault.azure.net/keys/k/v2", null);
            VaultKey gone = dataPlaneKey("https://kv-prod.vault.azure.net/keys/k", deleted);
            KeyRef ref = KeyRef.parse("https://kv-prod.vault.azure.net/keys/k");
            assertTrue(found(new Estate().key(live).key(gone).inventory().key(ref)).deleted());
            assertTrue(found(new Estate().key(gone).key(live).inventory().key(ref)).deleted());
        }

        @Test
        void dataPlaneKey_takesItsRotationPolicyFromASeparateExport() {
            RotationPolicy policy = new RotationPolicy(List.of(new RotationPolicy.LifetimeAction("Rotate", "P90D", null)),
                    "P2Y");
            SnapshotInventory inv = new Estate().key(dataPlaneKey(KEY_URL, null))
                    .rotationPolicy("https://KV-PROD.vault.azure.net/keys/DES-KEY/rotationpolicy", policy).inventory();
            VaultKey k = found(inv.key(KeyRef.parse(KEY_URL)));
            assertTrue(k.rotationPolicyKnown());
            assertSame(policy, k.rotationPolicy());
        }

        @Test
        void dataPlaneKeyWithoutPolicyExport_leavesThePolicyUnknown() {
            VaultKey k = found(new Estate().key(dataPlaneKey(KEY_URL, null)).inventory().key(KeyRef.parse(KEY_URL)));
            assertEquals(false, k.rotationPolicyKnown());
            assertNull(k.rotationPolicy());
        }

        @Test
        void dataPlaneKey_getsTheArmIdOfTheVaultServingItsHost() {
            SnapshotInventory inv = new Estate().vault(vault).key(dataPlaneKey(KEY_URL, null)).inventory();
            assertEquals(vault.child("keys", "des-key"), found(inv.key(KeyRef.parse(KEY_URL))).id());
        }

        @Test
        void armAndDataPlaneRecordsOfOneKey_combineTheirFacts() {
            VaultKey arm = armKey(vault, "des-key", "0123abcd");
            SnapshotInventory inv = new Estate().key(arm).key(dataPlaneKey(KEY_URL, null)).inventory();
            VaultKey k = found(inv.key(KeyRef.parse(KEY_URL)));
            assertEquals(arm.id(), k.id());
            assertTrue(k.rotationPolicyKnown(), "ARM says there is no policy, the data plane cannot say");
            assertEquals("RSA", k.keyType(), "otherwise the later record wins");
        }
    }

    @Nested
    class RoleAssignments {
        private final String vaultScope = vaultId("s1", "kv-prod").toString();

        private SnapshotInventory estate() {
            return new Estate()
                    .assignment("a1", vaultScope, "p1")
                    .assignment("a2", "/subscriptions/s1", "p2")
                    .assignment("a3", "/providers/Microsoft.Management/managementGroups/mg-platform", "p3")
                    .assignment("a4", "/subscriptions/s1/resourceGroups/rg-other", "p4")
                    .assignment("a5", vaultId("s1", "kv-prod2").toString(), "p5")
                    .assignment("a6", "/subscriptions/s2", "p6")
                    .assignment("a7", vaultScope + "/keys/des-key", "p7")
                    .assignment("a1", vaultScope, "p1")
                    .inventory();
        }

        private static Set<String> principals(List<RoleAssignment> assignments) {
            return assignments.stream().map(RoleAssignment::principalId).collect(Collectors.toSet());
        }

        @Test
        void noAssignmentsInTheFiles_isUnknownAndNamesTheCommand() {
            SnapshotInventory inv = new Estate().vault(vaultId("s1", "kv-prod")).inventory();
            assertEquals("role assignments of subscription s1 are not in the inventory; add `az role assignment list --all"
                    + " --include-inherited --subscription s1`", unknown(inv.roleAssignmentsAt(ResourceId.parse(vaultScope + "/keys/des-key"))));
        }

        @Test
        void assignmentsOfAnotherSubscriptionOnly_isUnknown_notAnEmptyList() {
            SnapshotInventory inv = new Estate().vault(vaultId("s1", "kv-prod")).assignment("a6", "/subscriptions/s2", "p6").inventory();
            assertTrue(unknown(inv.roleAssignmentsAt(ResourceId.parse(vaultScope))).startsWith("role assignments of subscription s1"));
        }

        @Test
        void atTheVault_theVaultAndEveryScopeAboveIt_plusManagementGroups() {
            List<RoleAssignment> found = found(estate().roleAssignmentsAt(ResourceId.parse(vaultScope)));
            assertEquals(Set.of("p1", "p2", "p3"), principals(found));
            assertEquals(3, found.size(), "the assignment exported twice appears once");
        }

        @Test
        void atAKey_theKeyAndItsVaultCount() {
            List<RoleAssignment> found = found(estate().roleAssignmentsAt(ResourceId.parse(vaultScope + "/keys/des-key")));
            assertEquals(Set.of("p1", "p2", "p3", "p7"), principals(found));
        }

        @Test
        void scopesMatchWhateverTheCase() {
            ResourceId shouting = ResourceId.parse(vaultScope.toUpperCase(Locale.ROOT));
            assertEquals(Set.of("p1", "p2", "p3"), principals(found(estate().roleAssignmentsAt(shouting))));
        }

        @Test
        void assignmentsInOtherSubscriptions_doNotCount() {
            assertEquals(Set.of("p3", "p6"), principals(found(estate().roleAssignmentsAt(ResourceId.parse("/subscriptions/s2")))));
        }
    }

    @Nested
    class ReverseLookups {
        private final ResourceId des1 = setId("s1", "des1");
        private final ResourceId des2 = setId("s1", "des2");
        private final KmsProfile kms = new KmsProfile(true, KeyRef.parse("https://kv-etcd.vault.azure.net/keys/etcd"),
                "Public", null, null);

        private SnapshotInventory estate() {
            return new Estate()
                    .set(des1, KEY_URL, null)
                    .set(des2, "https://kv-prod.vault.azure.net/keys/other-key", null)
                    .set(setId("s1", "des3"), "https://kv-dr.vault.azure.net/keys/k", null)
                    .cluster(clusterId("s1", "c-b"), des1)
                    .cluster(clusterId("s1", "c-a"), upper(des2), kms)
                    .cluster(clusterId("s1", "c-c"), setId("s1", "des3"))
                    .cluster(clusterId("s1", "c-none"), null)
                    .inventory();
        }

        @Test
        void setsUsingAVault_areFoundByKeyHostInAnySpelling() {
            assertEquals(List.of(des1, des2), estate().diskEncryptionSetsUsingVault("KV-PROD.vault.azure.net:443")
                    .stream().map(DiskEncryptionSet::id).toList());
            assertEquals(List.of(), estate().diskEncryptionSetsUsingVault("kv-nowhere.vault.azure.net"));
        }

        @Test
        void clustersUsingSets_areFoundByIdInAnyCase_onceEach_inIdOrder() {
            List<ResourceId> clusters = estate().clustersUsingDiskEncryptionSets(List.of(upper(des1), des2, des1))
                    .stream().map(ManagedCluster::id).toList();
            assertEquals(List.of(clusterId("s1", "c-a"), clusterId("s1", "c-b")), clusters);
        }

        @Test
        void clustersWithKmsKey_areFoundByTheKeyHost() {
            assertEquals(List.of(clusterId("s1", "c-a")), estate().clustersWithKmsKeyIn("kv-etcd.VAULT.azure.net")
                    .stream().map(ManagedCluster::id).toList());
            assertEquals(List.of(), estate().clustersWithKmsKeyIn("kv-prod.vault.azure.net"));
        }
    }

    @Test
    void fixtureFolderOfAzExports_linksSetToVaultKeyAndRoleAssignments() {
        SnapshotInventory inv = SnapshotInventory.load(Fixtures.path("snapshot"));
        assertEquals(List.of(), inv.snapshot().problems());
        DiskEncryptionSet set = found(inv.diskEncryptionSet(ResourceId.parse("/subscriptions/11111111-1111-1111-1111"
                + "-111111111111/resourceGroups/rg-aks/providers/Microsoft.Compute/diskEncryptionSets/des-prod")));
        KeyVault vault = found(inv.vaultByHost(set.activeKey().vaultHost()));
        assertEquals(set.sourceVaultId(), vault.id());
        assertTrue(vault.usesRbac() && vault.purgeProtected());
        VaultKey key = found(inv.key(set.activeKey()));
        assertEquals(Instant.parse("2026-01-15T08:00:00Z"), key.expires());
        assertTrue(key.rotationPolicy().rotates(), "the ARM record of the key brings the policy");
        assertTrue(found(inv.key(KeyRef.parse("https://kv-byok-prod.vault.azure.net/keys/old-des-key"))).deleted());
        assertEquals(Set.of("22222222-2222-2222-2222-222222222222", "66666666-6666-6666-6666-666666666666",
                "77777777-7777-7777-7777-777777777777"), RoleAssignments.principals(found(inv.roleAssignmentsAt(
                vault.id().child("keys", key.name())))));
    }
}
