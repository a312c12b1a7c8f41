package io.byokwatch.adapter.arm;

import com.azure.core.http.HttpClient;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.storage.FileOutbox;
import io.byokwatch.adapter.storage.FileVerdictStore;
import io.byokwatch.app.ClusterEvaluator;
import io.byokwatch.app.DriftDetector;
import io.byokwatch.bootstrap.EventIntake;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.impact.ImpactRouter;
import io.byokwatch.policy.Policy;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.StoredVerdict;
import io.byokwatch.render.alert.AlertJson;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.testsupport.Reliability;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static io.byokwatch.adapter.arm.Harness.SUB_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ARM failing under the event path, with the real SDK pipeline and Netty client against the fake ARM (HTTPS) and a
 * relay that can reset or hang connections. A key is disabled and its event arrives while ARM misbehaves. Allowed:
 * the retries absorb the fault and the alert goes out; or the event fails (Event Grid redelivers), nothing is
 * written, and the redelivery after recovery raises exactly that alert. Not allowed: the event "succeeds" without
 * the alert (lost until the hourly sweep), or a transient failure turns into a verdict (a false "resolved").
 */
@Tag("reliability")
class ArmFaultsEventPathTest {
    private static final ResourceId CLUSTER = Harness.clusterId(SUB_A, "aks-fault");
    private static final ResourceId SET = Harness.setId(SUB_A, "des-fault");
    private static final ResourceId VAULT = Harness.vaultId(SUB_A, "kv-fault");
    private static final String KEY_URL = "https://kv-fault.vault.azure.net/keys/disk";
    private static final String KEY_PATH = VAULT.child("keys", "disk").toString();
    private static final List<String[]> ROWS = new ArrayList<>();
    private static FakeArm fake;
    private static FaultyProxy proxy;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        fake = FakeArm.start();
        proxy = new FaultyProxy(fake.endpoint().getPort());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        fake.close();
        ROWS.forEach(r -> Reliability.record("Faults: ARM and Resource Graph under the event path", r[0], Integer.parseInt(r[1]), r[2], r[3]));
    }

    /** One run of the scenario: baseline, key disabled, its event under the fault, then redeliveries after recovery. */
    private final class Run {
        final Harness h = new Harness(fake);
        final FileVerdictStore store;
        final FileOutbox outbox;
        final EventIntake intake;

        Run(String name, HttpClient client) {
            proxy.heal();
            fake.put(Harness.cluster(CLUSTER, SET));
            fake.put(Harness.set(SET, KEY_URL, VAULT, null));
            fake.put(Harness.vault(VAULT, false));
            fake.put(Harness.key(VAULT, "disk"));
            Sleeper sleeper = d -> h.clock.advance(d);
            LiveInventory inventory = new LiveInventory(h.settings().withArmEndpoint(proxy.endpoint()), client, h.clock, sleeper);
            store = new FileVerdictStore(temp.resolve(name).resolve("verdicts"));
            outbox = new FileOutbox(temp.resolve(name).resolve("outbox"), h.clock);
            DriftDetector detector = new DriftDetector(inventory, new ImpactRouter(), new ClusterEvaluator(RuleCatalog.standard()),
                    () -> Policy.DEFAULT, store, outbox, new AlertJson(), h.clock);
            intake = new EventIntake(detector, inventory::inScope);
        }

        EventIntake.Result deliver(String body) {
            h.clock.advance(Duration.ofMinutes(1)); // past the read cache, as a redelivery 10 s to minutes later is
            return intake.accept(body, null);
        }

        List<JsonObject> drain() {
            List<JsonObject> alerts = new ArrayList<>();
            for (Outbox.Lease l : outbox.lease(100, Duration.ofMinutes(1))) {
                alerts.add(JsonParser.parseString(l.message().body()).getAsJsonObject());
                outbox.ack(l);
            }
            return alerts;
        }

        void setKeyEnabled(boolean enabled) {
            JsonObject key = Harness.key(VAULT, "disk");
            key.getAsJsonObject("properties").getAsJsonObject("attributes").addProperty("enabled", enabled);
            fake.put(key);
        }
    }

    private static String keyWriteEvent(String id) {
        return "[{\"id\":\"" + id + "\",\"eventType\":\"Microsoft.Resources.ResourceWriteSuccess\",\"eventTime\":\"2026-03-01T10:00:00Z\","
                + "\"subject\":\"" + KEY_PATH + "\",\"topic\":\"/subscriptions/" + SUB_A + "\",\"dataVersion\":\"2\",\"data\":{\"resourceUri\":\""
                + KEY_PATH + "\",\"operationName\":\"Microsoft.KeyVault/vaults/keys/write\",\"status\":\"Succeeded\"}}]";
    }

    private static String clusterWriteEvent(String id) {
        return "[{\"id\":\"" + id + "\",\"eventType\":\"Microsoft.Resources.ResourceWriteSuccess\",\"eventTime\":\"2026-03-01T10:00:00Z\","
                + "\"subject\":\"" + CLUSTER + "\",\"topic\":\"/subscriptions/" + SUB_A + "\",\"dataVersion\":\"2\",\"data\":{\"resourceUri\":\""
                + CLUSTER + "\",\"operationName\":\"Microsoft.ContainerService/managedClusters/write\",\"status\":\"Succeeded\"}}]";
    }

    private static boolean mentionsKeyUnavailable(JsonObject alert) {
        return alert.toString().contains("des-key-unavailable");
    }

    /**
     * Key disabled while ARM fails as {@code fault} describes: the only outcomes allowed are the alert now, or a failed
     * delivery with nothing written and the alert on redelivery.
     */
    private void keyDisabledUnder(String fault, HttpClient client, Consumer<Run> inject, Runnable heal) {
        Run run = new Run(fault.replaceAll("\\W+", "-"), client);
        assertTrue(!run.deliver(clusterWriteEvent("baseline")).failed(), "baseline failed");
        run.drain();
        StoredVerdict before = run.store.get(CLUSTER).orElseThrow();

        run.setKeyEnabled(false);
        inject.accept(run);
        EventIntake.Result first = run.deliver(keyWriteEvent("key-disabled"));
        List<JsonObject> alerts = new ArrayList<>(run.drain());
        String outcome;
        if (first.failed()) {
            assertEquals(before.version(), run.store.get(CLUSTER).orElseThrow().version(),
                    fault + ": a failed delivery still changed the stored verdict");
            assertTrue(alerts.isEmpty(), fault + ": a failed delivery still raised " + alerts);
            heal.run();
            EventIntake.Result redelivered = run.deliver(keyWriteEvent("key-disabled"));
            assertTrue(!redelivered.failed(), () -> fault + ": redelivery after recovery failed: " + redelivered.failures());
            alerts.addAll(run.drain());
            outcome = "delivery failed (Event Grid redelivers), nothing written; redelivery raised the alert";
        } else {
            // a delivery that succeeds must have done the work: Event Grid will not send this event again
            assertEquals(1, alerts.size(), () -> fault + ": the delivery succeeded without the alert, so it is lost until"
                    + " the next sweep; notes: " + first.outcomes().stream().flatMap(o -> o.notes().stream()).toList());
            outcome = "retries absorbed it; alert raised on the first delivery";
        }
        heal.run();
        assertTrue(!run.deliver(keyWriteEvent("key-disabled")).failed());
        alerts.addAll(run.drain());
        assertEquals(1, alerts.size(), () -> fault + ": expected exactly one alert for the disabled key, got " + alerts);
        assertTrue(mentionsKeyUnavailable(alerts.get(0)), () -> fault + ": the alert misses des-key-unavailable: " + alerts.get(0));
        ROWS.add(new String[] {"Key disabled; its event arrives while " + fault, "1", outcome + "; a further redelivery raised nothing",
                "nothing (1 transition, 1 alert, 0 duplicates)"});
    }

    /** Key already disabled (finding open); a cluster event arrives while reading the key fails. */
    private void openFindingSurvives(String fault, Consumer<Run> inject) {
        Run run = new Run("open-" + fault.replaceAll("\\W+", "-"), TestTls.get().trustingClient);
        run.setKeyEnabled(false);
        assertTrue(!run.deliver(clusterWriteEvent("baseline")).failed());
        assertTrue(run.drain().stream().anyMatch(ArmFaultsEventPathTest::mentionsKeyUnavailable));
        StoredVerdict before = run.store.get(CLUSTER).orElseThrow();
        inject.accept(run);
        EventIntake.Result r = run.deliver(clusterWriteEvent("during-outage"));
        List<JsonObject> alerts = run.drain();
        assertTrue(r.failed(), () -> fault + ": ARM could not be read, yet the delivery succeeded");
        assertTrue(alerts.isEmpty(), () -> fault + ": an ARM failure raised " + alerts);
        assertEquals(before.findingKeys(), run.store.get(CLUSTER).orElseThrow().findingKeys(),
                fault + ": an ARM failure changed the stored findings");
        proxy.heal();
        assertTrue(!run.deliver(clusterWriteEvent("during-outage")).failed());
        assertTrue(run.drain().isEmpty(), "recovery raised an alert although nothing changed");
        ROWS.add(new String[] {"Open finding; a cluster event arrives while " + fault, "1",
                (r.failed() ? "delivery failed, " : "delivery succeeded, ") + "stored verdict kept, no false 'resolved'",
                "nothing"});
    }

    private static Consumer<Run> script(FakeArm.Reply... replies) {
        return run -> fake.script(KEY_PATH, replies);
    }

    private static Runnable none() {
        return () -> { };
    }

    @Test
    void throttledWithRetryAfter_isWaitedOut() {
        keyDisabledUnder("ARM answers 429 with Retry-After: 2 twice", TestTls.get().trustingClient,
                script(FakeArm.Reply.status(429, "TooManyRequests").withHeader("Retry-After", "2"),
                        FakeArm.Reply.status(429, "TooManyRequests").withHeader("Retry-After", "2")), none());
    }

    @Test
    void throttledWithoutRetryAfter_pastTheRetries() {
        FakeArm.Reply r = FakeArm.Reply.status(429, "TooManyRequests");
        keyDisabledUnder("ARM answers 429 without Retry-After, more often than byokwatch retries", TestTls.get().trustingClient,
                script(r, r, r, r, r), none());
    }

    @Test
    void throttledForLongerThanAnEventCanWait() {
        keyDisabledUnder("ARM answers 429 with Retry-After: 120", TestTls.get().trustingClient,
                script(FakeArm.Reply.status(429, "TooManyRequests").withHeader("Retry-After", "120")), none());
    }

    @Test
    void serverErrors_pastTheRetries() {
        FakeArm.Reply r = FakeArm.Reply.status(500, "InternalServerError");
        keyDisabledUnder("ARM answers 500, more often than byokwatch retries", TestTls.get().trustingClient,
                script(r, r, r, r, r), none());
    }

    @Test
    void unavailable_thenBack() {
        FakeArm.Reply r = FakeArm.Reply.status(503, "ServiceUnavailable");
        keyDisabledUnder("ARM answers 503 twice, then recovers", TestTls.get().trustingClient, script(r, r), none());
    }

    @Test
    void truncatedBody() {
        String whole = Harness.key(VAULT, "disk").toString();
        keyDisabledUnder("ARM answers 200 with the body cut in half", TestTls.get().trustingClient,
                script(new FakeArm.Reply(200, Map.of(), whole.substring(0, whole.length() / 2))), none());
    }

    @Test
    void connectionsReset() {
        keyDisabledUnder("every connection to ARM is reset", TestTls.get().trustingClient,
                run -> proxy.inject(FaultyProxy.Fault.RESET, 1_000), proxy::heal);
    }

    @Test
    void connectionsHang() {
        keyDisabledUnder("ARM accepts connections and never answers (timeouts)", TestTls.get().trustingClient(Duration.ofMillis(400)),
                run -> proxy.inject(FaultyProxy.Fault.SILENT, 1_000), proxy::heal);
    }

    @Test
    void openFinding_isNotResolvedByA503() {
        FakeArm.Reply r = FakeArm.Reply.status(503, "ServiceUnavailable");
        openFindingSurvives("reading the key answers 503 past the retries", script(r, r, r, r, r));
    }

    @Test
    void openFinding_isNotResolvedByResets() {
        openFindingSurvives("every connection to ARM is reset", run -> proxy.inject(FaultyProxy.Fault.RESET, 1_000));
    }
}
