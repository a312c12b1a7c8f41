package io.byokwatch.cli;

import com.google.gson.JsonParser;
import io.byokwatch.bootstrap.Notifications;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.notify.Channel;
import io.byokwatch.notify.ChannelType;
import io.byokwatch.notify.NotifyConfig;
import io.byokwatch.notify.NotifyConfigLoader;
import io.byokwatch.testsupport.Receiver;
import io.byokwatch.notify.Secrets;
import io.byokwatch.port.Sleeper;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The serve endpoint over real HTTP on loopback, speaking the Event Grid webhook protocol. */
class ServeCommandTest {
    private static final String KEY = "k3y-for-this-test-only";
    @TempDir
    Path state;
    private ServeCommand.Serving serving;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    @BeforeEach
    void start() {
        Runtime runtime = Runtime.build(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate",
                "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", state.toString(), "BYOKWATCH_POLICY_FILE", "examples/policy.json"),
                Clock.systemUTC());
        PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        Notifications notifications = runtime.notifications(new Notifications.Parts(
                NotifyConfig.terminalOnly(new Channel("stdout", ChannelType.STDOUT, false, 0)), Map.of(), Secrets.NONE,
                printed, true, Clock.systemUTC(), Sleeper.REAL, new SplittableRandom(7)));
        serving = new ServeCommand(printed, new PrintStream(new ByteArrayOutputStream()), Map.of())
                .start(runtime, notifications, "127.0.0.1", 0, KEY);
        base = "http://127.0.0.1:" + serving.port();
    }

    @AfterEach
    void stop() {
        serving.close();
    }

    /** Delivery runs in the background: wait (briefly, polling) for it to print. */
    private String printedWithin(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (out.size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return out.toString(StandardCharsets.UTF_8).trim();
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
    void events_areProcessed_andAlertsDeliveredInTheBackground() throws Exception {
        String body = Files.readString(Path.of("examples/events/01-cluster-shipped-without-byok.json"));
        HttpResponse<String> r = send(post("/api/events", body));
        assertEquals(200, r.statusCode(), r.body());
        String printed = printedWithin(Duration.ofSeconds(10));
        assertEquals("opened", JsonParser.parseString(printed).getAsJsonObject().get("kind").getAsString());
        HttpResponse<String> compliance = send(HttpRequest.newBuilder(URI.create(base + "/api/compliance")).header("x-byokwatch-key", KEY));
        assertEquals(200, compliance.statusCode());
        assertEquals(1, JsonParser.parseString(compliance.body()).getAsJsonObject().getAsJsonArray("clusters").size());
    }

    @Test
    void withANotifyConfig_alertsGoToItsChannels_inTheBackground() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            Map<String, String> env = Map.of("SIEM_URL", receiver.url("/hooks/serve-test-0123456789"),
                    "SIEM_SECRET", "0123456789abcdef0123456789abcdef0123");
            NotifyConfigLoader.Loaded loaded = new NotifyConfigLoader(env).parse(
                    "{\"channels\": {\"siem\": {\"type\": \"webhook\", \"urlSetting\": \"SIEM_URL\", \"secretSetting\": \"SIEM_SECRET\"}},"
                            + " \"default\": [\"siem\"], \"delivery\": {\"allowLoopbackHttp\": true}}", "notify.json", state);
            Runtime runtime = Runtime.build(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate",
                    "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", state.resolve("other").toString()), Clock.systemUTC());
            Notifications n = runtime.notifications(new Notifications.Parts(loaded.config(), loaded.endpoints(), loaded.secrets(),
                    new PrintStream(out, true, StandardCharsets.UTF_8), true, Clock.systemUTC(), Sleeper.REAL, new SplittableRandom(7)));
            try (ServeCommand.Serving other = new ServeCommand(new PrintStream(out), new PrintStream(new ByteArrayOutputStream()), env)
                    .start(runtime, n, "127.0.0.1", 0, null)) {
                String body = Files.readString(Path.of("examples/events/01-cluster-shipped-without-byok.json"));
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + other.port() + "/api/events")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
                assertEquals(200, r.statusCode(), r.body());
                List<Receiver.Request> got = receiver.await(1, Duration.ofSeconds(10));
                assertEquals(1, got.size());
                assertEquals("opened", JsonParser.parseString(got.get(0).body()).getAsJsonObject().get("kind").getAsString());
                assertNotNull(got.get(0).header("X-Byokwatch-Signature"));
            }
        }
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

    /** Terminal-only delivery, as {@code serve} runs without a notify config. */
    static io.byokwatch.bootstrap.Notifications terminal(io.byokwatch.bootstrap.Runtime runtime, java.io.PrintStream printed) {
        return runtime.notifications(new io.byokwatch.bootstrap.Notifications.Parts(
                io.byokwatch.notify.NotifyConfig.terminalOnly(new io.byokwatch.notify.Channel("stdout",
                        io.byokwatch.notify.ChannelType.STDOUT, false, 0)), java.util.Map.of(), io.byokwatch.notify.Secrets.NONE,
                printed, true, java.time.Clock.systemUTC(), io.byokwatch.port.Sleeper.REAL, new java.util.SplittableRandom(7)));
    }
}
