package io.byokwatch.e2e;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.adapter.arm.Harness;
import io.byokwatch.app.DriftDetector;
import io.byokwatch.bootstrap.EventIntake;
import io.byokwatch.domain.ResourceId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.byokwatch.e2e.Estate.AKS_PAY;
import static io.byokwatch.e2e.Estate.AKS_RBAC;
import static io.byokwatch.e2e.Estate.AKS_S1;
import static io.byokwatch.e2e.Estate.AKS_S2;
import static io.byokwatch.e2e.Estate.AKS_S3;
import static io.byokwatch.e2e.Estate.DES_PAY;
import static io.byokwatch.e2e.Estate.DES_PAY_PRINCIPAL;
import static io.byokwatch.e2e.Estate.DES_SHARED_1;
import static io.byokwatch.e2e.Estate.KEY;
import static io.byokwatch.e2e.Estate.KV_PAY;
import static io.byokwatch.e2e.Estate.KV_RBAC;
import static io.byokwatch.e2e.Estate.KV_SHARED;
import static io.byokwatch.e2e.Estate.RBAC_GRANT;
import static io.byokwatch.e2e.Estate.SHARED_1_PRINCIPAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of event the router acts on, delivered as Event Grid sends it, through the production wiring to the
 * live inventory over HTTPS: the fake ARM is changed first, as Azure would be, then the event arrives, and the test
 * reads the alerts from the file outbox as a receiver would.
 */
class EventRoutingEndToEndTest extends CompliantEstateEndToEnd {
    @Test
    void clusterWrite_ofTheDocumentedClusterSample_opensOneAlert_namingWhoShippedIt() {
        JsonObject cluster = fake.putCorpus("aks_managedcluster_get_with_des_2026-08-01.json");
        ResourceId id = ResourceId.parse(cluster.get("id").getAsString());
        fake.put(Estate.set(ResourceId.parse(cluster.getAsJsonObject("properties").get("diskEncryptionSetID")
                .getAsString()), KV_PAY, DES_PAY_PRINCIPAL));
        long gets = path.armGets();
        long queries = path.graphQueries();

        path.deliver(path.events.write(id, "Microsoft.ContainerService/managedClusters/write"));

        JsonObject alert = only(path.alerts());
        assertEquals("opened", alert.get("kind").getAsString());
        assertEquals("clustername1", alert.getAsJsonObject("cluster").get("name").getAsString());
        assertEquals(Set.of("aks-no-host-encryption", "aks-no-kms-etcd"), Set.copyOf(rules(alert)));
        JsonObject trigger = alert.getAsJsonObject("trigger");
        assertEquals(Events.ACTOR_UPN, trigger.getAsJsonObject("actor").get("upn").getAsString());
        assertEquals("Microsoft.ContainerService/managedClusters/write", trigger.get("operationName").getAsString());
        assertEquals("cluster clustername1", trigger.get("route").getAsString());
        assertEquals(2, path.armGets() - gets, "the cluster and its new set; vault and key come from the cache");
        assertEquals(queries, path.graphQueries(), "a cluster event needs no reverse look-up");
    }

    @Test
    void pvDiskWrite_inTheNodeResourceGroup_reEvaluatesItsCluster_readingOnlyTheNewDisk() {
        ResourceId nodes = Harness.groupId(AKS_PAY.subscriptionId(), Harness.nodeResourceGroup(AKS_PAY));
        JsonObject disk = fake.put(Harness.disk(nodes, "pvc-data-0", null, null, "data-ledger-0"));
        ResourceId id = ResourceId.parse(disk.get("id").getAsString());
        long gets = path.armGets();

        EventIntake.Result r = path.deliver(path.events.write(id, "Microsoft.Compute/disks/write"));

        DriftDetector.EventOutcome o = r.outcomes().get(0);
        assertEquals(Set.of(AKS_PAY), o.clusters());
        assertEquals("disk pvc-data-0 (payments/data-ledger-0) -> 1 cluster", o.reason());
        assertEquals(1, path.armGets() - gets, "the new disk; the cluster's chain comes from the cache");
    }

