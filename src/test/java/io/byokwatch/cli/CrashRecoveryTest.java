package io.byokwatch.cli;

import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.testsupport.EstateEvents;
import io.byokwatch.testsupport.Receiver;
import io.byokwatch.testsupport.Reliability;
import io.byokwatch.testsupport.ServeProcess;
import io.byokwatch.testsupport.TestSecrets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kill -9} of a {@code serve} JVM in the middle of delivering alerts to a slow webhook, then a new one on the same
 * state: how long until alerts flow again, and until every one of them has arrived. The figures are recorded, not
 * asserted against a time (a loaded machine would fail them for no fault of the code); what is asserted is that no
 * alert is lost and that the stranded ones come back within a small multiple of the lease, not minutes.
 */
@Tag("reliability")
class CrashRecoveryTest {
    private static final String KEY = "crash-recovery-key-5e1b7a";
    private static final int ROUNDS = 3;
    private static final Duration SLOW_WEBHOOK = Duration.ofMillis(300);

    @TempDir
    Path temp;

    @Test
    void killMinus9MidDelivery_costsSeconds_andLosesNoAlert() throws Exception {
        List<String> events = new ArrayList<>();
        for (String c : EstateEvents.clusterIds(Path.of("examples/estate"))) {
            events.add(EstateEvents.writeEvent(c, "crash-" + Math.abs(c.hashCode())));
        }
        int expected = expectedAlerts(events);
        List<Double> toNext = new ArrayList<>();
        List<Double> toAll = new ArrayList<>();
        int stranded = 0;
        int repeats = 0;
        for (int round = 0; round < ROUNDS; round++) {
            try (Receiver siem = Receiver.start()) {
                siem.otherwise(r -> Receiver.Answer.ok().after(SLOW_WEBHOOK));
                Path state = temp.resolve("state-" + round);
                Path config = notifyConfig(temp.resolve("notify-" + round + ".json"));
                Map<String, String> env = Map.of("SIEM_URL", siem.url(TestSecrets.webhookPath()), "SIEM_SECRET", TestSecrets.SIGNING_SECRET);
                Path logs = Path.of("target", "reliability-logs", "crash-" + UUID.randomUUID().toString().substring(0, 8));
                String[] args = {"--inventory", "examples/estate", "--state", state.toString(), "--key", KEY,
                        "--policy", "examples/policy.json", "--notify-config", config.toString()};

                ServeProcess first = ServeProcess.start(logs, "first", env, List.of("-Xmx256m"), args);
                try {
                    for (String e : events) {
                        assertEquals(200, first.post("/api/events", e, KEY).statusCode());
                    }
                    siem.await(2, Duration.ofSeconds(60));
                } finally {
                    first.kill();
                }
                long killed = System.nanoTime();
                int beforeKill = siem.requests().size();
                stranded += Math.max(0, countLeased(state));
                try (ServeProcess second = ServeProcess.start(logs, "second", env, List.of("-Xmx256m"), args)) {
                    List<Receiver.Request> after = awaitAll(siem, expected, Duration.ofSeconds(120));
                    Set<String> ids = new HashSet<>();
                    after.forEach(r -> ids.add(r.header("x-byokwatch-alert-id")));
                    assertEquals(expected, ids.size(), "alerts lost across kill -9: " + ids.size() + " of " + expected + " arrived");
                    long next = after.stream().mapToLong(Receiver.Request::receivedNanos).filter(t -> t > killed).min().orElseThrow();
                    long last = after.stream().mapToLong(Receiver.Request::receivedNanos).max().orElseThrow();
                    toNext.add((next - killed) / 1e9);
                    toAll.add((last - killed) / 1e9);
                    repeats += after.size() - ids.size();
                    assertTrue(beforeKill < expected, "the kill came after every alert was delivered; nothing was measured");
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (leftInOutbox(state) > 0 && System.nanoTime() < deadline) {
                        Thread.sleep(20); // the last answer takes the webhook's time, then serve acks
                    }
                    assertEquals(0, leftInOutbox(state), "alerts left in the outbox");
                }
            }
        }
        double worstAll = toAll.stream().mapToDouble(d -> d).max().orElseThrow();
        assertTrue(worstAll < 60, "stranded alerts took " + worstAll + " s; a crash must cost seconds, not a long lease");
        Reliability.record("Faults: crash recovery", "serve killed with SIGKILL mid-delivery to a webhook answering in "
                        + SLOW_WEBHOOK.toMillis() + " ms, a new serve started on the same state (" + ROUNDS + " rounds of "
                        + expected + " alerts)", ROUNDS,
                String.format("kill -9 -> next delivery %s, -> every alert delivered %s (a new JVM's start included); %d alerts"
                        + " were leased at the kill; %d repeated copies", figures(toNext), figures(toAll), stranded, repeats),
                "nothing (every alertId arrived, outbox empty)");
    }

    private static String figures(List<Double> seconds) {
        List<Double> sorted = new ArrayList<>(seconds);
        sorted.sort(null);
        return String.format("%.1f / %.1f / %.1f s (min / median / max)", sorted.get(0), sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1));
    }

    /** What one process alone alerts for these events, through the same code in-process. */
    private int expectedAlerts(List<String> events) {
        Runtime r = Runtime.build(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate",
                "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", temp.resolve("reference").toString(),
                "BYOKWATCH_POLICY_FILE", "examples/policy.json"), Clock.systemUTC());
        events.forEach(e -> r.intake().accept(e, null));
        return (int) r.outbox().size();
    }

    private static Path notifyConfig(Path file) throws Exception {
        return Files.writeString(file, """
                {"channels": {"siem": {"type": "webhook", "urlSetting": "SIEM_URL", "secretSetting": "SIEM_SECRET"}},
                 "routes": [{"match": {}, "channels": ["siem"]}],
                 "default": ["siem"], "delivery": {"allowLoopbackHttp": true, "timeoutSeconds": 5}}
                """);
    }

    private static List<Receiver.Request> awaitAll(Receiver siem, int distinct, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            List<Receiver.Request> all = siem.requests();
            if (all.stream().map(r -> r.header("x-byokwatch-alert-id")).distinct().count() >= distinct) {
                return all;
            }
            Thread.sleep(20);
        }
        return siem.requests();
    }

    /** Message files whose lease was live when the process died (they carry a receipt). */
    private static int countLeased(Path state) throws Exception {
        try (Stream<Path> files = Files.list(state.resolve("outbox"))) {
            int n = 0;
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                n += Files.readString(f).contains("\"receipt\": \"") ? 1 : 0;
            }
            return n;
        }
    }

    private static long leftInOutbox(Path state) throws Exception {
        try (Stream<Path> files = Files.list(state.resolve("outbox"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).count();
        }
    }
}
