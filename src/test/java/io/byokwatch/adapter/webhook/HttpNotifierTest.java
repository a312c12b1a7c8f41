package io.byokwatch.adapter.webhook;

import io.byokwatch.notify.Channel;
import io.byokwatch.notify.ChannelType;
import io.byokwatch.notify.Endpoint;
import io.byokwatch.notify.Secrets;
import io.byokwatch.port.Notifier;
import io.byokwatch.testsupport.FakeSleeper;
import io.byokwatch.testsupport.MutableClock;
import io.byokwatch.testsupport.NoSecretLeaks;
import io.byokwatch.testsupport.Receiver;
import io.byokwatch.testsupport.Receiver.Answer;
import io.byokwatch.testsupport.TestSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** How the HTTP notifier reads each kind of answer, over real HTTP. */
@ExtendWith(NoSecretLeaks.class)
class HttpNotifierTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:30:00Z"));
    private Receiver receiver;
    private HttpNotifier notifier;
    private Secrets secrets;

    @BeforeEach
    void start() {
        receiver = Receiver.start();
        String slackUrl = receiver.url(TestSecrets.slackPath());
        String hookUrl = receiver.url(TestSecrets.webhookPath());
        secrets = Secrets.of(List.of(slackUrl, hookUrl, TestSecrets.SIGNING_SECRET));
        NoSecretLeaks.watch(secrets.fragments());
        Map<Channel, Endpoint> channels = new LinkedHashMap<>();
        channels.put(new Channel("team-slack", ChannelType.SLACK, true, 100), new Endpoint(URI.create(slackUrl), null, null));
        channels.put(new Channel("siem", ChannelType.WEBHOOK, true, 100), new Endpoint(URI.create(hookUrl), TestSecrets.SIGNING_SECRET, null));
        notifier = new HttpNotifier(channels, Duration.ofSeconds(2), secrets, clock, new FakeSleeper(clock), "test");
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Notifier.Result send(String channel) {
        return notifier.send(channel, new Notifier.Payload("alert-1", "{\"text\":\"x\"}"));
    }

    @Test
    void retryable_408_429_5xx_carryRetryAfter() {
        receiver.answer(Answer.status(408, ""), Answer.status(429, "rate_limited").withHeader("Retry-After", "3"),
                Answer.status(502, "bad gateway"));
        assertNull(assertInstanceOf(Notifier.Retry.class, send("siem")).retryAfter());
        assertEquals(Duration.ofSeconds(3), assertInstanceOf(Notifier.Retry.class, send("siem")).retryAfter());
        assertTrue(assertInstanceOf(Notifier.Retry.class, send("siem")).reason().contains("HTTP 502: bad gateway"));
    }

    @Test
    void slacksPermanentAnswers_andOther4xx_areRejected() {
        for (int status : new int[] {400, 403, 404, 410}) {
            receiver.answer(Answer.status(status, "no_service"));
            Notifier.Rejected r = assertInstanceOf(Notifier.Rejected.class, send("team-slack"), "HTTP " + status);
            assertEquals("slack channel team-slack answered HTTP " + status + ": no_service", r.reason());
        }
        receiver.answer(Answer.status(401, "unauthorized"), Answer.status(413, "too large"));
        assertInstanceOf(Notifier.Rejected.class, send("siem"));
        assertInstanceOf(Notifier.Rejected.class, send("siem"));
    }

    @Test
    void redirects_areNotFollowed() {
        receiver.answer(Answer.status(302, "").withHeader("Location", "http://127.0.0.1:1/elsewhere"));
        Notifier.Rejected r = assertInstanceOf(Notifier.Rejected.class, send("siem"));
        assertTrue(r.reason().contains("does not follow redirects"), r.reason());
        assertEquals(1, receiver.requests().size());
    }

    @Test
    void aReceiverEchoingItsUrlInAnError_isMasked() {
        receiver.otherwise(q -> Answer.status(500, "no route for POST " + q.path()));
        Notifier.Retry r = assertInstanceOf(Notifier.Retry.class, send("team-slack"));
        assertTrue(r.reason().contains("no route for POST ***"), r.reason());
        assertFalse(r.reason().contains(TestSecrets.SLACK_TOKEN));
    }

    @Test
    void aReceiverThatIsNotThere_isRetried() {
        receiver.close();
        Notifier.Retry r = assertInstanceOf(Notifier.Retry.class, send("siem"));
        assertTrue(r.reason().contains("refused the connection"), r.reason());
        receiver = Receiver.start();
    }

    @Test
    void onlyGenericWebhooksAreSigned_everyRequestCarriesTheAlertId() {
        send("team-slack");
        send("siem");
        Receiver.Request slack = receiver.requests().get(0);
        Receiver.Request siem = receiver.requests().get(1);
        assertNull(slack.header("X-Byokwatch-Signature"));
        assertTrue(siem.header("X-Byokwatch-Signature").matches("sha256=[0-9a-f]{64}"));
        assertEquals(Long.toString(clock.instant().getEpochSecond()), siem.header("X-Byokwatch-Timestamp"));
        assertEquals("alert-1", slack.header("X-Byokwatch-Alert-Id"));
        assertEquals("alert-1", siem.header("X-Byokwatch-Alert-Id"));
        assertTrue(slack.header("User-Agent").startsWith("byokwatch/"));
    }

    @Test
    void anUnknownChannel_isRejected() {
        assertInstanceOf(Notifier.Rejected.class, send("nowhere"));
    }
}