    @Test
    void pvDiskWrite_elsewhere_reachesTheClusterWhoseNodeItIsAttachedTo_andAnOrphanNoCluster() {
        ResourceId nodes = Harness.groupId(AKS_PAY.subscriptionId(), Harness.nodeResourceGroup(AKS_PAY));
        ResourceId storage = Harness.groupId(AKS_PAY.subscriptionId(), "rg-volumes");
        JsonObject attached = fake.put(Harness.disk(storage, "pvc-attached", DES_PAY, Harness.scaleSetVm(nodes, 2),
                "data-ledger-1"));
        JsonObject orphan = fake.put(Harness.disk(storage, "pvc-orphan", null, null, "old-claim"));

        EventIntake.Result toCluster = path.deliver(path.events.write(ResourceId.parse(attached.get("id").getAsString()),
                "Microsoft.Compute/disks/write"));
        EventIntake.Result toNone = path.deliver(path.events.write(ResourceId.parse(orphan.get("id").getAsString()),
                "Microsoft.Compute/disks/write"));

        assertEquals(Set.of(AKS_PAY), toCluster.outcomes().get(0).clusters());
        assertEquals(Set.of(), toNone.outcomes().get(0).clusters());
        assertFalse(toNone.outcomes().get(0).ignored(), "routed, to no cluster, and saying why");
        assertTrue(toNone.outcomes().get(0).reason().contains("no watched cluster's node resource group"),
                toNone.outcomes().get(0).reason());
    }

    @Test
    void setWrite_reachesTheClusterWhosePvDiskUsesIt_besidesTheClustersWhoseOsDisksDo() {
        ResourceId nodes = Harness.groupId(AKS_RBAC.subscriptionId(), Harness.nodeResourceGroup(AKS_RBAC));
        fake.put(Harness.disk(nodes, "pvc-on-pay-set", DES_PAY, Harness.scaleSetVm(nodes, 0), "reports-0"));

        EventIntake.Result r = path.deliver(path.events.write(DES_PAY, "Microsoft.Compute/diskEncryptionSets/write"));

        assertTrue(r.outcomes().get(0).clusters().containsAll(Set.of(AKS_PAY, AKS_RBAC)), r.outcomes().get(0).reason());
        assertTrue(r.outcomes().get(0).reason().endsWith("; PV disks -> 1 cluster"), r.outcomes().get(0).reason());
    }

    @Test
    void clusterDelete_ofAClusterWithAnOpenAlert_raisesDeleted_andLeavesOnlyATombstone() {
        JsonObject noKms = estate.body(AKS_PAY);
        noKms.getAsJsonObject("properties").remove("securityProfile");
        fake.put(noKms);
        path.deliver(path.events.write(AKS_PAY, "Microsoft.ContainerService/managedClusters/write"));
        assertEquals("opened", only(path.alerts()).get("kind").getAsString());

        fake.remove(AKS_PAY);
        path.deliver(path.events.delete(AKS_PAY, "Microsoft.ContainerService/managedClusters/delete"));

        JsonObject deleted = only(path.alerts());
        assertEquals("deleted", deleted.get("kind").getAsString());
        assertEquals("noncompliant", deleted.get("previousStatus").getAsString());
        // ids in an alert take the cluster's spelling; compared as ARM compares them
        assertEquals(List.of("aks-no-kms-etcd|" + AKS_PAY.key()), lower(strings(deleted.getAsJsonArray("resolvedFindings"))));
        assertTrue(path.runtime.store().get(AKS_PAY).map(v -> v.status().equals(io.byokwatch.app.DriftDetector.DELETED)).orElse(true),
                "only a tombstone remains, so a cluster created again gets new alert ids");
    }

    @Test
    void clusterDelete_ofACompliantCluster_isSilent_andLeavesOnlyATombstone() {
        fake.remove(AKS_RBAC);

        EventIntake.Result r = path.deliver(path.events.delete(AKS_RBAC,
                "Microsoft.ContainerService/managedClusters/delete"));

        assertEquals(Set.of(AKS_RBAC), r.outcomes().get(0).clusters());
        assertEquals(List.of(), path.alerts());
        assertTrue(path.runtime.store().get(AKS_RBAC).map(v -> v.status().equals(io.byokwatch.app.DriftDetector.DELETED)).orElse(true),
                "only a tombstone remains, so a cluster created again gets new alert ids");
    }

