package io.byokwatch.functions;

import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.adapter.storage.QueueOutbox;
import io.byokwatch.adapter.storage.TableVerdictStore;
import io.byokwatch.bootstrap.EventIntake;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.bootstrap.Settings;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.StoredVerdict;
import io.byokwatch.testsupport.Azurite;
import io.byokwatch.testsupport.CapturedLog;
import io.byokwatch.testsupport.EstateEvents;
import io.byokwatch.testsupport.Reliability;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verdict table and the outbox queue failing under the event path, on Azurite with the real storage SDK. Every
 * cluster of the example estate gets a write event; the alerts must equal those of a run with nothing failing: the
 * same transitions with the same alertIds, none lost, and any repeat only of the same alertId (at-least-once).
 */
@Tag("reliability")
class StorageFaultsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Path ESTATE = Path.of("examples/estate");
    private static final List<String> CLUSTERS = EstateEvents.clusterIds(ESTATE);
    private static final List<String[]> ROWS = new ArrayList<>();
    /** alertId to "kind cluster" of the run where nothing fails. */
    private static Map<String, String> reference;

    @TempDir
    Path temp;

    @BeforeAll
    static void referenceRun(@TempDir Path state) {
        Runtime files = Runtime.build(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", ESTATE.toString(),
                "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", state.toString(), "BYOKWATCH_POLICY_FILE", "examples/policy.json"), CLOCK);
        for (String c : CLUSTERS) {
            assertTrue(!files.intake().accept(EstateEvents.writeEvent(c, "ref-" + c.hashCode()), null).failed());
        }
        reference = new TreeMap<>();
        drain(files.outbox()).forEach((id, n) -> reference.put(id, n.get(0)));
        assertTrue(reference.size() >= 5, "the example estate should open several alerts, got " + reference);
    }

    @AfterEach
    void storageIsBack() {
        Azurite.get().resume();
    }

    @AfterAll
    static void record() {
        ROWS.forEach(r -> Reliability.record("Faults: verdict table and outbox queue (Azurite)", r[0], Integer.parseInt(r[1]), r[2], r[3]));
    }

    private Runtime azureRuntime() {
        Map<String, String> env = new HashMap<>(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", ESTATE.toString(),
                "BYOKWATCH_STATE", "azure", "AzureWebJobsStorage", Azurite.get().connectionString(), "BYOKWATCH_POLICY_FILE", "examples/policy.json"));
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        env.put(Settings.VERDICT_TABLE, "verdicts" + suffix);
        env.put(Settings.OUTBOX_QUEUE, "outbox-" + suffix);
        return Runtime.build(env, CLOCK);
    }

    /** alertId to the "kind cluster" of each copy delivered. */
    private static Map<String, List<String>> drain(Outbox outbox) {
        Map<String, List<String>> alerts = new TreeMap<>();
        for (List<Outbox.Lease> batch = outbox.lease(32, Duration.ofMinutes(1)); !batch.isEmpty(); batch = outbox.lease(32, Duration.ofMinutes(1))) {
            for (Outbox.Lease l : batch) {
                JsonObject a = JsonParser.parseString(l.message().body()).getAsJsonObject();
                alerts.computeIfAbsent(a.get("alertId").getAsString(), k -> new ArrayList<>())
                        .add(a.get("kind").getAsString() + " " + a.getAsJsonObject("cluster").get("id").getAsString().toLowerCase());
                outbox.ack(l);
            }
        }
        return alerts;
    }

    /** Same transitions and alertIds as the reference; returns how many copies beyond one were delivered. */
    private static int assertMatchesReference(String what, Map<String, List<String>> got) {
        Map<String, String> distinct = new TreeMap<>();
        int repeats = 0;
        for (Map.Entry<String, List<String>> e : got.entrySet()) {
            distinct.put(e.getKey(), e.getValue().get(0));
            repeats += e.getValue().size() - 1;
        }
        assertEquals(reference, distinct, what + ": the alerts differ from a run where nothing failed");
        return repeats;
    }

    private static void assertStateSound(Runtime runtime) {
        try (CapturedLog log = CapturedLog.of(TableVerdictStore.class.getName())) {
            List<StoredVerdict> all = runtime.store().all();
            assertEquals(CLUSTERS.size(), all.size(), "every evaluated cluster has exactly one readable verdict");
            assertTrue(all.stream().allMatch(v -> v.lastAlertKind() == null || v.lastAlertAt() != null),
                    "a verdict still carries an alert that was never handed to the outbox");
            assertTrue(log.lines().isEmpty(), "damaged verdicts: " + log.lines());
        }
    }

    @Test
    void storageDown_failsTheDelivery_andRedeliveryAfterRecoveryRaisesExactlyTheAlerts() {
        Runtime runtime = azureRuntime();
        int half = CLUSTERS.size() / 2;
        for (String c : CLUSTERS.subList(0, half)) {
            assertTrue(!runtime.intake().accept(EstateEvents.writeEvent(c, "e-" + c.hashCode()), null).failed());
        }
        Azurite.get().suspend();
        String downCluster = CLUSTERS.get(half);
        EventIntake.Result down = runtime.intake().accept(EstateEvents.writeEvent(downCluster, "e-" + downCluster.hashCode()), null);
        assertTrue(down.failed(), "a delivery with storage down must fail so that Event Grid redelivers it");
        TestContext ctx = new TestContext("ResourceChanged");
        assertThrows(IllegalStateException.class, () -> new ResourceChanged(() -> runtime)
                .run(EstateEvents.writeEvent(downCluster, "e-" + downCluster.hashCode()), ctx), "the function must report failure to the host");
        Azurite.get().resume();
        for (String c : CLUSTERS.subList(half, CLUSTERS.size())) {
            EventIntake.Result r = runtime.intake().accept(EstateEvents.writeEvent(c, "e-" + c.hashCode()), null);
            assertTrue(!r.failed(), () -> "after recovery: " + r.failures());
        }
        int repeats = assertMatchesReference("storage down", drain(runtime.outbox()));
        assertStateSound(runtime);
        ROWS.add(new String[] {"Azurite stopped while events arrive, then started again", "1",
                "deliveries failed (function threw, intake reported failure); redeliveries raised all " + reference.size()
                        + " alerts with the reference alertIds, " + repeats + " repeats; every verdict readable", "nothing"});
    }

    @Test
    void storageRestartedMidRun_everyEventRetriedUntilDone_alertsMatch() throws Exception {
        Runtime runtime = azureRuntime();
        List<String> failures = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean restarting = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread restarter = new Thread(() -> {
            Azurite.get().restart();
            restarting.set(false);
        });
        int deliveries = 0;
        int duringRestart = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        // events keep coming (redeliveries included) for as long as the restart takes, then each is seen once more
        for (int i = 0; i < CLUSTERS.size() || restarting.get(); i++) {
            if (i == 5) {
                restarter.start();
            }
            String c = CLUSTERS.get(i % CLUSTERS.size());
            EventIntake.Result r;
            do {
                deliveries++;
                if (i >= 5 && restarting.get()) {
                    duringRestart++;
                }
                r = runtime.intake().accept(EstateEvents.writeEvent(c, "e-" + c.hashCode()), null);
                if (r.failed()) {
                    failures.addAll(r.failures());
                    sleep(200);
                }
            } while (r.failed() && System.nanoTime() < deadline);
            assertTrue(!r.failed(), "storage did not come back within 90 s");
        }
        restarter.join();
        assertTrue(duringRestart > 0, "no delivery overlapped the restart");
        int repeats = assertMatchesReference("storage restarted", drain(runtime.outbox()));
        assertStateSound(runtime);
        ROWS.add(new String[] {"Azurite restarted in the middle of a stream of events (each retried until accepted, as Event Grid does)",
                String.valueOf(deliveries), duringRestart + " deliveries overlapped the restart, " + failures.size()
                        + " failed and were redelivered (the rest rode on the SDK's retries); all " + reference.size()
                        + " alerts with the reference alertIds, " + repeats + " repeats; every verdict readable", "nothing"});
    }

    @Test
    void queueDownAfterTheVerdictIsWritten_redeliverySendsThePendingAlert() throws Exception {
        Runtime healthy = azureRuntime();
        Outbox deadQueue;
        try (ServerSocket s = new ServerSocket(0)) {
            int dead = s.getLocalPort();
            s.close();
            String cs = Azurite.get().connectionString().replaceAll("QueueEndpoint=[^;]+", "QueueEndpoint=http://127.0.0.1:" + dead + "/devstoreaccount1");
            deadQueue = new QueueOutbox(new QueueClientBuilder().connectionString(cs).queueName("never")
                    .messageEncoding(QueueMessageEncoding.BASE64)
                    .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 2, 5, 100L, 100L, null)).buildClient());
        }
        Runtime broken = new Runtime(healthy.settings(), SnapshotInventory.load(ESTATE), healthy.store(), deadQueue, CLOCK);
        int failed = 0;
        for (String c : CLUSTERS) {
            if (broken.intake().accept(EstateEvents.writeEvent(c, "e-" + c.hashCode()), null).failed()) {
                failed++;
            }
        }
        assertEquals(reference.size(), failed, "every delivery whose alert could not be queued must fail");
        for (String c : CLUSTERS) {
            assertTrue(!healthy.intake().accept(EstateEvents.writeEvent(c, "e-" + c.hashCode()), null).failed());
        }
        int repeats = assertMatchesReference("queue down", drain(healthy.outbox()));
        assertStateSound(healthy);
        ROWS.add(new String[] {"Outbox queue unreachable after the verdict (with the pending alert) was written", String.valueOf(CLUSTERS.size()),
                failed + " deliveries failed; redelivery handed the pending alerts over with the same alertIds ("
                        + reference.size() + " alerts, " + repeats + " repeats); no verdict left pending", "nothing"});
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
