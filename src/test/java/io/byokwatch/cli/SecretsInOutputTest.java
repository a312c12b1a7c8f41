package io.byokwatch.cli;

import io.byokwatch.bootstrap.Settings;
import io.byokwatch.testsupport.Azurite;
import io.byokwatch.testsupport.EstateEvents;
import io.byokwatch.testsupport.Reliability;
import io.byokwatch.testsupport.ServeProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Everything serve processes print, with the Azure SDK's own logging turned up, while storage fails and callers send
 * wrong keys and the right key in the URL: no configured secret value may appear. Also searches what the other
 * process-level tests of this run left in target/reliability-logs.
 */
@Tag("reliability")
class SecretsInOutputTest {
    private static final String SERVE_KEY = "serve-key-that-must-never-be-printed-91f3";

    @TempDir
    Path temp;

    @Test
    void noConfiguredSecretIsEverPrinted() throws Exception {
        String azuriteKey = accountKey(Azurite.get().connectionString());
        String fakeKey = "ZmFrZS1hY2NvdW50LWtleS1uZXZlci1wcmludC1tZS0xMjM0NTY3ODkw";
        List<String> secrets = List.of(SERVE_KEY, azuriteKey, fakeKey);
        List<String> outputs = new ArrayList<>();
        Path logs = Path.of("target", "reliability-logs", "secrets-" + UUID.randomUUID().toString().substring(0, 8));

        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Map<String, String> env = new HashMap<>();
        env.put("BYOKWATCH_SERVE_KEY", SERVE_KEY);
        env.put("BYOKWATCH_STATE", "azure");
        env.put(Settings.STORAGE_CONNECTION, Azurite.get().connectionString());
        env.put(Settings.VERDICT_TABLE, "secrets" + suffix);
        env.put(Settings.OUTBOX_QUEUE, "secrets-" + suffix);
        env.put("AZURE_LOG_LEVEL", "verbose");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (ServeProcess serve = ServeProcess.start(logs, "serve-azure", env, List.of(), "--inventory", "examples/estate",
                "--state", temp.toString())) {
            List<String> clusters = EstateEvents.clusterIds(Path.of("examples/estate"));
            String event = EstateEvents.writeEvent(clusters.get(0), "s-1");
            assertEquals(200, serve.post("/api/events", event, SERVE_KEY).statusCode());
            assertEquals(200, http.send(HttpRequest.newBuilder(serve.uri("/api/events?key=" + SERVE_KEY))
                    .POST(HttpRequest.BodyPublishers.ofString(EstateEvents.writeEvent(clusters.get(1), "s-2"))).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(401, serve.post("/api/events", event, SERVE_KEY + "-wrong").statusCode());
            Azurite.get().suspend();
            long started = System.nanoTime();
            try {
                HttpResponse<String> down = http.send(HttpRequest.newBuilder(serve.uri("/api/events?key=" + SERVE_KEY))
                        .timeout(Duration.ofSeconds(90)).POST(HttpRequest.BodyPublishers.ofString(
                                EstateEvents.writeEvent(clusters.get(2), "s-3"))).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(500, down.statusCode(), "storage down must answer 500 so that Event Grid retries");
                long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
                assertTrue(seconds < 25, "with storage down serve took " + seconds + " s to answer; Event Grid gives up after 30 s");
                outputs.add(down.body());
            } finally {
                Azurite.get().resume();
            }
            Thread.sleep(200);
            outputs.add(serve.printed());
        }

        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        for (String accountKey : List.of(fakeKey, "not base64 at all: " + fakeKey)) {
            Map<String, String> bad = new HashMap<>(env);
            bad.put(Settings.STORAGE_CONNECTION, "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + accountKey
                    + ";TableEndpoint=http://127.0.0.1:" + dead + "/devstoreaccount1;QueueEndpoint=http://127.0.0.1:" + dead + "/devstoreaccount1;");
            Process p = startFailingServe(bad, logs.resolve("bad-connection-" + outputs.size() + ".txt"));
            assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "serve with unreachable storage did not give up");
            assertEquals(2, p.exitValue());
            outputs.add(Files.readString(logs.resolve("bad-connection-" + (outputs.size()) + ".txt")));
        }

        List<Path> others = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("target", "reliability-logs"))) {
            files.filter(Files::isRegularFile).forEach(others::add);
        }
        for (Path f : others) {
            outputs.add(Files.readString(f, StandardCharsets.UTF_8));
        }
        long chars = 0;
        for (String text : outputs) {
            chars += text.length();
            for (String secret : secrets) {
                assertFalse(text.contains(secret), () -> "a secret was printed:\n" + text);
            }
        }
        assertTrue(outputs.stream().anyMatch(o -> o.contains("byokwatch:")), "the failing starts printed no reason");
        Reliability.record("Security: secrets in output", "Serve key and storage account keys, searched in everything serve JVMs printed"
                        + " (SDK logging at verbose, storage down, wrong keys, key in the URL, refused connection strings)",
                outputs.size(), "0 of " + secrets.size() + " secret values found in " + chars + " characters from " + outputs.size() + " outputs",
                "n/a");
    }

    private static Process startFailingServe(Map<String, String> env, Path output) throws IOException {
        Files.createDirectories(output.getParent());
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "io.byokwatch.cli.Main", "serve",
                "--inventory", "examples/estate", "--port", "0").redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String accountKey(String connectionString) {
        Matcher m = Pattern.compile("AccountKey=([^;]+)").matcher(connectionString);
        assertTrue(m.find());
        return m.group(1);
    }
}
