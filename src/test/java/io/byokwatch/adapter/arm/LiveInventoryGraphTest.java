package io.byokwatch.adapter.arm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.app.ClusterEvaluator;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.policy.Policy;
import io.byokwatch.rules.RuleCatalog;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.byokwatch.adapter.arm.Harness.SUB_A;
import static io.byokwatch.adapter.arm.Harness.SUB_B;
import static io.byokwatch.adapter.arm.Harness.SUB_C;
import static io.byokwatch.adapter.arm.Harness.clusterId;
import static io.byokwatch.adapter.arm.Harness.setId;
import static io.byokwatch.adapter.arm.Harness.vaultId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lists and reverse look-ups through Resource Graph, paged and scoped, against the fake over HTTPS. */
class LiveInventoryGraphTest extends OnFakeArm {
    private static List<String> names(List<ManagedCluster> clusters) {
        return clusters.stream().map(ManagedCluster::name).toList();
    }

    @Test
    void clusters_followSkipTokensOverThreePages_withoutReadingAnyClusterFromArm() {
        for (int i = 1; i <= 5; i++) {
            fake.put(Harness.cluster(clusterId(SUB_A, "c" + i), null));
        }
        fake.graphPageSize(2);
        LiveInventory inventory = h.inventory();

        List<ManagedCluster> clusters = inventory.clusters();

        assertEquals(List.of("c1", "c2", "c3", "c4", "c5"), names(clusters));
        assertEquals(List.of("system"), clusters.get(0).agentPools().stream().map(p -> p.name()).toList());
        List<FakeArm.Request> pages = fake.graphRequests();
        assertEquals(3, pages.size());
        JsonObject first = pages.get(0).json();
        assertFalse(first.getAsJsonObject("options").has("$skipToken"));
        assertEquals(1000, first.getAsJsonObject("options").get("$top").getAsInt());
        assertEquals("objectArray", first.getAsJsonObject("options").get("resultFormat").getAsString());
        assertEquals(List.of(SUB_A, SUB_B), strings(first.get("subscriptions")));
        assertTrue(pages.get(1).json().getAsJsonObject("options").has("$skipToken"));
        assertTrue(pages.get(2).json().getAsJsonObject("options").has("$skipToken"));
        assertEquals(0, fake.armGets().size());
        assertEquals(3, inventory.stats().graphRequests());
    }

    @Test
    void sharedVaultHost_findsBothSets_whateverTheCaseOrPort_andTheirThreeClusters() {
        ResourceId shared = vaultId(SUB_B, "kv-shared");
        ResourceId set1 = setId(SUB_A, "des-one");
        ResourceId set2 = setId(SUB_B, "des-two");
        ResourceId moved = setId(SUB_A, "des-moved");
        fake.put(Harness.set(set1, "https://KV-Shared.vault.azure.net:443/keys/Disk/0a1b", shared, null));
        fake.put(Harness.set(set2, "https://kv-shared.vault.azure.net/keys/disk2/0c0d", shared, null));
        fake.put(Harness.set(moved, "https://kv-new.vault.azure.net/keys/disk/1", null,
                "https://kv-shared.vault.azure.net:443/keys/disk/0"));
        fake.put(Harness.set(setId(SUB_A, "des-prefix"), "https://kv-shared2.vault.azure.net/keys/disk/1", null, null));
        fake.put(Harness.set(setId(SUB_A, "des-lookalike"),
                "https://kv-shared.vault.azure.net.evil.example/keys/disk/1", null, null));
        fake.put(Harness.cluster(clusterId(SUB_A, "aks-1"), set1));
        fake.put(Harness.cluster(clusterId(SUB_A, "aks-2"), ResourceId.parse(set1.toString().toUpperCase(Locale.ROOT))));
        fake.put(Harness.cluster(clusterId(SUB_B, "aks-3"), set2));
        fake.put(Harness.cluster(clusterId(SUB_B, "aks-4"), setId(SUB_A, "des-prefix")));
        fake.put(Harness.cluster(clusterId(SUB_A, "aks-5"), null));
        LiveInventory inventory = h.inventory();

        List<DiskEncryptionSet> sets = inventory.diskEncryptionSetsUsingVault("KV-SHARED.vault.azure.net");
        List<ResourceId> active = sets.stream().map(DiskEncryptionSet::id).toList();
        List<ManagedCluster> clusters = inventory.clustersUsingDiskEncryptionSets(List.of(set1, set2));

        assertEquals(List.of(moved, set1, set2), active, "a set mid-rotation away from the vault still uses it");
        assertEquals(List.of("aks-1", "aks-2", "aks-3"), names(clusters));
        assertEquals(2, fake.graphRequests().size(), "one query each, whatever the number of sets");
        assertEquals(0, fake.armGets().size());
    }