    @Test
    void agentPoolWrite_addingAPoolWithoutEncryptionAtHost_opensOnItsCluster_readFreshDespiteTheCache() {
        JsonObject cluster = estate.body(AKS_PAY);
        JsonObject pool = cluster.getAsJsonObject("properties").getAsJsonArray("agentPoolProfiles").get(0)
                .getAsJsonObject().deepCopy();
        pool.addProperty("name", "gpu");
        pool.addProperty("enableEncryptionAtHost", false);
        cluster.getAsJsonObject("properties").getAsJsonArray("agentPoolProfiles").add(pool);
        fake.put(cluster);

        path.deliver(path.events.write(AKS_PAY.child("agentPools", "gpu"),
                "Microsoft.ContainerService/managedClusters/agentPools/write"));

        JsonObject alert = only(path.alerts());
        assertEquals(List.of("aks-no-host-encryption"), rules(alert));
        assertEquals(AKS_PAY.child("agentPools", "gpu"), ResourceId.parse(finding(alert, 0).get("resourceId")
                .getAsString()));
    }

    @Test
    void desWrite_withAnAutomaticRotationError_opensOnBothClustersOfTheSet() {
        JsonObject set = estate.body(DES_SHARED_1);
        set.getAsJsonObject("properties").add("autoKeyRotationError", Estate.corpus(
                "des_get_autokeyrotationerror_2025-01-02.json").getAsJsonObject("properties").get("autoKeyRotationError"));
        fake.put(set);

        EventIntake.Result r = path.deliver(path.events.write(DES_SHARED_1, "Microsoft.Compute/diskEncryptionSets/write"));

        assertEquals(Set.of(AKS_S1, AKS_S2), r.outcomes().get(0).clusters());
        List<JsonObject> alerts = path.alerts();
        assertEquals(Set.of("aks-s1", "aks-s2"), names(alerts));
        alerts.forEach(a -> assertEquals(List.of("des-rotation-error"), rules(a)));
    }

    @Test
    void desDelete_leavesItsClusterWithASetThatDoesNotExist() {
        fake.remove(DES_PAY);

        path.deliver(path.events.delete(DES_PAY, "Microsoft.Compute/diskEncryptionSets/delete"));

        JsonObject alert = only(path.alerts());
        assertEquals("aks-pay", alert.getAsJsonObject("cluster").get("name").getAsString());
        assertEquals(List.of("aks-des-not-found"), rules(alert));
        assertEquals("critical", finding(alert, 0).get("severity").getAsString());
        assertEquals("ARM returned 404 Not Found for " + DES_PAY,
                finding(alert, 0).getAsJsonObject("evidence").get("lookup").getAsString());
    }

    @Test
    void vaultWrite_switchingToRbacWithoutARoleForTheSet_opensNoKeyAccess() {
        JsonObject vault = estate.body(KV_PAY);
        vault.getAsJsonObject("properties").addProperty("enableRbacAuthorization", true);
        fake.put(vault);

        path.deliver(path.events.write(KV_PAY, "Microsoft.KeyVault/vaults/write"));

        JsonObject alert = only(path.alerts());
        assertEquals("aks-pay", alert.getAsJsonObject("cluster").get("name").getAsString());
        assertEquals(List.of("des-no-key-access"), rules(alert));
        assertEquals("rbac", finding(alert, 0).getAsJsonObject("evidence").get("authorization").getAsString());
    }

    @Test
    void vaultDelete_leavesTheSetsKeyUnavailable() {
        fake.remove(KV_PAY.child("keys", KEY));
        fake.remove(KV_PAY);

        path.deliver(path.events.delete(KV_PAY, "Microsoft.KeyVault/vaults/delete"));

        JsonObject alert = only(path.alerts());
        assertEquals(List.of("des-key-unavailable"), rules(alert));
        assertTrue(finding(alert, 0).get("message").getAsString().contains("that vault no longer exists"),
                finding(alert, 0).toString());
    }

