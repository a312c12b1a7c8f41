package io.byokwatch.functions;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.bootstrap.SettingsException;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.OutboxMessage;
import io.byokwatch.testsupport.NoSecretLeaks;
import io.byokwatch.testsupport.Receiver;
import io.byokwatch.testsupport.Receiver.Answer;
import io.byokwatch.testsupport.TestSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code DeliverAlert} and {@code DailyReminder} invoked as the host would: the queue trigger hands over the message
 * text, the timer fires; alerts come from the real event path, channels are loopback receivers.
 */
@ExtendWith(NoSecretLeaks.class)
class DeliveryFunctionsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    @TempDir
    Path state;
    private Receiver receiver;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void estate() throws IOException {
        receiver = Receiver.start();
        Path config = state.resolve("notify.json");
        Files.writeString(config, """
                {"channels": {"sec-slack": {"type": "slack", "urlSetting": "SLACK_SEC_URL"},
                              "siem": {"type": "webhook", "urlSetting": "SIEM_URL", "secretSetting": "SIEM_SECRET"}},
                 "routes": [{"match": {"kinds": ["opened", "changed", "resolved", "deleted"]}, "channels": ["siem"]}],
                 "default": ["sec-slack"], "dailyReminder": {"enabled": true, "hourUtc": 0},
                 "delivery": {"allowLoopbackHttp": true, "timeoutSeconds": 5}}
                """);
        env.putAll(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate",
                "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", state.toString(),
                "BYOKWATCH_POLICY_FILE", "examples/policy.json", "BYOKWATCH_NOTIFY_CONFIG", config.toString(),
                "SLACK_SEC_URL", receiver.url(TestSecrets.slackPath()), "SIEM_URL", receiver.url(TestSecrets.webhookPath()),
                "SIEM_SECRET", TestSecrets.SIGNING_SECRET));
        NoSecretLeaks.watch(List.of(env.get("SLACK_SEC_URL"), env.get("SIEM_URL")));
        NoSecretLeaks.checkFolder(state);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Runtime runtime() {
        return Runtime.build(env, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The text the Functions host hands the queue trigger: our envelope, already Base64-decoded. */
    private static String queueText(OutboxMessage m) {
        JsonObject o = new JsonObject();
        o.addProperty("schema", 1);
        o.addProperty("id", m.id());
        o.addProperty("partitionKey", m.partitionKey());
        o.addProperty("enqueuedAt", m.enqueuedAt().toString());
        o.addProperty("body", m.body());
        return o.toString();
    }

    /** Runs an event through ResourceChanged and takes the alert it enqueued off the outbox, as the host would. */
    private static OutboxMessage alertFromAnEvent(Runtime runtime) throws IOException {
        JsonArray batch = JsonParser.parseString(Files.readString(Path.of("examples/events/01-cluster-shipped-without-byok.json"))).getAsJsonArray();
        new ResourceChanged(() -> runtime).run(batch.get(0).toString(), new TestContext("ResourceChanged"));
        Outbox.Lease lease = runtime.outbox().lease(1, Duration.ofMinutes(1)).get(0);
        runtime.outbox().ack(lease);
        return lease.message();
    }

    @Test
    void deliverAlert_sendsTheQueuedAlertToEveryRoutedChannel() throws IOException {
        Runtime runtime = runtime();
        OutboxMessage m = alertFromAnEvent(runtime);
        TestContext ctx = new TestContext("DeliverAlert");

        new DeliverAlert(() -> runtime).run(queueText(m), ctx);

        assertEquals(1, receiver.requests().size(), "the opened alert is routed to the SIEM only");
        Receiver.Request siem = receiver.requests().get(0);
        assertEquals(m.body(), siem.body());
        assertEquals(m.id(), siem.header("X-Byokwatch-Alert-Id"));
        assertTrue(ctx.log().contains("delivered to siem (200)"), ctx.log());
        assertEquals(0, runtime.outbox().size());
        NoSecretLeaks.check(ctx.log());
    }

    @Test
    void deliverAlert_whenTheChannelFails_putsADelayedCopyBack_andReturns() throws IOException {
        receiver.answer(Answer.status(503, "busy").withHeader("Retry-After", "30"));
        Runtime runtime = runtime();
        OutboxMessage m = alertFromAnEvent(runtime);
        TestContext ctx = new TestContext("DeliverAlert");

        assertDoesNotThrow(() -> new DeliverAlert(() -> runtime).run(queueText(m), ctx));

        assertEquals(1, runtime.outbox().size(), "a copy waits in the outbox");
        assertEquals(List.of(), runtime.outbox().lease(1, Duration.ofMinutes(1)), "hidden for the Retry-After");
        assertTrue(ctx.log().contains("retrying in 30"), ctx.log());
        NoSecretLeaks.check(ctx.log());
    }

    @Test
    void deliverAlert_withoutANotifyConfig_throws_soTheHostRetriesAndFinallyPoisonsIt() throws IOException {
        env.remove("BYOKWATCH_NOTIFY_CONFIG");
        Runtime runtime = runtime();
        OutboxMessage m = alertFromAnEvent(runtime);
        SettingsException e = assertThrows(SettingsException.class,
                () -> new DeliverAlert(() -> runtime).run(queueText(m), new TestContext("DeliverAlert")));
        assertTrue(e.getMessage().contains("BYOKWATCH_NOTIFY_CONFIG is not set"), e.getMessage());
    }

    @Test
    void deliverAlert_aForeignMessage_isDeadLettered_notRetriedForever() {
        Runtime runtime = runtime();
        TestContext ctx = new TestContext("DeliverAlert");
        new DeliverAlert(() -> runtime).run("hello from someone else", ctx);
        assertTrue(ctx.log().contains("dead-lettered"), ctx.log());
        assertEquals(1, runtime.notifications().deadLetters().recent(10).size());
        assertTrue(receiver.requests().isEmpty());
    }

    @Test
    void dailyReminder_atTheConfiguredHour_repeatsWhatIsOpen_toTheChannelsForPeople() {
        Runtime runtime = runtime();
        new Reconcile(() -> runtime).run("{}", new TestContext("Reconcile"));
        TestContext ctx = new TestContext("DailyReminder");

        new DailyReminder(() -> runtime).run("{}", ctx);

        List<Receiver.Request> slack = receiver.requests().stream().filter(r -> r.path().startsWith("/services/")).toList();
        assertEquals(1, slack.size(), receiver.requests().toString());
        assertTrue(slack.get(0).body().contains("15 clusters still noncompliant"), slack.get(0).body());
        assertTrue(slack.get(0).header("X-Byokwatch-Alert-Id").startsWith("reminder-2026-12-01-"));
        assertTrue(ctx.log().contains("delivered to sec-slack"), ctx.log());
        assertTrue(receiver.requests().stream().noneMatch(r -> r.path().startsWith("/hooks/")), "machines get no reminders");
        NoSecretLeaks.check(ctx.log());
    }
}