    @Test
    void manySets_areAskedAboutInBatchesOfTwoHundred() {
        List<ResourceId> sets = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            sets.add(setId(SUB_A, "des-" + i));
        }
        fake.put(Harness.cluster(clusterId(SUB_A, "first"), sets.get(0)));
        fake.put(Harness.cluster(clusterId(SUB_A, "last"), sets.get(449)));

        List<ManagedCluster> clusters = h.inventory().clustersUsingDiskEncryptionSets(sets);

        assertEquals(List.of("first", "last"), names(clusters));
        List<Integer> batchSizes = fake.graphRequests().stream()
                .map(r -> r.json().get("query").getAsString().split("', '").length).toList();
        assertEquals(List.of(200, 200, 50), batchSizes);
    }

    @Test
    void fanOutToAThousandClusters_costsFourGraphPages_andNoPerClusterArmRead() {
        ResourceId vault = vaultId(SUB_C, "kv-central");
        ResourceId setOne = setId(SUB_A, "des-one");
        ResourceId setTwo = setId(SUB_B, "des-two");
        fake.put(Harness.vault(vault, true));
        fake.put(Harness.key(vault, "disk"));
        // the sets use the key's current version (Harness.key's keyUriWithVersion), so no version read is needed
        fake.put(Harness.set(setOne, "https://kv-central.vault.azure.net/keys/disk/0123456789abcdef0123456789abcdef", vault, null));
        fake.put(Harness.set(setTwo, "https://kv-central.vault.azure.net/keys/disk/0123456789abcdef0123456789abcdef", vault, null));
        fake.roleAssignment(Harness.roleAssignment(vault, "cccccccc-0000-0000-0000-000000000001",
                "33333333-3333-3333-3333-333333333333"));
        for (int i = 0; i < 1000; i++) {
            fake.put(Harness.cluster(clusterId(i % 2 == 0 ? SUB_A : SUB_B, String.format("aks-%04d", i)),
                    i % 2 == 0 ? setOne : setTwo));
        }
        fake.graphPageSize(300);
        LiveInventory inventory = h.inventory();

        List<DiskEncryptionSet> sets = inventory.diskEncryptionSetsUsingVault("kv-central.vault.azure.net");
        List<ManagedCluster> affected = inventory.clustersUsingDiskEncryptionSets(
                sets.stream().map(DiskEncryptionSet::id).toList());
        long graphAfterRouting = inventory.stats().graphRequests();
        LiveInventory view = inventory.withFresh(vault);
        ClusterEvaluator evaluator = new ClusterEvaluator(RuleCatalog.standard());
        List<ClusterVerdict> verdicts = affected.stream()
                .map(c -> evaluator.evaluate(c, view, Policy.DEFAULT, h.clock.instant())).toList();

        assertEquals(1000, affected.size());
        assertEquals(5, graphAfterRouting, "1 page of sets, 4 pages of 300 clusters");
        assertEquals(0, fake.armGets().stream().filter(r -> r.path().contains("managedClusters")).count());
        Set<ClusterStatus> statuses = verdicts.stream().map(ClusterVerdict::status).collect(Collectors.toSet());
        assertFalse(statuses.contains(ClusterStatus.UNKNOWN), statuses.toString());
        assertEquals(1, fake.armGets().stream().filter(r -> r.path().equalsIgnoreCase(vault.toString())).count(),
                "the changed vault is read once for all 1,000 chains");
        assertEquals(3, inventory.stats().armRequests(), "vault, key and role assignments; sets came from the graph");
        assertEquals(7, inventory.stats().graphRequests(), "the vault was named by the sets: no graph look-up; the"
                + " persistent volumes of all 1,000 clusters cost one CSI disk and one snapshot query, not one per cluster");
    }

    @Test
    void hostsOfAnotherCloud_areAnsweredWithoutAQuery_sinceNoResourceHereCanUseThem() {
        fake.put(Harness.vault(vaultId(SUB_A, "kv-prod"), true));
        LiveInventory inventory = h.inventory();

        assertEquals(List.of(), inventory.diskEncryptionSetsUsingVault("kv-prod.vault.azure.cn"));
        assertEquals(List.of(), inventory.clustersWithKmsKeyIn("KV-PROD.vault.usgovcloudapi.net:443"));
        String reason = LiveInventoryPointReadsTest.unknown(inventory.vaultByHost("kv-prod.managedhsm.azure.cn"));

        assertEquals("kv-prod.managedhsm.azure.cn serves keys in AzureChinaCloud; byokwatch reads AzureCloud, where no"
                + " disk encryption set or cluster can use it", reason);
        assertEquals(0, fake.requests().size());
        inventory.diskEncryptionSetsUsingVault("kv-prod.vault.azure.net");
        assertEquals(1, fake.graphRequests().size(), "this cloud's own hosts are still asked about");
    }

    @Test
    void kmsKeysInAVault_areFoundWithThePortArmWrites() {
        fake.put(Harness.kms(Harness.cluster(clusterId(SUB_A, "kms-443"), null),
                "https://kv-etcd.vault.azure.net:443/keys/etcd/1"));
        fake.put(Harness.kms(Harness.cluster(clusterId(SUB_B, "kms-plain"), null),
                "https://KV-ETCD.vault.azure.net/keys/etcd/2"));
        fake.put(Harness.kms(Harness.cluster(clusterId(SUB_A, "kms-other"), null),
                "https://kv-etcd-2.vault.azure.net/keys/etcd/1"));

        assertEquals(List.of("kms-443", "kms-plain"), names(h.inventory().clustersWithKmsKeyIn("kv-etcd.vault.azure.net")));
    }

    @Test
    void scope_isTheConfiguredSubscriptions_comparedWithoutCase() {
        fake.put(Harness.cluster(clusterId(SUB_A, "in-a"), null));
        fake.put(Harness.cluster(clusterId(SUB_B, "in-b"), null));
        fake.put(Harness.cluster(clusterId(SUB_C, "out-c"), null));
        LiveInventory inventory = h.inventory(s -> new ArmSettings(s.cloud(), s.armEndpoint(),
                List.of(SUB_A, SUB_B.toUpperCase(Locale.ROOT)), null, s.credential(), 100, null, 2));

        assertEquals(List.of("in-a", "in-b"), names(inventory.clusters()));
        assertTrue(inventory.inScope(clusterId(SUB_B.toUpperCase(Locale.ROOT), "x")));
        assertFalse(inventory.inScope(clusterId(SUB_C, "out-c")));
        assertFalse(inventory.inScope(ResourceId.parse("/providers/Microsoft.Management/managementGroups/mg")));
        assertEquals(1, fake.graphRequests().size(), "subscription scope needs no query");
    }

    @Test
    void managementGroupScope_isWhatResourceGraphSaysTheGroupHolds() {
        fake.managementGroup("mg-platform", SUB_C);
        fake.put(Harness.cluster(clusterId(SUB_A, "in-a"), null));
        fake.put(Harness.cluster(clusterId(SUB_C, "in-c"), null));
        fake.put(Harness.cluster(clusterId(SUB_B, "out-b"), null));
        LiveInventory inventory = h.inventory(s -> new ArmSettings(s.cloud(), s.armEndpoint(), List.of(SUB_A),
                "mg-platform", s.credential(), 100, null, 2));

        assertTrue(inventory.inScope(clusterId(SUB_C, "in-c")));
        assertTrue(inventory.inScope(clusterId(SUB_C, "another")));
        assertFalse(inventory.inScope(clusterId(SUB_B, "out-b")));
        assertEquals(1, fake.graphRequests().size(), "the group's subscriptions are listed once within the TTL");
        assertEquals(List.of("mg-platform"), strings(fake.graphRequests().get(0).json().get("managementGroups")));
        assertEquals(List.of("in-a", "in-c"), names(inventory.clusters()));
    }

    @Test
    void failedGraphQuery_throwsRatherThanReturningAShortList() {
        fake.scriptGraph(FakeArm.Reply.status(400, "InvalidQuery"));
        LiveInventory inventory = h.inventory();

        ArmReadException e = assertThrows(ArmReadException.class, inventory::clusters);

        assertEquals("Resource Graph query over subscriptions " + SUB_A + ", " + SUB_B + " failed: 400 Bad Request"
                + " (InvalidQuery: scripted 400)", e.getMessage());
    }

    @Test
    void failedGraphQuery_leavesAVaultUnknown_notAbsent() {
        for (int i = 0; i < 3; i++) {
            fake.scriptGraph(FakeArm.Reply.status(503, "ServiceUnavailable"));
        }
        LiveInventory inventory = h.inventory(s -> s.withMaxRetries(2));

        String reason = LiveInventoryPointReadsTest.unknown(inventory.vaultByHost("kv-x.vault.azure.net"));

        assertTrue(reason.endsWith("cannot tell whether key vault kv-x exists"), reason);
        assertEquals(3, fake.graphRequests().size());
    }

    @Test
    void spentGraphQuota_makesTheNextPageWaitForTheReset() {
        for (int i = 1; i <= 3; i++) {
            fake.put(Harness.cluster(clusterId(SUB_A, "c" + i), null));
        }
        fake.graphPageSize(2);
        fake.graphHeadersOnPage(1, Map.of("x-ms-user-quota-remaining", "0", "x-ms-user-quota-resets-after", "00:00:03"));

        assertEquals(3, h.inventory().clusters().size());

        assertEquals(List.of(Duration.ofSeconds(3)), h.sleeps);
    }

    private static List<String> strings(JsonElement array) {
        List<String> out = new ArrayList<>();
        array.getAsJsonArray().forEach(e -> out.add(e.getAsString()));
        return out;
    }
}
