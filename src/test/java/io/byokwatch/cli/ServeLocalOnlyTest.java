package io.byokwatch.cli;

import io.byokwatch.bootstrap.Runtime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An unkeyed {@code serve} (loopback only) must not be drivable from a web page in a browser on the same machine: no
 * cross-site "simple" POST (text/plain, form types, none), no DNS rebinding (a Host that is not this server), and no
 * CORS headers that would let a page read an answer. Raw sockets, because a browser sends exactly these bytes.
 */
class ServeLocalOnlyTest {
    @TempDir
    Path state;
    private ServeCommand.Serving serving;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private String event;

    @BeforeEach
    void start() throws Exception {
        Runtime runtime = Runtime.build(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate",
                "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", state.toString(), "BYOKWATCH_POLICY_FILE", "examples/policy.json"),
                Clock.systemUTC());
        PrintStream p = new PrintStream(printed, true, StandardCharsets.UTF_8);
        serving = new ServeCommand(p, p, Map.of()).start(runtime, ServeCommandTest.terminal(runtime, p), "127.0.0.1", 0, null);
        event = Files.readString(Path.of("examples/events/01-cluster-shipped-without-byok.json"));
    }

    @AfterEach
    void stop() {
        serving.close();
    }

    private String exchange(String method, String path, String host, String contentType, String body, String... extra) throws Exception {
        StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        if (host != null) {
            req.append("Host: ").append(host).append("\r\n");
        }
        if (contentType != null) {
            req.append("Content-Type: ").append(contentType).append("\r\n");
        }
        for (String h : extra) {
            req.append(h).append("\r\n");
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        req.append("Content-Length: ").append(b.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket s = new Socket("127.0.0.1", serving.port())) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(b);
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String here() {
        return "127.0.0.1:" + serving.port();
    }

    @Test
    void crossSiteSimplePosts_areRefused_andNothingIsProcessed() throws Exception {
        for (String type : new String[] {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", null}) {
            String answer = exchange("POST", "/api/events", here(), type, event, "Origin: https://evil.example");
            assertTrue(answer.startsWith("HTTP/1.1 415"), type + ": " + answer);
        }
        assertTrue(exchange("POST", "/api/compliance", here(), "text/plain", "{\"clusterId\":\"x\"}").startsWith("HTTP/1.1 415"));
        assertFalse(printed.toString(StandardCharsets.UTF_8).contains("opened"), "a cross-site post raised an alert: " + printed);
        assertTrue(exchange("POST", "/api/events", here(), "application/json; charset=utf-8", event).startsWith("HTTP/1.1 200"));
        assertTrue(exchange("POST", "/api/events", here(), "application/cloudevents-batch+json",
                Files.readString(Path.of("examples/events/02-shared-vault-access-policy-changed.cloudevents.json"))).startsWith("HTTP/1.1 200"));
    }

    @Test
    void aHostThatIsNotThisServer_isRefused_soDnsRebindingReadsNothing() throws Exception {
        for (String host : new String[] {"evil.example:" + serving.port(), "127.0.0.1.nip.io:" + serving.port(),
                "127.0.0.1:1", "localhost", null}) {
            String answer = exchange("GET", "/api/compliance", host, null, "");
            assertTrue(answer.startsWith("HTTP/1.1 403") || (host == null && answer.startsWith("HTTP/1.1 400")), host + ": " + answer);
            assertFalse(answer.contains("aks-"), "cluster data answered to Host " + host);
        }
        for (String host : List.of(here(), "localhost:" + serving.port(), "LOCALHOST:" + serving.port())) {
            assertTrue(exchange("GET", "/api/compliance", host, null, "").startsWith("HTTP/1.1 200"), host);
        }
    }

    @Test
    void noAnswer_carriesACorsHeader_notEvenToAPreflight() throws Exception {
        List<String> answers = List.of(
                exchange("OPTIONS", "/api/events", here(), null, "", "Origin: https://evil.example",
                        "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: content-type"),
                exchange("OPTIONS", "/api/events", here(), null, "", "WebHook-Request-Origin: eventgrid.azure.net",
                        "Origin: https://evil.example"),
                exchange("GET", "/api/compliance", here(), null, "", "Origin: https://evil.example"),
                exchange("POST", "/api/events", here(), "application/json", event, "Origin: https://evil.example"),
                exchange("GET", "/healthz", here(), null, "", "Origin: https://evil.example"));
        for (String a : answers) {
            assertFalse(a.toLowerCase(Locale.ROOT).contains("access-control-"), a);
        }
        assertEquals(5, answers.stream().filter(a -> a.startsWith("HTTP/1.1 ")).count());
    }
}
