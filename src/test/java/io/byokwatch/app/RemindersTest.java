package io.byokwatch.app;

import io.byokwatch.adapter.storage.FileDeadLetters;
import io.byokwatch.adapter.storage.FileVerdictStore;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Tags;
import io.byokwatch.notify.Channel;
import io.byokwatch.notify.ChannelType;
import io.byokwatch.notify.NotifyConfig;
import io.byokwatch.notify.Route;
import io.byokwatch.notify.RouteMatch;
import io.byokwatch.notify.Secrets;
import io.byokwatch.port.DeadLetters;
import io.byokwatch.port.Notifier;
import io.byokwatch.port.StoredVerdict;
import io.byokwatch.render.alert.AlertJson;
import io.byokwatch.render.NoticeSamples;
import io.byokwatch.render.alert.PortalLinks;
import io.byokwatch.render.slack.SlackMessage;
import io.byokwatch.testsupport.FakeSleeper;
import io.byokwatch.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
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

class RemindersTest {
    private static final AlertJson CODEC = new AlertJson();
    @TempDir
    Path state;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:05Z"));
    private final ScriptedNotifier notifier = new ScriptedNotifier();
    private FileVerdictStore store;
    private DeadLetters deadLetters;

    @BeforeEach
    void estate() {
        store = new FileVerdictStore(state.resolve("verdicts"));
        deadLetters = new FileDeadLetters(state.resolve("deadletter"));
        put(NoticeSamples.HOTFIX, "aks-checkout-hotfix", ClusterStatus.NONCOMPLIANT, NoticeSamples.CHECKOUT, Duration.ofHours(5));
        put(NoticeSamples.CLAIMS, "aks-claims", ClusterStatus.NONCOMPLIANT, new Tags(Map.of("owner-team", "claims")), Duration.ofDays(2));
        put(NoticeSamples.LEGACY, "aks-legacy-app", ClusterStatus.COMPLIANT, Tags.NONE, Duration.ofDays(1));
    }

    private void put(ResourceId id, String name, ClusterStatus status, Tags tags, Duration openFor) {
        ClusterVerdict v = new ClusterVerdict(id, name, id.subscriptionId(), status,
                status == ClusterStatus.NONCOMPLIANT ? NoticeSamples.findings(id) : List.of(), List.of(), List.of());
        store.put(new StoredVerdict(id, name, id.subscriptionId(), status.label(), List.of(), CODEC.verdictDetail(v, tags, null),
                clock.instant().minus(openFor), clock.instant(), null, null, null));
    }

    /** The checkout team's Slack gets reminders about its clusters, the security Teams channel about the rest. */
    private Reminders reminders(boolean enabled, int maxAttempts) {
        Map<String, Channel> channels = new LinkedHashMap<>();
        channels.put("checkout-slack", new Channel("checkout-slack", ChannelType.SLACK, true, 1));
        channels.put("sec-slack", new Channel("sec-slack", ChannelType.SLACK, true, 1));
        channels.put("siem", new Channel("siem", ChannelType.WEBHOOK, true, 10));
        RouteMatch checkout = new RouteMatch(Set.of(), Set.of(), Map.of("owner-team", Set.of("checkout")), Set.of(), null);
        NotifyConfig config = new NotifyConfig(channels, List.of(new Route("checkout", checkout, List.of("checkout-slack", "siem"))),
                List.of("sec-slack", "siem"), Duration.ofMinutes(60), new NotifyConfig.DailyReminder(enabled, 8), maxAttempts,
                Duration.ofSeconds(5), false);
        return new Reminders(config, store, CODEC, notifier, Map.of(ChannelType.SLACK, new SlackMessage(PortalLinks.forCloud("AzureCloud"))),
                deadLetters, RetryPolicy.standard(maxAttempts, new SplittableRandom(3)), Secrets.NONE, clock, new FakeSleeper(clock));
    }

    @Test
    void atTheConfiguredHour_eachChannelForPeopleGetsWhatIsStillOpenThere_machinesNothing() throws InterruptedException {
        List<String> lines = reminders(true, 8).runIfDue();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(List.of("checkout-slack", "sec-slack"), notifier.calls().stream().map(ScriptedNotifier.Call::channel).toList());
        String checkout = notifier.callsTo("checkout-slack").get(0).payload().body();
        assertTrue(checkout.contains("aks-checkout-hotfix") && !checkout.contains("aks-claims"), checkout);
        assertTrue(checkout.contains("open for 5 h"), checkout);
        String sec = notifier.callsTo("sec-slack").get(0).payload().body();
        assertTrue(sec.contains("aks-claims") && !sec.contains("aks-legacy-app"), "compliant clusters are not repeated: " + sec);
        assertTrue(notifier.callsTo("siem").isEmpty());
    }

    @Test
    void outsideTheHour_orWhenOff_nothingIsSent() throws InterruptedException {
        clock.advance(Duration.ofHours(1));
        assertTrue(reminders(true, 8).runIfDue().get(0).contains("goes out at 8:00 UTC, not now (9:xx)"));
        assertTrue(reminders(false, 8).runIfDue().get(0).contains("daily reminder is off"));
        assertTrue(notifier.calls().isEmpty());
    }

    @Test
    void theIdempotencyKey_isTheSameAllDayForAChannel_andDiffersByChannelAndDay() {
        Instant morning = Instant.parse("2026-12-01T08:00:00Z");
        assertEquals(Reminders.reminderId(morning, "a"), Reminders.reminderId(morning.plusSeconds(3000), "a"));
        assertNotEquals(Reminders.reminderId(morning, "a"), Reminders.reminderId(morning, "b"));
        assertNotEquals(Reminders.reminderId(morning, "a"), Reminders.reminderId(morning.plus(Duration.ofDays(1)), "a"));
    }

    @Test
    void aReminderThatCannotBeDelivered_isRetriedAFewTimes_thenDeadLettered() throws InterruptedException {
        Notifier.Retry down = new Notifier.Retry("slack channel sec-slack answered HTTP 503", null);
        notifier.answer("sec-slack", down, down, down);
        List<String> lines = reminders(true, 3).send();
        assertTrue(lines.stream().anyMatch(l -> l.contains("dead-lettered for sec-slack after 3 attempts")), lines.toString());
        assertEquals(3, notifier.callsTo("sec-slack").size());
        assertEquals("sec-slack", deadLetters.recent(1).get(0).channel());
        assertTrue(deadLetters.recent(1).get(0).alertId().startsWith("reminder-2026-12-01-"));
    }
}
