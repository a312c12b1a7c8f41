package io.byokwatch.adapter.webhook;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.app.OutboxDrainer;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.render.NoticeSamples;
import io.byokwatch.testsupport.NoSecretLeaks;
import io.byokwatch.testsupport.Receiver;
import io.byokwatch.testsupport.Receiver.Answer;
import io.byokwatch.testsupport.TestSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Delivery end to end over real HTTP to receivers on 127.0.0.1: Slack, Teams and a signed generic webhook, answering
 * as those services do when things go right and when they go wrong.
 */
@ExtendWith(NoSecretLeaks.class)
class WebhookDeliveryTest {
    @TempDir
    Path state;
    private final List<Receiver> receivers = new ArrayList<>();
    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        receivers.forEach(Receiver::close);
        NoSecretLeaks.check(terminal.toString(StandardCharsets.UTF_8));
    }

    private Receiver receiver() {
        Receiver r = Receiver.start();
        receivers.add(r);
        return r;
    }

    private static String config(String channels, String routes, int timeoutSeconds) {
        return "{\"channels\": {" + channels + "}, \"routes\": [" + routes + "], \"default\": [\"siem\"],"
                + " \"delivery\": {\"allowLoopbackHttp\": true, \"maxAttempts\": 8, \"timeoutSeconds\": " + timeoutSeconds + "}}";
    }

    private static final String SIEM = "\"siem\": {\"type\": \"webhook\", \"urlSetting\": \"SIEM_URL\", \"secretSetting\": \"SIEM_SECRET\"}";
    private static final String SLACK = "\"team-slack\": {\"type\": \"slack\", \"urlSetting\": \"SLACK_URL\"}";
    private static final String TEAMS = "\"sec-teams\": {\"type\": \"teams\", \"urlSetting\": \"TEAMS_URL\"}";
    private static final String EVERYONE = "{\"match\": {}, \"channels\": [\"team-slack\", \"sec-teams\", \"siem\"]}";

    private DeliveryRig rig(Receiver r, int timeoutSeconds) {
        return new DeliveryRig(state, config(SLACK + ", " + TEAMS + ", " + SIEM, EVERYONE, timeoutSeconds),
                Map.of("SLACK_URL", r.url(TestSecrets.slackPath()), "TEAMS_URL", r.url(TestSecrets.teamsPath()),
                        "SIEM_URL", r.url(TestSecrets.webhookPath()), "SIEM_SECRET", TestSecrets.SIGNING_SECRET),
                new PrintStream(terminal, true, StandardCharsets.UTF_8));
    }

    private DeliveryRig siemOnly(Receiver r) {
        return new DeliveryRig(state, config(SIEM, "", 2), Map.of("SIEM_URL", r.url(TestSecrets.webhookPath()),
                "SIEM_SECRET", TestSecrets.SIGNING_SECRET), new PrintStream(terminal, true, StandardCharsets.UTF_8));
    }

    private static List<Receiver.Request> to(Receiver r, String pathStart) {
        return r.requests().stream().filter(q -> q.path().startsWith(pathStart)).toList();
    }

    /** The receiver's side of the signature, written from the documentation with javax.crypto, not our signer. */
    private static boolean verify(Receiver.Request q, String secret, Instant now) throws Exception {
        String timestamp = q.header("X-Byokwatch-Timestamp");
        String signature = q.header("X-Byokwatch-Signature");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + q.body()).getBytes(StandardCharsets.UTF_8)));
        boolean fresh = Math.abs(now.getEpochSecond() - Long.parseLong(timestamp)) <= 300;
        return fresh && java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
    }

    private static Alert alert(ResourceId cluster, String id, long at) {
        Alert a = NoticeSamples.opened();
        Instant t = DeliveryRig.START.plusSeconds(at);
        return new Alert(id, a.kind(), cluster, cluster.name(), a.subscriptionId(), a.status(), null, a.findings(), List.of(),
                a.trigger(), t, t, t.toEpochMilli(), a.clusterTags());
    }

    private static ResourceId cluster(String name) {
        return ResourceId.parse("/subscriptions/" + NoticeSamples.PAY + "/resourceGroups/rg-pay/providers/Microsoft.ContainerService/managedClusters/" + name);
    }

    @Test
    void success_slackGetsBlockKit_teamsAnAdaptiveCard_theWebhookTheSignedContract() throws Exception {
        Receiver r = receiver();
        r.otherwise(q -> q.path().startsWith("/workflows") ? Answer.status(202, "") : Answer.ok());
        DeliveryRig rig = rig(r, 5);
        Alert a = NoticeSamples.opened();
        rig.enqueue(a);

        OutboxDrainer.Report report = rig.drainer.drainUntilSettled(Duration.ofMinutes(1));

        assertEquals(1, report.finished());
        assertEquals(0, rig.outbox.size());
        assertEquals(3, r.requests().size());
        r.requests().forEach(q -> {
            assertEquals(a.alertId(), q.header("X-Byokwatch-Alert-Id"), "every payload carries the idempotency key");
            assertTrue(q.header("Content-Type").startsWith("application/json"));
        });
        JsonObject slack = JsonParser.parseString(to(r, "/services/").get(0).body()).getAsJsonObject();
        assertTrue(slack.has("blocks") && slack.has("text"));
        JsonObject teams = JsonParser.parseString(to(r, "/workflows/").get(0).body()).getAsJsonObject();
        assertEquals("application/vnd.microsoft.card.adaptive", teams.getAsJsonArray("attachments").get(0).getAsJsonObject()
                .get("contentType").getAsString());
        Receiver.Request siem = to(r, "/hooks/").get(0);
        assertEquals(DeliveryRig.CODEC.encode(a), siem.body(), "the alert JSON contract as is");
        assertTrue(verify(siem, TestSecrets.SIGNING_SECRET, rig.clock.instant()), "signature checks out independently");
        assertFalse(verify(siem, TestSecrets.SIGNING_SECRET.replace('h', 'H'), rig.clock.instant()), "and a wrong key fails");
        Receiver.Request forged = new Receiver.Request(siem.path(), siem.headers(), siem.body().replace("aks-checkout-hotfix", "aks-other"), 200, 0);
        assertFalse(verify(forged, TestSecrets.SIGNING_SECRET, rig.clock.instant()), "a changed body fails");
        assertFalse(verify(siem, TestSecrets.SIGNING_SECRET, rig.clock.instant().plusSeconds(3600)), "a replay an hour later fails");
    }

    @Test
    void tooManyRequests_isRetriedAfterTheRetryAfterTheReceiverAskedFor_inSecondsOrAsADate() throws Exception {
        Receiver r = receiver();
        DeliveryRig rig = siemOnly(r);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(rig.clock.instant().plusSeconds(47).atZone(ZoneOffset.UTC));
        r.answer(Answer.status(429, "slow down").withHeader("Retry-After", "7"),
                Answer.status(503, "maintenance").withHeader("Retry-After", date));
        rig.enqueue(NoticeSamples.opened());

        OutboxDrainer.Report report = rig.drainer.drainUntilSettled(Duration.ofMinutes(5));

        assertEquals(1, report.finished());
        assertEquals(List.of(429, 503, 200), r.requests().stream().map(Receiver.Request::answeredWith).toList());
        List<Duration> waits = rig.sleeper.waits();
        assertTrue(waits.get(0).compareTo(Duration.ofSeconds(7)) >= 0 && waits.get(0).compareTo(Duration.ofSeconds(8)) <= 0, waits.toString());
        assertTrue(rig.sleeper.total().compareTo(Duration.ofSeconds(47)) >= 0, "the date is honoured too: " + waits);
    }

    @Test
    void serverError_thenSuccess_deliversOnce_withNothingDeadLettered() throws Exception {
        Receiver r = receiver();
        r.answer(Answer.status(500, "boom"));
        DeliveryRig rig = siemOnly(r);
        rig.enqueue(NoticeSamples.opened());
        assertEquals(1, rig.drainer.drainUntilSettled(Duration.ofMinutes(5)).finished());
        assertEquals(List.of(500, 200), r.requests().stream().map(Receiver.Request::answeredWith).toList());
        assertTrue(rig.deadLetters.recent(10).isEmpty());
        assertTrue(rig.lines.stream().anyMatch(l -> l.contains("webhook channel siem answered HTTP 500: boom")), rig.lines.toString());
    }

    @Test
    void slackGone_isDeadLetteredWithTheReason_notRetried_andTheOtherChannelsStillGetIt() throws Exception {
        Receiver r = receiver();
        r.otherwise(q -> q.path().startsWith("/services/") ? Answer.status(410, "channel_is_archived") : Answer.ok());
        DeliveryRig rig = rig(r, 5);
        rig.enqueue(NoticeSamples.opened());

        OutboxDrainer.Report report = rig.drainer.drainUntilSettled(Duration.ofMinutes(5));

        assertEquals(1, report.deadLettered());
        assertEquals(0, rig.outbox.size(), "given up on, not stuck");
        assertEquals(1, to(r, "/services/").size(), "410 is permanent: one try");
        assertEquals(1, to(r, "/hooks/").size());
        assertEquals(1, to(r, "/workflows/").size());
        var letter = rig.deadLetters.recent(1).get(0);
        assertEquals("team-slack", letter.channel());
        assertEquals("slack channel team-slack answered HTTP 410: channel_is_archived", letter.reason());
    }

    @Test
    void aSlowReceiver_timesOut_andTheRetryCarriesTheSameIdempotencyKey() throws Exception {
        Receiver r = receiver();
        r.answer(Answer.ok().after(Duration.ofMillis(2500)));
        DeliveryRig rig = new DeliveryRig(state, config(SIEM, "", 1), Map.of("SIEM_URL", r.url(TestSecrets.webhookPath()),
                "SIEM_SECRET", TestSecrets.SIGNING_SECRET), new PrintStream(terminal, true, StandardCharsets.UTF_8));
        rig.enqueue(NoticeSamples.opened());

        assertEquals(1, rig.drainer.drainUntilSettled(Duration.ofMinutes(5)).finished());

        List<Receiver.Request> got = r.requests();
        assertEquals(2, got.size(), "the first answer came too late, so it was sent again");
        assertEquals(got.get(0).header("X-Byokwatch-Alert-Id"), got.get(1).header("X-Byokwatch-Alert-Id"));
        assertTrue(rig.lines.stream().anyMatch(l -> l.contains("did not answer within 1 s")), rig.lines.toString());
    }

    @Test
    void aReceiverDownForAWhile_thenBack_getsEverything_inOrderPerCluster() throws Exception {
        Receiver r = receiver();
        int port = r.port();
        DeliveryRig rig = siemOnly(r);
        r.close();
        List<Receiver> back = new CopyOnWriteArrayList<>();
        rig.sleeper.onEachSleep(() -> {
            if (back.isEmpty() && rig.sleeper.total().compareTo(Duration.ofSeconds(90)) > 0) {
                back.add(Receiver.startOn(port));
            }
        });
        ResourceId a = cluster("aks-a");
        ResourceId b = cluster("aks-b");
        rig.enqueue(alert(a, "a1", 1));
        rig.enqueue(alert(b, "b1", 2));
        rig.enqueue(alert(a, "a2", 3));
        rig.enqueue(alert(a, "a3", 4));
        rig.enqueue(alert(b, "b2", 5));

        OutboxDrainer.Report report = rig.drainer.drainUntilSettled(Duration.ofMinutes(30));

        assertEquals(1, back.size(), "the receiver came back after a while");
        receivers.addAll(back);
        assertEquals(5, report.finished());
        assertEquals(0, report.deadLettered());
        List<String> ids = back.get(0).requests().stream().map(q -> q.header("X-Byokwatch-Alert-Id")).toList();
        assertEquals(5, ids.size(), "nothing lost: " + ids);
        assertEquals(List.of("a1", "a2", "a3"), ids.stream().filter(i -> i.startsWith("a")).toList(), "order per cluster kept");
        assertEquals(List.of("b1", "b2"), ids.stream().filter(i -> i.startsWith("b")).toList());
        assertTrue(rig.sleeper.total().compareTo(Duration.ofSeconds(90)) > 0);
    }

    @Test
    void aRetry_resendsOnlyToTheChannelThatFailed() throws Exception {
        Receiver r = receiver();
        r.answer(Answer.status(500, "later")).otherwise(q -> Answer.ok());
        DeliveryRig rig = rig(r, 5);
        rig.enqueue(NoticeSamples.opened());
        rig.drainer.drainUntilSettled(Duration.ofMinutes(5));
        assertEquals(4, r.requests().size(), "three channels, one of which needed a second try: " + r.requests());
        String first = r.requests().get(0).path();
        assertEquals(2, r.requests().stream().filter(q -> q.path().equals(first)).count());
    }

    @Test
    void slackIsPaced_toOneMessageASecond() throws Exception {
        Receiver r = receiver();
        DeliveryRig rig = new DeliveryRig(state, "{\"channels\": {" + SLACK + "}, \"default\": [\"team-slack\"],"
                + " \"delivery\": {\"allowLoopbackHttp\": true}}", Map.of("SLACK_URL", r.url(TestSecrets.slackPath())),
                new PrintStream(terminal, true, StandardCharsets.UTF_8));
        List<Instant> sentAt = new CopyOnWriteArrayList<>();
        r.otherwise(q -> {
            sentAt.add(rig.clock.instant());
            return Answer.ok();
        });
        for (int i = 0; i < 6; i++) {
            rig.enqueue(alert(cluster("aks-" + i), "p" + i, i));
        }
        rig.drainer.drainUntilSettled(Duration.ofMinutes(1));
        assertEquals(6, sentAt.size());
        for (int i = 1; i < sentAt.size(); i++) {
            assertTrue(Duration.between(sentAt.get(i - 1), sentAt.get(i)).compareTo(Duration.ofSeconds(1)) >= 0, sentAt.toString());
        }
    }
}
