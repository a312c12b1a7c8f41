package io.byokwatch.e2e;

import com.google.gson.JsonObject;
import io.byokwatch.adapter.arm.FakeArm;
import io.byokwatch.bootstrap.EventIntake;
import io.byokwatch.domain.ResourceId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.byokwatch.e2e.Estate.AKS_PAY;
import static io.byokwatch.e2e.Estate.AKS_S1;
import static io.byokwatch.e2e.Estate.AKS_S2;
import static io.byokwatch.e2e.Estate.AKS_S3;
import static io.byokwatch.e2e.Estate.DES_PAY;
import static io.byokwatch.e2e.Estate.DES_SHARED_1;
import static io.byokwatch.e2e.Estate.KV_SHARED;
import static io.byokwatch.e2e.EventRoutingEndToEndTest.names;
import static io.byokwatch.e2e.EventRoutingEndToEndTest.only;
import static io.byokwatch.e2e.EventRoutingEndToEndTest.rules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What ARM and Event Grid do to the event path besides answering: refuse a read, throttle, deliver an event again or
 * late, and change a resource again while its earlier read is still cached.
 */
class EventPathResilienceEndToEndTest extends CompliantEstateEndToEnd {
    private static final String CLUSTER_WRITE = "Microsoft.ContainerService/managedClusters/write";
    private static final String SET_WRITE = "Microsoft.Compute/diskEncryptionSets/write";
    @Test
    void forbiddenSet_leavesItsClustersUnknown_namingThePermission_withoutAnyAlert() {
        fake.forbid(DES_SHARED_1);

        for (int i = 0; i < 3; i++) {
            path.deliver(path.events.write(DES_SHARED_1, SET_WRITE));
        }

        assertEquals(List.of(), path.alerts(), "a read we may not make is no finding, let alone three rounds of them");
        for (ResourceId cluster : List.of(AKS_S1, AKS_S2)) {
            JsonObject verdict = path.verdictJson(cluster);
            assertEquals("unknown", verdict.get("status").getAsString());
            assertEquals(0, verdict.getAsJsonArray("findings").size(), verdict.toString());
            String reasons = verdict.getAsJsonArray("notEvaluated").toString();
            assertTrue(reasons.contains("403 Forbidden reading " + DES_SHARED_1), reasons);
            assertTrue(reasons.contains("needs Reader (Microsoft.Compute/diskEncryptionSets/read)"), reasons);
        }
    }

    @Test
    void throttledPointRead_isRetriedWhenRetryAfterSays_andTheAlertIsRight() {
        removeKms();
        fake.script(AKS_PAY.toString(), FakeArm.Reply.status(429, "TooManyRequests").withHeader("Retry-After", "7"));

        path.deliver(path.events.write(AKS_PAY, CLUSTER_WRITE));

        assertEquals(List.of(Duration.ofSeconds(7)), path.harness.sleeps);
        assertEquals(1, path.inventory.stats().throttled());
        assertEquals(1, path.inventory.stats().retries());
        JsonObject alert = only(path.alerts());
        assertEquals("opened", alert.get("kind").getAsString());
        assertEquals(List.of("aks-no-kms-etcd"), rules(alert));
    }

    @Test
    void sameEventDeliveredFiveTimes_raisesOneAlert() {
        removeKms();
        JsonObject event = path.events.write(AKS_PAY, CLUSTER_WRITE);

        for (int i = 0; i < 5; i++) {
            EventIntake.Result r = path.deliver(event);
            assertEquals(Set.of(AKS_PAY), r.outcomes().get(0).clusters());
        }

        assertEquals("opened", only(path.alerts()).get("kind").getAsString());
        assertEquals("noncompliant", path.verdict(AKS_PAY).status());
    }

    @Test
    void redeliveries_shareOneReadSentAfterTheEvent_insteadOfReadingTheClusterEachTime() {
        removeKms();
        JsonObject event = path.events.write(AKS_PAY, CLUSTER_WRITE);
        long reads = clusterReads();

        for (int i = 0; i < 5; i++) {
            path.deliver(event);
            path.harness.clock.advance(Duration.ofSeconds(2));
        }

        assertEquals(reads + 2, clusterReads(), "the first delivery's read was sent within the clock-skew allowance"
                + " of the event time, so the second reads again; that read serves the other three");
        assertEquals("opened", only(path.alerts()).get("kind").getAsString());
    }

