package io.byokwatch.cli;

import io.byokwatch.testsupport.NoSecretLeaks;
import io.byokwatch.testsupport.Receiver;
import io.byokwatch.testsupport.Receiver.Answer;
import io.byokwatch.testsupport.TestSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** {@code replay} delivers through the same delivery as the Functions: to the terminal, readably, or to real channels. */
@ExtendWith(NoSecretLeaks.class)
class ReplayDeliveryTest {
    private static final String EVENTS = "examples/events/02-shared-vault-access-policy-changed.cloudevents.json";
    @TempDir
    Path tmp;
    private Receiver receiver;
    private Map<String, String> env;
    private Path config;

    @BeforeEach
    void receiverAndConfig() throws IOException {
        receiver = Receiver.start();
        env = Map.of("TEAM_SLACK_URL", receiver.url(TestSecrets.slackPath()), "SIEM_URL", receiver.url(TestSecrets.webhookPath()),
                "SIEM_SECRET", TestSecrets.SIGNING_SECRET);
        NoSecretLeaks.watch(List.copyOf(env.values()));
        NoSecretLeaks.checkFolder(tmp);
        config = tmp.resolve("notify.json");
        Files.writeString(config, """
                {"channels": {"team-slack": {"type": "slack", "urlSetting": "TEAM_SLACK_URL", "maxPerSecond": 50},
                              "siem": {"type": "webhook", "urlSetting": "SIEM_URL", "secretSetting": "SIEM_SECRET"}},
                 "routes": [{"match": {}, "channels": ["team-slack", "siem"]}],
                 "default": ["siem"], "delivery": {"allowLoopbackHttp": true, "timeoutSeconds": 5}}
                """);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private ScanCommandTest.Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
        ScanCommandTest.Result r = new ScanCommandTest.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        NoSecretLeaks.check(r.out());
        NoSecretLeaks.check(r.err());
        return r;
    }

    @Test
    void byDefault_alertsArePrintedForPeople_notAsJson() {
        ScanCommandTest.Result r = run("replay", "--inventory", "examples/estate", "--events", EVENTS, "--policy",
                "examples/policy.json", "--now", "2026-12-01T00:00:00Z", "--state", tmp.resolve("state").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("== OPENED | "), r.out());
        assertTrue(r.out().contains("vault-no-purge-protection on vault kv-shared-legacy"), r.out());
        assertTrue(r.out().contains("$ az keyvault update -g rg-keys-legacy -n kv-shared-legacy"), r.out());
        assertFalse(r.out().contains("\"schemaVersion\""), r.out());
        assertTrue(r.err().contains("3 alert(s) delivered"), r.err());
    }

    @Test
    void withANotifyConfig_alertsGoToItsChannels_throughTheSameSender() {
        ScanCommandTest.Result r = run("replay", "--inventory", "examples/estate", "--events", EVENTS, "--policy",
                "examples/policy.json", "--now", "2026-12-01T00:00:00Z", "--state", tmp.resolve("state").toString(),
                "--notify-config", config.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(6, receiver.requests().size(), "three alerts, two channels each");
        assertTrue(receiver.requests().stream().filter(q -> q.path().startsWith("/hooks/"))
                .allMatch(q -> q.header("X-Byokwatch-Signature") != null));
        assertEquals("", r.out(), "nothing on the terminal unless asked for");
        assertTrue(r.err().contains("delivered to team-slack (200)"), r.err());
    }

    @Test
    void aChannelThatRefusesForGood_leavesADeadLetter_andExitsOne() throws IOException {
        receiver.otherwise(q -> q.path().startsWith("/services/") ? Answer.status(404, "channel_not_found") : Answer.ok());
        Path state = tmp.resolve("state");
        ScanCommandTest.Result r = run("replay", "--inventory", "examples/estate", "--events", EVENTS, "--policy",
                "examples/policy.json", "--now", "2026-12-01T00:00:00Z", "--state", state.toString(),
                "--notify-config", config.toString(), "--notify", "stdout");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("3 channel deliveries dead-lettered"), r.err());
        try (Stream<Path> letters = Files.list(state.resolve("deadletter"))) {
            assertEquals(3, letters.count());
        }
        assertTrue(r.out().contains("== OPENED | "), "the terminal gets them too: " + r.out());
    }

    @Test
    void aBrokenNotifyConfig_exitsTwo_sayingWhereAndWhy() throws IOException {
        Files.writeString(config, "{\"channels\": {\"s\": {\"type\": \"slack\", \"urlSetting\": \"NOT_SET\"}}, \"default\": [\"s\"]}");
        ScanCommandTest.Result r = run("replay", "--inventory", "examples/estate", "--events", EVENTS, "--notify-config", config.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("channels.s.urlSetting: setting NOT_SET is not set"), r.err());
        assertTrue(receiver.requests().isEmpty());
    }

    @Test
    void theExampleNotifyConfig_isValid_whenItsSettingsAreSet() {
        Map<String, String> settings = Map.of("SLACK_PAYMENTS_URL", "https://hooks.slack.com/services/T0/B0/x0123456789",
                "TEAMS_SEC_URL", "https://prod-1.westeurope.logic.azure.com/workflows/1/triggers/manual/paths/invoke?sig=abcdefghijklmnop0123",
                "SIEM_URL", "https://siem.example/ingest", "SIEM_SECRET", TestSecrets.SIGNING_SECRET);
        assertDoesNotThrow(() -> new io.byokwatch.notify.NotifyConfigLoader(settings).load(Path.of("examples/notify.json")));
    }
}
