package io.byokwatch.cli;

import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.cli.serve.KeyCheck;
import io.byokwatch.testsupport.ConnectionTrap;
import io.byokwatch.testsupport.HostileEvents;
import io.byokwatch.testsupport.Reliability;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code serve} refuses, and what it never does with what an event says. */
@Tag("reliability")
class ServeSecurityTest {
    private static final String KEY = "s3cure-serve-key-for-this-test-4b8f";
    private static final List<String[]> ROWS = new ArrayList<>();

    @TempDir
    Path state;
    private ServeCommand.Serving serving;
    private Runtime runtime;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    @BeforeEach
    void start() {
        runtime = Runtime.build(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate",
                "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", state.toString(), "BYOKWATCH_POLICY_FILE", "examples/policy.json"),
                Clock.systemUTC());
        PrintStream both = new PrintStream(printed, true, StandardCharsets.UTF_8);
        serving = new ServeCommand(both, both, Map.of()).start(runtime, ServeCommandTest.terminal(runtime, both), "127.0.0.1", 0, KEY);
        base = "http://127.0.0.1:" + serving.port();
    }

    @AfterEach
    void stop() {
        serving.close();
        assertFalse(printed.toString(StandardCharsets.UTF_8).contains(KEY), "serve printed its key");
    }

    @AfterAll
    static void record() {
        ROWS.forEach(r -> Reliability.record("Security: serve", r[0], Integer.parseInt(r[1]), r[2], r[3]));
    }

    private HttpResponse<String> send(HttpRequest r) throws Exception {
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyRequestWithoutTheRightKey_is401_handshakesIncluded() throws Exception {
        String validation = Files.readString(Path.of("src/test/resources/corpus/eg_subscription_validation_event_docs.json"));
        String event = Files.readString(Path.of("examples/events/01-cluster-shipped-without-byok.json"));
        Map<String, String> wrongKeys = new LinkedHashMap<>();
        wrongKeys.put("none", null);
        wrongKeys.put("empty", "");
        wrongKeys.put("first character changed", "X" + KEY.substring(1));
        wrongKeys.put("last character changed", KEY.substring(0, KEY.length() - 1) + "X");
        wrongKeys.put("a prefix", KEY.substring(0, KEY.length() - 1));
        wrongKeys.put("one character longer", KEY + "x");
        wrongKeys.put("upper-cased", KEY.toUpperCase());
        wrongKeys.put("with a space", KEY + " ");
        int n = 0;
        for (Map.Entry<String, String> k : wrongKeys.entrySet()) {
            for (String where : List.of("header", "query")) {
                for (String[] req : List.of(new String[] {"POST", "/api/events", event}, new String[] {"POST", "/api/events", validation},
                        new String[] {"OPTIONS", "/api/events", ""}, new String[] {"GET", "/api/compliance", ""},
                        new String[] {"POST", "/api/compliance", "{\"clusterId\": \"" + HostileEvents.CLUSTER + "\"}"})) {
                    String query = where.equals("query") && k.getValue() != null
                            ? "?key=" + java.net.URLEncoder.encode(k.getValue(), StandardCharsets.UTF_8) : "";
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + req[1] + query))
                            .header("WebHook-Request-Origin", "eventgrid.azure.net")
                            .method(req[0], req[2].isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(req[2]));
                    if (where.equals("header") && k.getValue() != null && !k.getValue().isEmpty() && !k.getValue().endsWith(" ")) {
                        b.header("x-byokwatch-key", k.getValue());
                    }
                    HttpResponse<String> r = send(b.build());
                    n++;
                    assertEquals(401, r.statusCode(), () -> req[0] + " " + req[1] + " with key " + k.getKey() + " in the " + where);
                    assertFalse(r.body().contains("validationResponse"));
                }
            }
        }
        assertTrue(printed.toString(StandardCharsets.UTF_8).isEmpty(), "an unauthorised request led to output: " + printed);
        assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/api/events")).header("x-byokwatch-key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(validation)).build()).statusCode());
        ROWS.add(new String[] {"Requests without the right key (8 wrong keys × header/query × events, handshakes, compliance)",
                String.valueOf(n), n + "× 401, nothing processed or printed; the right key still works", "n/a"});
    }

    /**
     * The key is compared as SHA-256 digests with a constant-time compare, so neither where a wrong key differs nor how
     * long it is changes the time taken. Every near miss is refused; the timing is measured and recorded in
     * RELIABILITY.md as a figure, not asserted (a timed assertion fails on a loaded machine for no fault of the code).
     */
    @Test
    void keyComparison_refusesEveryNearMiss_andItsTimingIsRecorded() {
        char[] k = new char[1 << 20];
        Arrays.fill(k, 'k');
        String key = new String(k);
        String firstWrong = "x" + key.substring(1);
        String lastWrong = key.substring(0, key.length() - 1) + "x";
        for (String nearMiss : List.of(firstWrong, lastWrong, key.substring(1), key + "k", "", key.toUpperCase())) {
            assertFalse(KeyCheck.matches(nearMiss, key));
        }
        assertTrue(KeyCheck.matches(key, key));
        long first = 0;
        long last = 0;
        for (int round = 0; round < 3; round++) {
            first = medianNanos(key, firstWrong);
            last = medianNanos(key, lastWrong);
        }
        double ratio = (double) Math.max(first, last) / Math.max(1, Math.min(first, last));
        ROWS.add(new String[] {"Key comparison (1 MB key; SHA-256 digests compared in constant time): near misses refused,"
                + " timing of a wrong first vs last byte, median of 101", "8",
                String.format("all refused; %.2f× apart in time (measured, not asserted)", ratio), "n/a"});
    }

    private static long medianNanos(String key, String given) {
        long[] t = new long[101];
        for (int i = 0; i < t.length; i++) {
            long start = System.nanoTime();
            assertFalse(KeyCheck.matches(given, key));
            t[i] = System.nanoTime() - start;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }

    @Test
    void oversizedBodies_are413_withOrWithoutContentLength() throws Exception {
        byte[] big = new byte[ServeCommand.MAX_BODY + 1];
        Arrays.fill(big, (byte) ' ');
        big[0] = '[';
        big[big.length - 1] = ']';
        HttpResponse<String> declared = send(HttpRequest.newBuilder(URI.create(base + "/api/events")).header("x-byokwatch-key", KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build());
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(URI.create(base + "/api/events")).header("x-byokwatch-key", KEY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());
        String hugeOutcome;
        try {
            HttpResponse<String> huge = send(HttpRequest.newBuilder(URI.create(base + "/api/events")).header("x-byokwatch-key", KEY)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                        private long left = 64L * 1024 * 1024;

                        @Override
                        public int read() {
                            return left-- > 0 ? ' ' : -1;
                        }
                    })).build());
            assertEquals(413, huge.statusCode());
            hugeOutcome = "413";
        } catch (java.io.IOException closedWhileSending) {
            // serve answered 413 and closed after reading 1 MB; the client, still sending, lost the answer
            hugeOutcome = "connection closed after 1 MB";
        }
        assertEquals(413, declared.statusCode());
        assertEquals(413, chunked.statusCode());
        assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build()).statusCode());
        assertTrue(printed.toString(StandardCharsets.UTF_8).isEmpty(), "an oversized body was processed: " + printed);
        ROWS.add(new String[] {"Bodies over 1 MB (Content-Length, chunked, a 64 MB stream)", "3",
                "413, 413, " + hugeOutcome + "; nothing processed, serve still healthy", "n/a"});
    }

    @Test
    void keylessServe_refusesToListenBeyondLoopback() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        for (String bind : List.of("0.0.0.0", "::", "203.0.113.7")) {
            // a serve that starts never returns: the timeout is the failure
            int exit = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(15), () -> Main.run(
                    new String[] {"serve", "--inventory", "examples/estate", "--state", state.toString(), "--bind", bind, "--port", "0"},
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8)),
                    () -> "keyless serve started listening on " + bind);
            assertEquals(2, exit, bind);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("only with a key"));
        ROWS.add(new String[] {"serve without a key on a non-loopback address", "3", "3× refused at start (exit 2, says to set a key)", "n/a"});
    }

    @Test
    void handshakeDelivery_processesNothingThatRidesAlong() throws Exception {
        String mixed = "[" + Files.readString(Path.of("src/test/resources/corpus/eg_subscription_validation_event_docs.json")).trim()
                .replaceAll("^\\[|\\]$", "") + "," + Files.readString(Path.of("examples/events/01-cluster-shipped-without-byok.json"))
                .trim().replaceAll("^\\[|\\]$", "") + "]";
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/events")).header("x-byokwatch-key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(mixed)).build());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("validationResponse"));
        assertFalse(printed.toString(StandardCharsets.UTF_8).contains("\"alertId\""), "an event riding on a handshake was processed");
        assertTrue(runtime.intake().accept(mixed, null).rejected().stream().anyMatch(x -> x.contains("not processed")),
                "the event riding on the handshake was not counted");
        assertEquals(0, runtime.store().all().size(), "an event riding on a handshake was evaluated");
        ROWS.add(new String[] {"A change event riding in a validation handshake delivery", "1", "handshake answered; the event counted, not processed", "n/a"});
    }

    /** Every URL an event can carry points at a local listener; serve must never connect to it. */
    @Test
    void noUrlFromAnEvent_isEverFetched() throws Exception {
        try (ConnectionTrap trap = new ConnectionTrap()) {
            String url = trap.url("http");
            List<String> bodies = SsrfEvents.all(url);
            for (String body : bodies) {
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/events")).header("x-byokwatch-key", KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
                assertTrue(r.statusCode() < 500, r.body());
            }
            Thread.sleep(500);
            assertEquals(0, trap.connections(), "serve connected to a URL taken from an event");
            ROWS.add(new String[] {"Events whose every URL field points at a local listener (file inventory)", String.valueOf(bodies.size()),
                    "0 connections to the listener", "n/a"});
        }
    }
}
