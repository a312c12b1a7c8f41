package io.byokwatch.cli;

import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.cli.serve.ServeLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a client that sends too little, too slowly or too much gets from {@code serve}, over raw sockets (a well-behaved
 * HTTP client cannot misbehave this way): closed at the deadline, refused before its body, and never able to keep
 * others waiting. The deadlines are shortened to one and two seconds so the test does not wait out the real ten.
 */
class ServeDeadlinesTest {
    private static final String KEY = "deadlines-test-key-3a9f";
    private static final Duration HEAD = Duration.ofSeconds(1);
    private static final Duration GAP = Duration.ofSeconds(1);
    private static final Duration BODY = Duration.ofSeconds(2);

    @TempDir
    Path state;
    private ServeCommand.Serving serving;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        Runtime runtime = Runtime.build(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate",
                "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", state.toString(), "BYOKWATCH_POLICY_FILE", "examples/policy.json"),
                Clock.systemUTC());
        PrintStream p = new PrintStream(printed, true, StandardCharsets.UTF_8);
        serving = new ServeCommand(p, p, Map.of()).start(runtime, ServeCommandTest.terminal(runtime, p), "127.0.0.1", 0, KEY,
                ServeLimits.STANDARD.withDeadlines(HEAD, GAP, BODY));
    }

    @AfterEach
    void stop() {
        serving.close();
    }

    private Socket socket() throws IOException {
        Socket s = new Socket("127.0.0.1", serving.port());
        s.setSoTimeout(15_000);
        return s;
    }

    /** Everything the server sends until it closes; the time that took, in ms, in {@code took[0]}. */
    private static String untilClosed(Socket s, long[] took) throws IOException {
        long start = System.nanoTime();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                all.write(buf, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // closed with unread input: a reset is a close too
        }
        took[0] = (System.nanoTime() - start) / 1_000_000;
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    private static void write(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    @Test
    void aConnectionThatNeverCompletesItsHead_isClosedAtTheHeadDeadline_evenTricklingBytes() throws Exception {
        try (Socket silent = socket(); Socket trickle = socket()) {
            write(trickle, "P");
            Thread trickling = new Thread(() -> {
                try {
                    for (char c : "OST /api/events HTTP/1.1\r\nHost: x\r\n".toCharArray()) {
                        Thread.sleep(200);
                        write(trickle, String.valueOf(c));
                    }
                } catch (IOException | InterruptedException e) {
                    // closed by the server: what this test expects
                }
            });
            trickling.start();
            long[] took = new long[1];
            assertEquals("", untilClosed(silent, took));
            assertTrue(took[0] < HEAD.toMillis() * 4, "silent connection open " + took[0] + " ms");
            untilClosed(trickle, took);
            assertTrue(took[0] < HEAD.toMillis() * 4, "trickling connection open " + took[0] + " ms; a byte now and then must not"
                    + " keep it");
            trickling.interrupt();
        }
    }

    @Test
    void withoutTheKey_theAnswerComesBeforeTheBody_andTheConnectionCloses() throws Exception {
        try (Socket s = socket()) {
            write(s, "POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 900000\r\n\r\n[");
            long start = System.nanoTime();
            byte[] status = s.getInputStream().readNBytes(12);
            long took = (System.nanoTime() - start) / 1_000_000;
            assertEquals("HTTP/1.1 401", new String(status, StandardCharsets.US_ASCII));
            assertTrue(took < HEAD.toMillis() / 2, "401 took " + took + " ms: it waited for a body it should never read");
            long[] closedAfter = new long[1];
            untilClosed(s, closedAfter);
            assertTrue(closedAfter[0] < BODY.toMillis() * 3, "the refused connection stayed open " + closedAfter[0] + " ms");
        }
    }

    @Test
    void aBodyShorterThanItsLength_orPausingTooLong_isDropped_andTheServerServesOthers() throws Exception {
        try (Socket s = socket()) {
            write(s, "POST /api/events HTTP/1.1\r\nHost: x\r\nx-byokwatch-key: " + KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n[{\"id\":");
            long[] took = new long[1];
            String answer = untilClosed(s, took);
            assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(took[0] < (GAP.toMillis() + BODY.toMillis()) * 3, "partial body held its connection " + took[0] + " ms");
        }
        assertTrue(healthz().startsWith("HTTP/1.1 200"));
        assertFalse(printed.toString(StandardCharsets.UTF_8).contains("alertId"), "a partial body was processed");
    }

    @Test
    void bareLineFeeds_andOversizedHeads_areAnsweredOrClosed_atOnce() throws Exception {
        List<String> answers = new ArrayList<>();
        for (String request : List.of(
                "GET /healthz HTTP/1.1\nHost: x\nConnection: close\n\n",
                "GET /healthz?" + "q=".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n",
                "POST /api/events HTTP/1.1\r\nHost: x\r\nx-byokwatch-key: " + KEY + "\r\nContent-Length: 5000000\r\n\r\n")) {
            try (Socket s = socket()) {
                write(s, request);
                long[] took = new long[1];
                String answer;
                try {
                    answer = untilClosed(s, took);
                } catch (SocketTimeoutException e) {
                    answer = "no answer in 15 s";
                }
                answers.add(answer.isEmpty() ? "closed" : answer.substring(0, Math.min(12, answer.length())));
                assertTrue(took[0] < HEAD.toMillis() * 4, request.substring(0, 20) + ": " + took[0] + " ms");
            }
        }
        assertTrue(answers.get(0).matches("HTTP/1.1 (200|400)"), "bare LF line endings: read, or refused at once: " + answers);
        assertTrue(answers.get(1).matches("HTTP/1.1 4\\d\\d|closed"), answers.toString());
        assertTrue(answers.get(2).matches("HTTP/1.1 4\\d\\d|closed"), answers.toString());
        assertEquals("HTTP/1.1 413", answers.get(3), "a declared length over 1 MB is refused before the body");
        assertTrue(healthz().startsWith("HTTP/1.1 200"));
    }

    private String healthz() throws IOException {
        try (Socket s = socket()) {
            write(s, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            return untilClosed(s, new long[1]);
        }
    }

    @Test
    void aKeptAliveConnection_thatSendsNoNextRequest_isClosedAtTheHeadDeadline() throws Exception {
        try (Socket s = socket()) {
            write(s, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            long[] took = new long[1];
            String answer = untilClosed(s, took);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(took[0] >= HEAD.toMillis() / 2 && took[0] < HEAD.toMillis() * 4, "idle kept-alive connection: " + took[0] + " ms");
        }
        assertTrue(Files.exists(state));
    }

    @Test
    void connectionsBeyondTheCap_areClosedAtOnce_andFreedPlacesAreUsableAgain() throws Exception {
        Runtime runtime = Runtime.build(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate",
                "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", state.resolve("capped").toString()), Clock.systemUTC());
        PrintStream p = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        ServeLimits few = new ServeLimits(Duration.ofSeconds(30), GAP, BODY, 8192, 16384, ServeLimits.MAX_BODY, 3, 2, 4);
        try (ServeCommand.Serving capped = new ServeCommand(p, p, Map.of()).start(runtime, ServeCommandTest.terminal(runtime, p),
                "127.0.0.1", 0, KEY, few)) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    held.add(new Socket("127.0.0.1", capped.port()));
                }
                Thread.sleep(200);
                try (Socket extra = new Socket("127.0.0.1", capped.port())) {
                    extra.setSoTimeout(5_000);
                    long[] took = new long[1];
                    assertEquals("", untilClosed(extra, took));
                    assertTrue(took[0] < 3000, "the connection over the cap stayed " + took[0] + " ms");
                }
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
            Thread.sleep(500);
            try (Socket s = new Socket("127.0.0.1", capped.port())) {
                s.setSoTimeout(5_000);
                write(s, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                assertTrue(untilClosed(s, new long[1]).startsWith("HTTP/1.1 200"));
            }
        }
    }
}
