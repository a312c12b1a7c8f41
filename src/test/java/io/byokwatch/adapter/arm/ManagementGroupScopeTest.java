package io.byokwatch.adapter.arm;

import com.google.gson.JsonElement;
import io.byokwatch.domain.ManagedCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.byokwatch.adapter.arm.Harness.clusterId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A management group as the scope of the sweep: its subscriptions are listed, then queried 1,000 at a time (the most
 * a Resource Graph query takes), no faster than Resource Graph's 15 queries in 5 seconds, and an answer Resource
 * Graph cut at 10,000 subscriptions fails instead of passing for the whole group.
 */
class ManagementGroupScopeTest extends OnFakeArm {
    private static String sub(int i) {
        return String.format(Locale.ROOT, "%08d-0000-0000-0000-%012d", i, i);
    }

    private static String[] subs(int count) {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            out[i] = sub(i);
        }
        return out;
    }

    private LiveInventory inventory(List<String> subscriptions, String group) {
        return h.inventory(s -> new ArmSettings(s.cloud(), s.armEndpoint(), subscriptions, group, s.credential(),
                100_000, null, 2));
    }

    private static List<Integer> subscriptionsPerQuery(List<FakeArm.Request> requests) {
        List<Integer> out = new ArrayList<>();
        for (FakeArm.Request r : requests) {
            JsonElement subs = r.json().get("subscriptions");
            if (subs != null) {
                out.add(subs.getAsJsonArray().size());
            }
        }
        return out;
    }

    @Test
    void aGroupOf2500Subscriptions_isSweptInQueriesOfAtMost1000() {
        fake.managementGroup("mg-estate", subs(2500));
        fake.put(Harness.cluster(clusterId(sub(7), "early"), null));
        fake.put(Harness.cluster(clusterId(sub(2499), "late"), null));

        List<ManagedCluster> clusters = inventory(List.of(), "mg-estate").clusters();

        assertEquals(List.of("early", "late"), clusters.stream().map(c -> c.id().name()).sorted().toList());
        List<FakeArm.Request> graph = fake.graphRequests();
        long listings = graph.stream().filter(r -> r.json().has("managementGroups")).count();
        assertEquals(3, listings, "2,500 subscriptions are listed in pages of 1,000");
        assertEquals(List.of(1000, 1000, 500), subscriptionsPerQuery(graph));
        assertEquals(List.of(), h.sleeps, "9 queries fit in Resource Graph's window");
    }

    @Test
    void configuredSubscriptionsAndTheGroup_areOneScope_eachSubscriptionOnce() {
        fake.managementGroup("mg-estate", Harness.SUB_B, Harness.SUB_C);
        fake.put(Harness.cluster(clusterId(Harness.SUB_A, "a"), null));
        fake.put(Harness.cluster(clusterId(Harness.SUB_B, "b"), null));

        List<ManagedCluster> clusters = inventory(List.of(Harness.SUB_A, Harness.SUB_B.toUpperCase(Locale.ROOT)), "mg-estate").clusters();

        assertEquals(List.of("a", "b"), clusters.stream().map(c -> c.id().name()).sorted().toList());
        assertEquals(List.of(3), subscriptionsPerQuery(fake.graphRequests()));
    }

    @Test
    void aSweepOfManyBatches_waitsForResourceGraphsWindow() {
        List<String> many = List.of(subs(17_000));

        assertEquals(List.of(), inventory(many, null).clusters());

        assertEquals(17, subscriptionsPerQuery(fake.graphRequests()).size());
        assertEquals(List.of(Duration.ofSeconds(5)), h.sleeps, "the 16th query waits until the first leaves the window");
    }

    @Test
    void anAnswerCutAt10000Subscriptions_failsRatherThanPassingForTheGroup() {
        fake.managementGroup("mg-huge", subs(3));
        fake.graphHeadersOnPage(1, Map.of("x-ms-tenant-subscription-limit-hit", "true"));

        ArmReadException e = assertThrows(ArmReadException.class, () -> inventory(List.of(), "mg-huge").clusters());

        assertTrue(e.getMessage().contains("first 10,000 subscriptions only"), e.getMessage());
    }

    @Test
    void thePacer_letsFifteenThroughPerFiveSeconds() {
        List<Duration> slept = new ArrayList<>();
        Harness.MutableClock clock = new Harness.MutableClock(java.time.Instant.parse("2026-03-01T10:00:00Z"));
        GraphPacer pacer = new GraphPacer(clock, d -> {
            slept.add(d);
            clock.advance(d);
        });
        for (int i = 0; i < 15; i++) {
            pacer.acquire();
        }
        clock.advance(Duration.ofSeconds(2));
        pacer.acquire();
        assertEquals(List.of(Duration.ofSeconds(3)), slept);
        clock.advance(Duration.ofSeconds(5));
        pacer.acquire();
        assertEquals(1, slept.size(), "after the window passes nothing waits");
    }
}
