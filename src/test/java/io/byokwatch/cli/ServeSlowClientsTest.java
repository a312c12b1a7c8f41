package io.byokwatch.cli;

import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.testsupport.EstateEvents;
import io.byokwatch.testsupport.Reliability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slowloris against {@code serve} on loopback: 200 connections that never finish a request (a head sent a byte at a
 * time, a body shorter than its Content-Length, bare line feeds), each reopened as soon as serve closes it, held for
 * 30 s, while a keyed event and /healthz are sent every half second. The old server stopped answering with four such
 * sockets. What is recorded: the keyed events' latency before and during, against the goal of under a second of added
 * delay; what is asserted: every probe was answered (none waited out a 10 s timeout).
 */
@Tag("reliability")
class ServeSlowClientsTest {
    private static final String KEY = "slow-clients-test-key-91c2";
    private static final int SLOW = 200;
    private static final Duration HOLD = Duration.ofSeconds(30);

    @TempDir
    Path state;
    private ServeCommand.Serving serving;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private List<String> clusters;
    private int probe;

    @BeforeEach
    void start() {
        Runtime runtime = Runtime.build(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate",
                "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", state.toString(), "BYOKWATCH_POLICY_FILE", "examples/policy.json"),
                Clock.systemUTC());
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        serving = new ServeCommand(quiet, quiet, Map.of()).start(runtime, ServeCommandTest.terminal(runtime, quiet), "127.0.0.1", 0, KEY);
        clusters = EstateEvents.clusterIds(Path.of("examples/estate"));
    }

    @AfterEach
    void stop() {
        serving.close();
    }

    /** One slow client's connection: what it keeps sending a byte at a time, and how often serve closed it. */
    private final class Slow {
        final String script;
        SocketChannel channel;
        int sent;
        int closedByServe;

        Slow(String script) throws IOException {
            this.script = script;
            open();
        }

        void open() throws IOException {
            channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", serving.port()));
            channel.configureBlocking(false);
            sent = 0;
        }

        void tick() throws IOException {
            try {
                if (channel.read(ByteBuffer.allocate(512)) < 0) {
                    throw new IOException("closed");
                }
                channel.write(ByteBuffer.wrap(new byte[] {(byte) script.charAt(sent % script.length())}));
                sent++;
            } catch (IOException closed) {
                closedByServe++;
                channel.close();
                open();
            }
        }
    }

    private long probeEvent() throws Exception {
        String event = EstateEvents.writeEvent(clusters.get(probe % clusters.size()), "slow-probe-" + probe++);
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serving.port() + "/api/events"))
                .timeout(Duration.ofSeconds(10)).header("x-byokwatch-key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return (System.nanoTime() - start) / 1_000_000;
    }

    private long probeHealth() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serving.port() + "/healthz"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void twoHundredSlowConnectionsFor30s_delayNoKeyedEvent() throws Exception {
        for (int i = 0; i < clusters.size(); i++) {
            probeEvent(); // first verdicts and a warm JIT, so that "before" is what "during" compares with
        }
        List<Long> before = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            before.add(probeEvent());
        }
        List<Slow> slow = new ArrayList<>();
        for (int i = 0; i < SLOW; i++) {
            String script = switch (i % 4) {
                case 0, 1 -> "POST /api/events HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(4000);
                case 2 -> "POST /api/events HTTP/1.1\r\nHost: x\r\nx-byokwatch-key: " + KEY
                        + "\r\nContent-Type: application/json\r\nContent-Length: 900000\r\n\r\n[" + " ".repeat(4000);
                default -> "POST /api/events HTTP/1.1\nHost: x\nX-Slow: " + "b".repeat(4000);
            };
            slow.add(new Slow(script));
        }
        List<Long> during = new ArrayList<>();
        List<Long> health = new ArrayList<>();
        int timedOut = 0;
        long end = System.nanoTime() + HOLD.toNanos();
        long nextTick = System.nanoTime();
        while (System.nanoTime() < end) {
            if (System.nanoTime() >= nextTick) {
                for (Slow s : slow) {
                    s.tick();
                }
                nextTick += Duration.ofSeconds(1).toNanos();
            }
            try {
                during.add(probeEvent());
                health.add(probeHealth());
            } catch (HttpTimeoutException e) {
                timedOut++;
            }
            Thread.sleep(500);
        }
        int reopened = slow.stream().mapToInt(s -> s.closedByServe).sum();
        for (Slow s : slow) {
            s.channel.close();
        }
        assertEquals(0, timedOut, "probes that waited out 10 s behind the slow clients");
        assertTrue(during.size() >= 20, "only " + during.size() + " probes in " + HOLD.toSeconds() + " s");
        long added = percentile(during, 100) - percentile(before, 50);
        Reliability.record("Load held: serve under slow clients", SLOW + " slow connections for " + HOLD.toSeconds() + " s (head a byte a"
                + " second, body short of its Content-Length, bare line feeds), each reopened when serve closed it; a keyed"
                + " event and /healthz every 0.5 s", during.size() + health.size(), String.format("keyed event ms p50 %d, max %d"
                + " during (p50 %d before): at most %d ms added, goal under 1000; /healthz max %d ms; %d slow connections closed"
                + " by serve's deadlines and reopened; 0 probes timed out", percentile(during, 50), percentile(during, 100),
                percentile(before, 50), Math.max(0, added), percentile(health, 100), reopened), "none");
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
