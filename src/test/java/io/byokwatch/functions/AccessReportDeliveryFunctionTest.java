package io.byokwatch.functions;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.bootstrap.AccessRuntime;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.testsupport.NoSecretLeaks;
import io.byokwatch.testsupport.Receiver;
import io.byokwatch.testsupport.TestSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The nightly AccessReport function with a notify config, posting over real HTTP to a receiver on 127.0.0.1: the
 * Slack channel gets the digest, the signed webhook the access-report JSON, the cluster-alert channel nothing.
 */
@ExtendWith(NoSecretLeaks.class)
class AccessReportDeliveryFunctionTest {
    private static final Instant NIGHT = Instant.parse("2026-12-01T02:00:07Z");
    @TempDir
    Path tmp;
    private Receiver receiver;
    private Map<String, String> env;

    @BeforeEach
    void receiverAndConfig() throws Exception {
        receiver = Receiver.start();
        Path config = tmp.resolve("notify.json");
        Files.writeString(config, """
                {"channels": {"sec-slack": {"type": "slack", "urlSetting": "SEC_SLACK_URL", "maxPerSecond": 50},
                              "siem": {"type": "webhook", "urlSetting": "SIEM_URL", "secretSetting": "SIEM_SECRET"},
                              "alerts-slack": {"type": "slack", "urlSetting": "ALERTS_SLACK_URL", "maxPerSecond": 50}},
                 "routes": [{"name": "nightly access report", "match": {"kinds": ["access-report"]},
                             "channels": ["sec-slack", "siem"]},
                            {"match": {"kinds": ["opened", "changed", "resolved", "deleted"]}, "channels": ["alerts-slack"]}],
                 "default": ["alerts-slack"], "delivery": {"allowLoopbackHttp": true, "timeoutSeconds": 5}}
                """);
        env = new HashMap<>(Map.of("SEC_SLACK_URL", receiver.url(TestSecrets.slackPath()),
                "SIEM_URL", receiver.url(TestSecrets.webhookPath()), "SIEM_SECRET", TestSecrets.SIGNING_SECRET,
                "ALERTS_SLACK_URL", receiver.url("/alerts/" + TestSecrets.TEAMS_SIG),
                "BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate",
                "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", tmp.resolve("state").toString(),
                "BYOKWATCH_NOTIFY_CONFIG", config.toString()));
        env.putAll(Map.of("BYOKWATCH_ACCESS_LOG_FILES", "examples/logs", "BYOKWATCH_ACCESS_REPORT_DIR",
                tmp.resolve("reports").toString()));
        NoSecretLeaks.watch(List.of(env.get("SEC_SLACK_URL"), env.get("SIEM_URL"), env.get("ALERTS_SLACK_URL"),
                TestSecrets.SIGNING_SECRET));
        NoSecretLeaks.checkFolder(tmp);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private TestContext runAt(Instant at, boolean withInventory) throws Exception {
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        Runtime runtime = Runtime.build(env, clock);
        AccessRuntime access = AccessRuntime.build(env, withInventory ? SnapshotInventory.load(Path.of("examples/estate")) : null,
                "AzureCloud", clock);
        TestContext ctx = new TestContext("AccessReport");
        new AccessReport(() -> access, () -> runtime.notifications().accessReports()).run("{}", ctx);
        NoSecretLeaks.check(ctx.log());
        return ctx;
    }

    private static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theNightlyRun_postsTheDigestToSlack_andTheSignedReportJsonToTheWebhook() throws Exception {
        TestContext ctx = runAt(NIGHT, true);
        List<Receiver.Request> requests = receiver.requests();
        assertEquals(2, requests.size(), ctx.log());
        Receiver.Request slack = requests.stream().filter(q -> q.path().equals(TestSecrets.slackPath())).findFirst().orElseThrow();
        Receiver.Request siem = requests.stream().filter(q -> q.path().equals(TestSecrets.webhookPath())).findFirst().orElseThrow();
        assertTrue(requests.stream().noneMatch(q -> q.path().startsWith("/alerts/")), "cluster-alert routes do not get it");

        JsonObject digest = JsonParser.parseString(slack.body()).getAsJsonObject();
        String blocks = digest.getAsJsonArray("blocks").toString();
        assertTrue(blocks.contains("2 anomalies: 1 critical, 1 medium."), blocks);
        assertTrue(blocks.contains("{\"type\":\"text\",\"text\":\"unexpected-caller\",\"style\":{\"code\":true}},"
                + "{\"type\":\"text\",\"text\":\" kv-pay-prod/aks-disk"), blocks);
        assertTrue(blocks.contains("Full report, with the KQL behind each anomaly: " + tmp.resolve("reports/access-report-20261201T0200Z.html")), blocks);
        assertTrue(Files.exists(tmp.resolve("reports/access-report-20261201T0200Z.html")), "the file the digest names");
        assertNull(slack.header("X-Byokwatch-Signature"), "Slack is not signed");

        String timestamp = siem.header("X-Byokwatch-Timestamp");
        assertEquals(Long.toString(NIGHT.getEpochSecond()), timestamp);
        assertEquals(hmac(TestSecrets.SIGNING_SECRET, timestamp + "." + siem.body()), siem.header("X-Byokwatch-Signature"));
        JsonObject report = JsonParser.parseString(siem.body()).getAsJsonObject();
        assertEquals(JsonParser.parseString(Files.readString(tmp.resolve("reports/access-report-20261201T0200Z.json"))), report,
                "the webhook gets the saved access-report JSON, byte for byte in content");
        assertEquals("access-report-20261201T0200Z", siem.header("X-Byokwatch-Alert-Id"));

        assertTrue(ctx.log().contains("INFO access report access-report-20261201T0200Z delivered to sec-slack"), ctx.log());
        assertTrue(ctx.log().contains("INFO access report access-report-20261201T0200Z delivered to siem"), ctx.log());
    }

    @Test
    void aQuietNight_isDelivered_sayingNothingUnusual() throws Exception {
        env.put("BYOKWATCH_ACCESS_BASELINE_DAYS", "13");
        TestContext ctx = runAt(Instant.parse("2026-11-30T02:00:07Z"), false);
        assertTrue(ctx.log().contains("Nothing unusual"), ctx.log());
        List<Receiver.Request> requests = receiver.requests();
        assertEquals(2, requests.size(), ctx.log());
        Receiver.Request slack = requests.stream().filter(q -> q.path().equals(TestSecrets.slackPath())).findFirst().orElseThrow();
        assertTrue(slack.body().contains("Key Vault access report \u00b7 nothing unusual"), slack.body());
        Receiver.Request siem = requests.stream().filter(q -> q.path().equals(TestSecrets.webhookPath())).findFirst().orElseThrow();
        assertEquals(0, JsonParser.parseString(siem.body()).getAsJsonObject().getAsJsonArray("anomalies").size());
    }

    @Test
    void aRefusingChannel_isDeadLetteredAndWarned_whileTheOtherStillGetsIt() throws Exception {
        receiver.otherwise(q -> q.path().equals(TestSecrets.slackPath()) ? Receiver.Answer.status(404, "channel_not_found")
                : Receiver.Answer.ok());
        TestContext ctx = runAt(NIGHT, true);
        assertTrue(ctx.log().contains("WARNING access report access-report-20261201T0200Z dead-lettered for sec-slack after 1"
                + " attempt: slack channel sec-slack answered HTTP 404: channel_not_found"), ctx.log());
        assertTrue(ctx.log().contains("delivered to siem"), ctx.log());
        try (var letters = Files.list(tmp.resolve("state/deadletter"))) {
            assertEquals(1, letters.count());
        }
    }
}
