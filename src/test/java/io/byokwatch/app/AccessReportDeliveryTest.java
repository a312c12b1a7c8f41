package io.byokwatch.app;

import io.byokwatch.access.AccessReport;
import io.byokwatch.access.Anomaly;
import io.byokwatch.adapter.storage.FileDeadLetters;
import io.byokwatch.domain.Caller;
import io.byokwatch.domain.Severity;
import io.byokwatch.notify.Channel;
import io.byokwatch.notify.ChannelType;
import io.byokwatch.notify.NotifyConfig;
import io.byokwatch.notify.Route;
import io.byokwatch.notify.RouteMatch;
import io.byokwatch.notify.Secrets;
import io.byokwatch.port.DeadLetters;
import io.byokwatch.port.Notifier;
import io.byokwatch.testsupport.FakeSleeper;
import io.byokwatch.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The nightly access report's delivery: who gets it, in which form, and what happens when a channel fails. */
class AccessReportDeliveryTest {
    private static final Instant END = Instant.parse("2026-12-01T02:00:00Z");
    private static final String HOOK_SECRET = "https://hooks.example/services/T000/B000/secretPathNeverPrint";
    @TempDir
    Path state;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T02:00:07Z"));
    private final ScriptedNotifier notifier = new ScriptedNotifier();
    private final FakeSleeper sleeper = new FakeSleeper(clock);

    private static AccessReport report(Severity... severities) {
        List<Anomaly> anomalies = new java.util.ArrayList<>();
        for (Severity s : severities) {
            anomalies.add(new Anomaly("volume-spike", s, 50, "kv-pay-prod", "aks-disk", "KeyUnwrap", Caller.ANONYMOUS, null,
                    10, 1, END.minusSeconds(3600), END, "Ten unwraps where one is usual.", "AZKVAuditLogs", List.of()));
        }
        return new AccessReport(END.minus(Duration.ofDays(1)), END, 14, 14, 100, 1, 1, 20, Map.of("KeyUnwrap", 20L),
                anomalies, List.of(), List.of(), "test", true);
    }

    /** Slack for people, a webhook for the SIEM; the security channel only wants nights with something high. */
    private AccessReportDelivery delivery(DeadLetters deadLetters, int maxAttempts) {
        Map<String, Channel> channels = new LinkedHashMap<>();
        channels.put("sec-slack", new Channel("sec-slack", ChannelType.SLACK, true, 1));
        channels.put("siem", new Channel("siem", ChannelType.WEBHOOK, true, 10));
        channels.put("ops-slack", new Channel("ops-slack", ChannelType.SLACK, true, 1));
        RouteMatch everyNight = new RouteMatch(Set.of(), Set.of(), Map.of(), Set.of(RouteMatch.ACCESS_REPORT), null);
        RouteMatch highNights = new RouteMatch(Set.of(), Set.of(), Map.of(), Set.of(RouteMatch.ACCESS_REPORT), Severity.HIGH);
        NotifyConfig config = new NotifyConfig(channels, List.of(new Route("siem", everyNight, List.of("siem")),
                new Route("sec", highNights, List.of("sec-slack"))), List.of("ops-slack"), Duration.ofMinutes(60),
                NotifyConfig.DailyReminder.OFF, maxAttempts, Duration.ofSeconds(5), false);
        AccessDigestRenderer people = (r, file) -> "digest for people: " + r.anomalies().size() + " " + file;
        AccessDigestRenderer machines = (r, file) -> "{\"json\": " + r.anomalies().size() + "}";
        return new AccessReportDelivery(config, notifier, Map.of(ChannelType.SLACK, people), machines, deadLetters,
                RetryPolicy.standard(maxAttempts, new SplittableRandom(5)), Secrets.of(List.of(HOOK_SECRET)), clock, sleeper);
    }

