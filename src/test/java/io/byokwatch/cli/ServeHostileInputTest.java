package io.byokwatch.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.testsupport.HostileEvents;
import io.byokwatch.testsupport.Reliability;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile deliveries and malformed HTTP against {@code serve} over real HTTP: 400 with a reason for what can
 * never be processed (Event Grid then stops retrying), 200 with counts when bad events were skipped, never a 500
 * (which would make Event Grid redeliver garbage for a day) and never a stack trace in an answer or on stderr.
 */
@Tag("reliability")
class ServeHostileInputTest {
    private static final String KEY = "hostile-input-test-key-0f9e";
    private static final Reliability.Tally DELIVERIES = new Reliability.Tally();
    private static final Reliability.Tally HTTP = new Reliability.Tally();

    @TempDir
    Path state;
    private ServeCommand.Serving serving;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String base;

    @BeforeEach
    void start() {
        Map<String, String> env = new HashMap<>(HostileEvents.SCOPE);
        env.putAll(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate",
                "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", state.toString(), "BYOKWATCH_POLICY_FILE", "examples/policy.json"));
        Runtime runtime = Runtime.build(env, Clock.systemUTC());
        PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        serving = new ServeCommand(printed, new PrintStream(err, true, StandardCharsets.UTF_8), Map.of())
                .start(runtime, ServeCommandTest.terminal(runtime, printed), "127.0.0.1", 0, KEY);
        base = "http://127.0.0.1:" + serving.port();
    }

    @AfterEach
    void stop() {
        serving.close();
        String logged = err.toString(StandardCharsets.UTF_8);
        assertFalse(logged.contains("\tat ") || logged.contains("Exception:"), () -> "stack trace on stderr:\n" + logged);
    }

    @Test
    void everyHostileDelivery_is400WithAReason_or200WithCounts_neverA500() throws Exception {
        List<HostileEvents.Case> all = new ArrayList<>(HostileEvents.all());
        all.addAll(HostileEvents.binary());
        List<String> wrong = new ArrayList<>();
        for (HostileEvents.Case c : all) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/events"))
                    .header("x-byokwatch-key", KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(c.body())).build(), HttpResponse.BodyHandlers.ofString());
            String got = describe(r);
            DELIVERIES.add(r.statusCode() == 200 && r.body().contains("validationResponse") ? "200 handshake"
                    : r.statusCode() == 200 ? "200 with counts" : r.statusCode() + " with a reason");
            assertNoTrace(c.toString(), r);
            String want = c.refusedWhole() ? "400" : c.expect().equals("handshake") ? "handshake"
                    : "processed=" + (c.count("p") + c.count("i")) + " rejected=" + c.count("r") + " outOfScope=" + c.count("o");
            if (!got.equals(want)) {
                wrong.add(c + ": expected " + want + ", got " + got + " " + abbreviate(r.body()));
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void malformedHttp_getsA4xx_neverA500() throws Exception {
        List<String> wrong = new ArrayList<>();
        Map<String, HttpRequest> requests = new java.util.LinkedHashMap<>();
        requests.put("GET /api/events", req("/api/events").GET().build());
        requests.put("PUT /api/events", req("/api/events").PUT(HttpRequest.BodyPublishers.ofString("[]")).build());
        requests.put("DELETE /api/events", req("/api/events").DELETE().build());
        requests.put("OPTIONS without origin", req("/api/events").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        requests.put("OPTIONS with a header-injecting origin", req("/api/events").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("WebHook-Request-Origin", "evil.example\tX-Injected: 1").build());
        requests.put("unsupported charset", req("/api/events").header("Content-Type", "application/json; charset=x-no-such")
                .POST(HttpRequest.BodyPublishers.ofString("[]")).build());
        requests.put("clusterId that is no ARM id", req("/api/compliance?clusterId=not-an-id").GET().build());
        requests.put("compliance POST with text", req("/api/compliance").POST(HttpRequest.BodyPublishers.ofString("hello")).build());
        requests.put("compliance POST clusterId number", req("/api/compliance").POST(HttpRequest.BodyPublishers.ofString("{\"clusterId\":5}")).build());
        requests.put("compliance POST clusterId object", req("/api/compliance").POST(HttpRequest.BodyPublishers.ofString("{\"clusterId\":{}}")).build());
        requests.put("compliance POST array", req("/api/compliance").POST(HttpRequest.BodyPublishers.ofString("[1]")).build());
        requests.put("compliance POST over 1 MB", req("/api/compliance").POST(HttpRequest.BodyPublishers.ofString(
                "{\"clusterId\":\"" + "x".repeat(ServeCommand.MAX_BODY) + "\"}")).build());
        requests.put("compliance POST out of scope", req("/api/compliance").POST(HttpRequest.BodyPublishers.ofString(
                "{\"clusterId\":\"/subscriptions/99999999-9999-4999-8999-999999999999/resourceGroups/r/providers/Microsoft.ContainerService/managedClusters/c\"}")).build());
        requests.put("unknown path", req("/api/other").GET().build());
        for (Map.Entry<String, HttpRequest> e : requests.entrySet()) {
            HttpResponse<String> r = http.send(e.getValue(), HttpResponse.BodyHandlers.ofString());
            HTTP.add(r.statusCode() >= 400 && r.statusCode() < 500 ? "4xx with a reason" : r.statusCode() + "");
            assertNoTrace(e.getKey(), r);
            if (r.statusCode() < 400 || r.statusCode() >= 500) {
                wrong.add(e.getKey() + ": " + r.statusCode() + " " + abbreviate(r.body()));
            }
        }
        // java.net.http refuses to send these, a hostile client does not
        for (String line : List.of("POST /api/events?key=%zz", "POST /api/events?key=%E0%A4%A", "GET /api/compliance?clusterId=%zz&key=" + KEY,
                "GET /api/compliance?clusterId=%E0%A4%A&key=" + KEY, "POST /api/events?key=" + KEY + "&key=%")) {
            String answer = raw(line + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]");
            int status = Integer.parseInt(answer.substring(9, 12));
            HTTP.add(status >= 400 && status < 500 ? "4xx with a reason" : status + "");
            // the JDK's own HTTP server refuses a URI it cannot parse with the fixed text "URISyntaxException thrown"
            assertFalse(answer.contains("\tat ") || answer.replace("URISyntaxException thrown", "").contains("Exception"),
                    () -> line + ": " + answer);
            if (status < 400 || status >= 500) {
                wrong.add(line + ": " + abbreviate(answer));
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    private String raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", serving.port())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void bodyShorterThanItsContentLength_isAnsweredOrDropped_andTheServerKeepsServing() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (Socket s = new Socket("127.0.0.1", serving.port())) {
                s.setSoTimeout(5_000);
                OutputStream o = s.getOutputStream();
                o.write(("POST /api/events HTTP/1.1\r\nHost: x\r\nx-byokwatch-key: " + KEY
                        + "\r\nContent-Length: 100000\r\n\r\n[{\"id\":").getBytes(StandardCharsets.US_ASCII));
                o.flush();
                s.shutdownOutput();
                InputStream in = s.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                assertFalse(answer.startsWith("HTTP/1.1 500"), answer);
            }
            HTTP.add("truncated upload survived");
        }
        HttpResponse<String> health = http.send(req("/healthz").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
    }

    private HttpRequest.Builder req(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("x-byokwatch-key", KEY);
    }

    private static String describe(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            return String.valueOf(r.statusCode());
        }
        JsonObject o = JsonParser.parseString(r.body()).getAsJsonObject();
        if (o.has("validationResponse")) {
            return "handshake";
        }
        return "processed=" + o.get("processed").getAsInt() + " rejected=" + o.get("rejected").getAsInt()
                + " outOfScope=" + o.get("outOfScope").getAsInt();
    }

    private static void assertNoTrace(String what, HttpResponse<String> r) {
        assertFalse(r.body().contains("\tat ") || r.body().matches("(?s).*\\b[A-Z]\\w+(Exception|Error)\\b.*"),
                () -> what + ": answer names an exception: " + abbreviate(r.body()));
        assertTrue(r.body().length() < 4_000, () -> what + ": answer is " + r.body().length() + " chars");
        if (r.statusCode() >= 400 && !r.body().startsWith("<h1>404")) {
            assertTrue(JsonParser.parseString(r.body()).getAsJsonObject().get("error").getAsString().length() > 10,
                    () -> what + ": no reason in " + r.body());
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    @AfterAll
    static void record() {
        if (DELIVERIES.total() > 0) {
            Reliability.record("Hostile input: Event Grid deliveries", "serve POST /api/events (incl. invalid UTF-8)",
                    DELIVERIES.total(), DELIVERIES + "; 0× 500, 0 stack traces", "none");
        }
        if (HTTP.total() > 0) {
            Reliability.record("Hostile input: serve HTTP", "Wrong methods, paths, charsets, percent-encoding, bodies, truncated uploads",
                    HTTP.total(), HTTP + "; 0× 500", "none");
        }
    }
}