    @Test
    void olderEventAfterANewerOne_isJudgedOnWhatArmSaysNow() {
        JsonObject healthy = estate.body(AKS_PAY);
        removeKms();
        JsonObject broke = path.events.write(AKS_PAY, CLUSTER_WRITE);
        fake.put(healthy);
        path.harness.clock.advance(Duration.ofSeconds(1));
        JsonObject repaired = path.events.write(AKS_PAY, CLUSTER_WRITE);

        path.deliver(repaired);
        path.deliver(broke);

        assertEquals(List.of(), path.alerts(), "ARM says the cluster is fine, whatever order the events came in");
        assertEquals("compliant", path.verdict(AKS_PAY).status());

        removeKms();
        path.deliver(path.events.write(AKS_PAY, CLUSTER_WRITE));
        path.deliver(repaired);
        path.deliver(broke);
        assertEquals("opened", only(path.alerts()).get("kind").getAsString(),
                "one alert for the one transition, however many events describe it");
    }

    @Test
    void setChangedAgainWithinTheCacheTtl_isReadAgainForTheSecondEvent() {
        path.deliver(path.events.write(DES_PAY, SET_WRITE));
        assertEquals(List.of(), path.alerts());
        JsonObject set = estate.body(DES_PAY);
        set.getAsJsonObject("properties").add("autoKeyRotationError", Estate.corpus(
                "des_get_autokeyrotationerror_2025-01-02.json").getAsJsonObject("properties").get("autoKeyRotationError"));
        fake.put(set);
        long setReads = setReads();

        path.deliver(path.events.write(DES_PAY, SET_WRITE));

        assertTrue(EventPath.DELIVERY.compareTo(path.runtime.settings().cacheTtl()) < 0, "within the TTL");
        assertEquals(setReads + 1, setReads());
        assertEquals(List.of("des-rotation-error"), rules(only(path.alerts())));
    }

    @Test
    void oneEventForAVaultSharedByTwoSets_reevaluatesAllThreeClusters_withoutReadingThemOneByOne() {
        JsonObject vault = estate.body(KV_SHARED);
        vault.getAsJsonObject("properties").addProperty("enableRbacAuthorization", true);
        fake.put(vault);
        int before = fake.requests().size();
        long queries = path.graphQueries();

        EventIntake.Result r = path.deliver(path.events.write(KV_SHARED, "Microsoft.KeyVault/vaults/write"));

        assertEquals(Set.of(AKS_S1, AKS_S2, AKS_S3), r.outcomes().get(0).clusters());
        assertEquals("vault kv-shared -> 2 disk encryption sets -> 3 clusters", r.outcomes().get(0).reason());
        List<JsonObject> alerts = path.alerts();
        assertEquals(Set.of("aks-s1", "aks-s2", "aks-s3"), names(alerts));
        alerts.forEach(a -> assertEquals(List.of("des-no-key-access"), rules(a)));
        assertFalse(fake.requests().subList(before, fake.requests().size()).stream()
                .anyMatch(q -> q.path().toLowerCase(java.util.Locale.ROOT).contains("/managedclusters/")),
                "the clusters come from one Resource Graph answer, not one ARM read each");
        assertEquals(4, path.graphQueries() - queries, "sets using the vault, KMS keys in it, clusters using the"
                + " sets, PV disks and snapshots on the sets (one query for both); the vault's host names in other"
                + " clouds cost nothing");
    }

    private void removeKms() {
        JsonObject cluster = estate.body(AKS_PAY);
        cluster.getAsJsonObject("properties").remove("securityProfile");
        fake.put(cluster);
    }

    private long clusterReads() {
        return fake.armGets().stream().filter(q -> q.path().equalsIgnoreCase(AKS_PAY.toString())).count();
    }

    private long setReads() {
        return fake.armGets().stream().filter(q -> q.path().equalsIgnoreCase(DES_PAY.toString())).count();
    }
}
