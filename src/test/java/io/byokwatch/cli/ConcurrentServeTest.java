package io.byokwatch.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.bootstrap.Settings;
import io.byokwatch.port.Outbox;
import io.byokwatch.testsupport.Azurite;
import io.byokwatch.testsupport.EstateEvents;
import io.byokwatch.testsupport.Reliability;
import io.byokwatch.testsupport.ServeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three {@code serve} processes (separate JVMs) sharing one state, each receiving every event at the same time as the
 * others, in shuffled order, plus deliveries that overlap (a vault change reaching several clusters). Then all three
 * restart under a policy that resolves everything and get the events again. Each transition must produce exactly one
 * alertId across all processes; a repeat is allowed only as another copy of the same alertId (at-least-once).
 */
@Tag("reliability")
class ConcurrentServeTest {
    private static final String KEY = "concurrent-serve-key-7c1d0e";
    private static final int PROCESSES = 3;
    private static final List<String[]> ROWS = new ArrayList<>();

    @TempDir
    Path temp;

    private List<String> deliveries() throws IOException {
        List<String> events = new ArrayList<>();
        for (String c : EstateEvents.clusterIds(Path.of("examples/estate"))) {
            events.add(EstateEvents.writeEvent(c, "w-" + Math.abs(c.hashCode())));
        }
        events.add(Files.readString(Path.of("examples/events/02-shared-vault-access-policy-changed.cloudevents.json")));
        events.add(Files.readString(Path.of("examples/events/03-key-new-version.json")));
        return events;
    }

    /** What one process, alone and in order, alerts for phase 1 and then phase 2: "kind cluster" per transition. */
    private List<Set<String>> reference(List<String> events, Path phase2Policy) {
        Path state = temp.resolve("reference");
        List<Set<String>> phases = new ArrayList<>();
        for (String policy : List.of("examples/policy.json", phase2Policy.toString())) {
            Runtime r = Runtime.build(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate",
                    "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", state.toString(), "BYOKWATCH_POLICY_FILE", policy), Clock.systemUTC());
            events.forEach(e -> assertFalse(r.intake().accept(e, null).failed()));
            Set<String> transitions = new TreeSet<>();
            for (Outbox.Lease l : r.outbox().lease(1000, Duration.ofMinutes(1))) {
                transitions.add(transition(l.message().body()));
                r.outbox().ack(l);
            }
            phases.add(transitions);
        }
        return phases;
    }

    private static String transition(String alertJson) {
        JsonObject a = JsonParser.parseString(alertJson).getAsJsonObject();
        return a.get("kind").getAsString() + " " + a.getAsJsonObject("cluster").get("id").getAsString().toLowerCase();
    }

    private void run(String stateName, Map<String, String> env) throws Exception {
        List<String> events = deliveries();
        Path resolveAll = temp.resolve("not-required.json");
        Files.writeString(resolveAll, "{\"byokRequired\": false}");
        List<Set<String>> expected = reference(events, resolveAll);
        Path state = temp.resolve("shared-state");
        Path logs = Path.of("target", "reliability-logs", stateName + "-" + UUID.randomUUID().toString().substring(0, 8));
        int phase = 0;
        for (String policy : List.of("examples/policy.json", resolveAll.toString())) {
            phase++;
            List<ServeProcess> serves = new ArrayList<>();
            try {
                for (int i = 0; i < PROCESSES; i++) {
                    serves.add(ServeProcess.start(logs, "phase" + phase + "-serve" + i, env, List.of("-Xmx256m"),
                            "--inventory", "examples/estate", "--state", state.toString(), "--key", KEY, "--policy", policy,
                            "--notify", "json"));
                }
                AtomicInteger retried = new AtomicInteger();
                int sent = fire(events, serves, retried, new Random(phase));
                awaitDelivered(serves, expected.get(phase - 1));
                Map<String, Set<String>> idsByTransition = new TreeMap<>();
                int copies = 0;
                for (ServeProcess s : serves) {
                    for (String line : s.alerts()) {
                        copies++;
                        String alertId = JsonParser.parseString(line).getAsJsonObject().get("alertId").getAsString();
                        idsByTransition.computeIfAbsent(transition(line), k -> new TreeSet<>()).add(alertId);
                    }
                }
                assertEquals(expected.get(phase - 1), idsByTransition.keySet(), stateName + " phase " + phase + ": transitions");
                for (Map.Entry<String, Set<String>> e : idsByTransition.entrySet()) {
                    assertEquals(1, e.getValue().size(), () -> stateName + ": " + e.getKey() + " alerted under several alertIds " + e.getValue());
                }
                int transitions = idsByTransition.size();
                for (ServeProcess s : serves) {
                    assertFalse(s.printed().contains(KEY), "a serve process printed its key");
                    assertFalse(s.printed().contains("\tat "), "a serve process printed a stack trace:\n" + s.printed());
                }
                ROWS.add(new String[] {PROCESSES + " serve JVMs on " + stateName + ", phase " + phase
                        + (phase == 1 ? " (first verdicts)" : " (restarted, policy resolves everything)"), String.valueOf(sent),
                        transitions + " transitions, " + transitions + " distinct alertIds, " + (copies - transitions)
                                + " repeated copies; " + retried.get() + " deliveries answered 5xx and were resent",
                        "nothing (0 transitions without an alert)"});
            } finally {
                serves.forEach(ServeProcess::close);
            }
        }
    }

    /** Every delivery to every process, shuffled, from 8 threads; a 5xx is resent as Event Grid would. */
    private static int fire(List<String> events, List<ServeProcess> serves, AtomicInteger retried, Random random) throws Exception {
        List<Runnable> jobs = new ArrayList<>();
        for (String e : events) {
            for (ServeProcess s : serves) {
                jobs.add(() -> {
                    for (int attempt = 0; ; attempt++) {
                        HttpResponse<String> r = s.post("/api/events", e, KEY);
                        if (r.statusCode() == 200) {
                            return;
                        }
                        assertTrue(r.statusCode() >= 500 && attempt < 20, () -> "delivery refused: " + r.statusCode() + " " + r.body());
                        retried.incrementAndGet();
                        sleep(100);
                    }
                });
            }
        }
        Collections.shuffle(jobs, random);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            jobs.forEach(j -> done.add(pool.submit(j)));
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return jobs.size();
    }

    @Test
    void threeProcesses_sharedStateFolder_oneAlertPerTransition() throws Exception {
        run("a shared --state folder", Map.of());
    }

    @Test
    void threeProcesses_sharedAzureStorage_oneAlertPerTransition() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Map<String, String> env = new HashMap<>();
        env.put("BYOKWATCH_STATE", "azure");
        env.put(Settings.STORAGE_CONNECTION, Azurite.get().connectionString());
        env.put(Settings.VERDICT_TABLE, "concurrent" + suffix);
        env.put(Settings.OUTBOX_QUEUE, "concurrent-" + suffix);
        run("shared Azure Storage (Azurite)", env);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterAll
    static void record() {
        ROWS.forEach(r -> Reliability.record("Concurrency: serve processes sharing state", r[0], Integer.parseInt(r[1]), r[2], r[3]));
    }

    /** serve delivers from its outbox in the background, so the printed alerts trail the HTTP answers by a moment. */
    private static void awaitDelivered(List<ServeProcess> serves, Set<String> transitions) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Set<String> seen = new TreeSet<>();
            for (ServeProcess s : serves) {
                s.alerts().forEach(line -> seen.add(transition(line)));
            }
            if (seen.containsAll(transitions)) {
                Thread.sleep(1500);
                return;
            }
            Thread.sleep(200);
        }
    }
}