    @Test
    void accessPoliciesWrite_droppingOneSetsIdentity_opensNoKeyAccess_onlyWhereThatSetIsUsed() {
        estate.accessPoliciesOnlyFor(KV_SHARED, SHARED_1_PRINCIPAL);

        EventIntake.Result r = path.deliver(path.events.write(KV_SHARED.child("accessPolicies", "replace"),
                "Microsoft.KeyVault/vaults/accessPolicies/write"));

        assertEquals(Set.of(AKS_S1, AKS_S2, AKS_S3), r.outcomes().get(0).clusters());
        JsonObject alert = only(path.alerts());
        assertEquals("aks-s3", alert.getAsJsonObject("cluster").get("name").getAsString());
        assertEquals(List.of("des-no-key-access"), rules(alert));
    }

    @Test
    void keyWrite_disablingTheKeyThroughArm_opensKeyUnavailable() {
        JsonObject key = estate.body(KV_PAY.child("keys", KEY));
        key.getAsJsonObject("properties").getAsJsonObject("attributes").addProperty("enabled", false);
        fake.put(key);

        path.deliver(path.events.write(KV_PAY.child("keys", KEY), "Microsoft.KeyVault/vaults/keys/write"));

        JsonObject alert = only(path.alerts());
        assertEquals(List.of("des-key-unavailable"), rules(alert));
        assertTrue(finding(alert, 0).get("message").getAsString().endsWith("which is disabled, so disks it protects"
                + " cannot be decrypted."), finding(alert, 0).toString());
    }

    @Test
    void roleAssignmentDelete_onTheRbacVault_opensNoKeyAccess_andTheNewGrantResolvesIt() {
        JsonObject grant = Harness.roleAssignment(KV_RBAC, RBAC_GRANT.name(), Estate.DES_RBAC_PRINCIPAL);
        fake.removeRoleAssignment(RBAC_GRANT.toString());

        path.deliver(path.events.delete(RBAC_GRANT, "Microsoft.Authorization/roleAssignments/delete"));
        JsonObject opened = only(path.alerts());
        assertEquals("aks-rbac", opened.getAsJsonObject("cluster").get("name").getAsString());
        assertEquals(List.of("des-no-key-access"), rules(opened));

        fake.roleAssignment(grant);
        path.deliver(path.events.write(RBAC_GRANT, "Microsoft.Authorization/roleAssignments/write"));
        JsonObject resolved = only(path.alerts());
        assertEquals("resolved", resolved.get("kind").getAsString());
        assertEquals(List.of("des-no-key-access|" + Estate.DES_RBAC.key()),
                lower(strings(resolved.getAsJsonArray("resolvedFindings"))));
    }

    @Test
    void keyNearExpiry_opensKeyExpiring_highUnderAWeek() {
        estate.keyExpires(KV_PAY, path.harness.clock.instant().plus(Duration.ofDays(5)));

        path.deliver(path.events.key("KeyNearExpiry", KV_PAY, KEY));

        JsonObject alert = only(path.alerts());
        assertEquals(List.of("key-expiring"), rules(alert));
        assertEquals("high", finding(alert, 0).get("severity").getAsString());
        assertEquals("Microsoft.KeyVault.KeyNearExpiry", alert.getAsJsonObject("trigger").get("eventType").getAsString());
    }

    @Test
    void keyNewVersionCreated_withALaterExpiry_resolvesTheWarning() {
        estate.keyExpires(KV_PAY, path.harness.clock.instant().plus(Duration.ofDays(20)));
        path.deliver(path.events.key("KeyNearExpiry", KV_PAY, KEY));
        assertEquals("medium", finding(only(path.alerts()), 0).get("severity").getAsString());

        estate.keyExpires(KV_PAY, path.harness.clock.instant().plus(Duration.ofDays(400)));
        path.deliver(path.events.key("KeyNewVersionCreated", KV_PAY, KEY));

        JsonObject resolved = only(path.alerts());
        assertEquals("resolved", resolved.get("kind").getAsString());
        assertEquals("compliant", resolved.getAsJsonObject("cluster").get("status").getAsString());
    }

