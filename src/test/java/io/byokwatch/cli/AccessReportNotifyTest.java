package io.byokwatch.cli;

import com.google.gson.JsonParser;
import io.byokwatch.testsupport.NoSecretLeaks;
import io.byokwatch.testsupport.Receiver;
import io.byokwatch.testsupport.TestSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** {@code access-report --notify ...}: the report is sent as the nightly function sends it. */
@ExtendWith(NoSecretLeaks.class)
class AccessReportNotifyTest {
    private static final String NOW = "2026-12-01T02:00:00Z";
    @TempDir
    Path tmp;
    private Receiver receiver;
    private Map<String, String> env;
    private Path config;

    @BeforeEach
    void receiverAndConfig() throws Exception {
        receiver = Receiver.start();
        env = Map.of("SIEM_URL", receiver.url(TestSecrets.webhookPath()), "SIEM_SECRET", TestSecrets.SIGNING_SECRET);
        NoSecretLeaks.watch(List.copyOf(env.values()));
        config = tmp.resolve("notify.json");
        Files.writeString(config, """
                {"channels": {"siem": {"type": "webhook", "urlSetting": "SIEM_URL", "secretSetting": "SIEM_SECRET"}},
                 "routes": [{"match": {"kinds": ["access-report"]}, "channels": ["siem"]}],
                 "default": ["siem"], "delivery": {"allowLoopbackHttp": true, "timeoutSeconds": 5, "maxAttempts": 1}}
                """);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private AccessReportCommandTest.Result run(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--logs", "examples/logs", "--inventory", "examples/estate",
                "--now", NOW));
        args.addAll(List.of(extra));
        AccessReportCommandTest.Result r = AccessReportCommandTest.run(env, args.toArray(String[]::new));
        NoSecretLeaks.check(r.out());
        NoSecretLeaks.check(r.err());
        return r;
    }

    @Test
    void notifyStdout_printsTheDigestAfterTheReport() {
        AccessReportCommandTest.Result r = run("--output", tmp.resolve("night.html").toString(), "--format", "html",
                "--notify", "stdout");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("== KEY VAULT ACCESS REPORT | 2 ANOMALIES | WORST CRITICAL"), r.out());
        assertTrue(r.out().contains("Full report, with the KQL behind each anomaly: night.html"), r.out());
        assertTrue(r.err().contains("delivered to stdout"), r.err());
        assertTrue(receiver.requests().isEmpty());
    }

    @Test
    void withoutNotifyOptions_nothingIsSent() {
        AccessReportCommandTest.Result r = run();
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("== KEY VAULT ACCESS REPORT"), r.out());
        assertFalse(r.err().contains("delivered"), r.err());
    }

    @Test
    void aNotifyConfig_postsTheSignedReportJson_andAFailureSetsTheExitCode() {
        AccessReportCommandTest.Result r = run("--format", "json", "--notify-config", config.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1, receiver.requests().size());
        Receiver.Request q = receiver.requests().get(0);
        assertNotNull(q.header("X-Byokwatch-Signature"));
        assertEquals(JsonParser.parseString(r.out()), JsonParser.parseString(q.body()), "the same JSON the command printed");

        receiver.otherwise(x -> Receiver.Answer.status(500, "down"));
        AccessReportCommandTest.Result failed = run("--format", "json", "--notify-config", config.toString());
        assertEquals(1, failed.code(), failed.err());
        assertTrue(failed.err().contains("dead-lettered for siem after 1 attempt: webhook channel siem answered HTTP 500"),
                failed.err());
    }
}
