package io.byokwatch.cli;

import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import io.byokwatch.bootstrap.Runtime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The serve endpoint over real HTTP on loopback, speaking the Event Grid webhook protocol. */
class ServeCommandTest {
    private static final String KEY = "k3y-for-this-test-only";
    @TempDir
    Path state;
    private HttpServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    @BeforeEach
    void start() {
        Runtime runtime = Runtime.build(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate",
                "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", state.toString(), "BYOKWATCH_POLICY_FILE", "examples/policy.json"),
                Clock.systemUTC());
        server = new ServeCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()))
                .start(runtime, "127.0.0.1", 0, KEY);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("x-byokwatch-key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void subscriptionValidation_echoesTheCode() throws Exception {
        String body = Files.readString(Path.of("src/test/resources/corpus/eg_subscription_validation_event_docs.json"));
        HttpResponse<String> r = send(post("/api/events", body).header("aeg-event-type", "SubscriptionValidation"));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(JsonParser.parseString(r.body()).getAsJsonObject().has("validationResponse"));
    }

    @Test
    void cloudEventsHandshake_allowsTheOrigin() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/events?key=" + KEY))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("WebHook-Request-Origin", "eventgrid.azure.net"));
        assertEquals(200, r.statusCode());
        assertEquals("eventgrid.azure.net", r.headers().firstValue("WebHook-Allowed-Origin").orElse(null));
    }

    @Test
    void events_areProcessed_andAlertsPrintedAsJsonLines() throws Exception {
        String body = Files.readString(Path.of("examples/events/01-cluster-shipped-without-byok.json"));
        HttpResponse<String> r = send(post("/api/events", body));
        assertEquals(200, r.statusCode(), r.body());
        String printed = out.toString(StandardCharsets.UTF_8).trim();
        assertEquals("opened", JsonParser.parseString(printed).getAsJsonObject().get("kind").getAsString());
        HttpResponse<String> compliance = send(HttpRequest.newBuilder(URI.create(base + "/api/compliance")).header("x-byokwatch-key", KEY));
        assertEquals(200, compliance.statusCode());
        assertEquals(1, JsonParser.parseString(compliance.body()).getAsJsonObject().getAsJsonArray("clusters").size());
    }

    @Test
    void wrongOrMissingKey_is401() throws Exception {
        assertEquals(401, send(HttpRequest.newBuilder(URI.create(base + "/api/events")).POST(HttpRequest.BodyPublishers.ofString("[]"))).statusCode());
        assertEquals(401, send(HttpRequest.newBuilder(URI.create(base + "/api/events?key=wrong")).POST(HttpRequest.BodyPublishers.ofString("[]"))).statusCode());
        assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/healthz"))).statusCode(), "health needs no key");
    }

    @Test
    void malformedBody_is400WithAReason_oversizedIs413() throws Exception {
        HttpResponse<String> bad = send(post("/api/events", "{\"eventType\": "));
        assertEquals(400, bad.statusCode());
        assertTrue(JsonParser.parseString(bad.body()).getAsJsonObject().get("error").getAsString().length() > 10);
        HttpResponse<String> big = send(post("/api/events", "[" + " ".repeat(ServeCommand.MAX_BODY) + "]"));
        assertEquals(413, big.statusCode());
    }
}