    @Test
    void eachRoutedChannelGetsItsForm_withOneIdPerWindow() throws InterruptedException {
        List<AccessReportDelivery.Outcome> out = delivery(new FileDeadLetters(state), 3).deliver(report(Severity.CRITICAL),
                "access-report-20261201T0200Z.html");
        assertEquals(List.of("siem", "sec-slack"), out.stream().map(AccessReportDelivery.Outcome::channel).toList());
        assertTrue(out.stream().allMatch(AccessReportDelivery.Outcome::delivered));
        assertEquals("{\"json\": 1}", notifier.callsTo("siem").get(0).payload().body());
        assertEquals("digest for people: 1 access-report-20261201T0200Z.html", notifier.callsTo("sec-slack").get(0).payload().body());
        assertTrue(notifier.calls().stream().allMatch(c -> c.payload().idempotencyKey().equals("access-report-20261201T0200Z")));
        assertTrue(notifier.callsTo("ops-slack").isEmpty(), "the default is not used once a route names access-report");
    }

    @Test
    void aQuietNight_isStillSent_whileANightBelowARoutesMinimumIsNot() throws InterruptedException {
        AccessReportDelivery d = delivery(new FileDeadLetters(state), 3);
        d.deliver(report(), null);
        assertEquals(List.of("siem", "sec-slack"), notifier.calls().stream().map(ScriptedNotifier.Call::channel).toList());
        d.deliver(report(Severity.MEDIUM), null);
        assertEquals(List.of("siem", "sec-slack", "siem"), notifier.calls().stream().map(ScriptedNotifier.Call::channel).toList());
    }

    @Test
    void aBusyReceiver_isRetriedWithBackoff_thenDelivered() throws InterruptedException {
        notifier.answer("siem", new Notifier.Retry("webhook channel siem answered HTTP 503", null),
                new Notifier.Retry("webhook channel siem answered HTTP 429", Duration.ofSeconds(30)));
        List<AccessReportDelivery.Outcome> out = delivery(new FileDeadLetters(state), 5).deliver(report(Severity.HIGH), null);
        assertTrue(out.get(0).delivered(), out.toString());
        assertEquals(3, notifier.callsTo("siem").size());
        assertEquals(2, sleeper.waits().size());
        assertTrue(sleeper.waits().get(1).compareTo(Duration.ofSeconds(30)) >= 0, "Retry-After is honoured");
    }

    @Test
    void aRefusal_isDeadLetteredAtOnce_withTheBody_andTheReasonMasked() throws InterruptedException {
        notifier.answer("sec-slack", new Notifier.Rejected("slack channel sec-slack answered HTTP 404 for " + HOOK_SECRET));
        DeadLetters letters = new FileDeadLetters(state);
        List<AccessReportDelivery.Outcome> out = delivery(letters, 5).deliver(report(Severity.CRITICAL), null);
        AccessReportDelivery.Outcome slack = out.get(1);
        assertFalse(slack.delivered());
        assertTrue(slack.line().contains("dead-lettered for sec-slack after 1 attempt: slack channel sec-slack answered HTTP 404"),
                slack.line());
        assertFalse(slack.line().contains("secretPathNeverPrint"), slack.line());
        DeadLetters.DeadLetter letter = letters.recent(5).get(0);
        assertEquals("access-report-20261201T0200Z", letter.alertId());
        assertEquals("digest for people: 1 null", letter.body());
        assertFalse(letter.reason().contains("secretPathNeverPrint"), letter.reason());
        assertTrue(out.get(0).delivered(), "one channel's refusal does not stop the others");
    }

    @Test
    void retries_stopAtTheAttemptLimit() throws InterruptedException {
        notifier.answer("siem", new Notifier.Retry("down", null), new Notifier.Retry("down", null), new Notifier.Retry("down", null));
        List<AccessReportDelivery.Outcome> out = delivery(new FileDeadLetters(state), 2).deliver(report(), null);
        assertFalse(out.get(0).delivered());
        assertEquals(2, notifier.callsTo("siem").size());
        assertTrue(sleeper.total().compareTo(AccessReportDelivery.RETRY_BUDGET) < 0);
    }
}