    @Test
    void keyExpired_withTheKeyNowExpiredInArm_opensCriticalOnEveryClusterBehindTheSharedVault() {
        estate.keyExpires(KV_SHARED, path.harness.clock.instant().minus(Duration.ofMinutes(1)));

        path.deliver(path.events.key("KeyExpired", KV_SHARED, KEY));

        List<JsonObject> alerts = path.alerts();
        assertEquals(Set.of("aks-s1", "aks-s2", "aks-s3"), names(alerts));
        for (JsonObject a : alerts) {
            assertEquals(List.of("des-key-unavailable"), rules(a));
            assertEquals("critical", finding(a, 0).get("severity").getAsString());
            assertTrue(finding(a, 0).get("message").getAsString().contains("expired on"), finding(a, 0).toString());
        }
    }

    @Test
    void vaultAccessPolicyChanged_withoutTheSetsIdentity_opensNoKeyAccess() {
        estate.accessPoliciesOnlyFor(KV_PAY);

        path.deliver(path.events.vaultAccessPolicyChanged(KV_PAY));

        JsonObject alert = only(path.alerts());
        assertEquals("aks-pay", alert.getAsJsonObject("cluster").get("name").getAsString());
        assertEquals(List.of("des-no-key-access"), rules(alert));
    }

    @Test
    void secretEvent_isIgnored_withoutAnyRead() {
        long requests = fake.requests().size();

        EventIntake.Result r = path.deliver(path.events.secretNewVersion(KV_PAY));

        DriftDetector.EventOutcome o = r.outcomes().get(0);
        assertTrue(o.ignored());
        assertTrue(o.reason().contains("secrets and certificates do not encrypt disks"), o.reason());
        assertEquals(requests, fake.requests().size());
        assertEquals(List.of(), path.alerts());
    }

    @Test
    void storageAccountWrite_isIgnored_withoutAnyRead() {
        long requests = fake.requests().size();

        EventIntake.Result r = path.deliver(path.events.storageAccountWrite(Harness.SUB_A));

        DriftDetector.EventOutcome o = r.outcomes().get(0);
        assertTrue(o.ignored());
        assertTrue(o.reason().startsWith("operation Microsoft.Storage/storageAccounts/write"), o.reason());
        assertEquals(requests, fake.requests().size());
    }

    @Test
    void clusterInAnUnwatchedSubscription_isCountedOutOfScope_andNothingIsRead() {
        ResourceId elsewhere = Harness.clusterId(Harness.SUB_C, "aks-other-team");
        fake.put(Harness.cluster(elsewhere, null));
        long requests = fake.requests().size();

        EventIntake.Result r = path.deliver(path.events.write(elsewhere,
                "Microsoft.ContainerService/managedClusters/write"));

        assertEquals(1, r.outOfScope());
        assertEquals(List.of(), r.outcomes());
        assertEquals(requests, fake.requests().size());
        assertFalse(path.runtime.store().get(elsewhere).isPresent());
    }

    static JsonObject only(List<JsonObject> alerts) {
        assertEquals(1, alerts.size(), () -> "expected exactly one alert, got " + alerts);
        return alerts.get(0);
    }

    static List<String> rules(JsonObject alert) {
        List<String> ids = new ArrayList<>();
        alert.getAsJsonArray("findings").forEach(f -> ids.add(f.getAsJsonObject().get("ruleId").getAsString()));
        return ids;
    }

    static JsonObject finding(JsonObject alert, int i) {
        return alert.getAsJsonArray("findings").get(i).getAsJsonObject();
    }

    static Set<String> names(List<JsonObject> alerts) {
        List<String> names = alerts.stream().map(a -> a.getAsJsonObject("cluster").get("name").getAsString()).toList();
        assertEquals(names.size(), Set.copyOf(names).size(), () -> "one alert per cluster, got " + names);
        return Set.copyOf(names);
    }

    static List<String> strings(com.google.gson.JsonArray array) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : array) {
            out.add(e.getAsString());
        }
        return out;
    }

    private static List<String> lower(List<String> keys) {
        return keys.stream().map(k -> k.toLowerCase(java.util.Locale.ROOT)).toList();
    }
}
