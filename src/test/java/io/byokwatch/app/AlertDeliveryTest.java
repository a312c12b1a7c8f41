package io.byokwatch.app;

import io.byokwatch.adapter.storage.FileDeadLetters;
import io.byokwatch.adapter.storage.FileDeliveryLog;
import io.byokwatch.domain.Alert;
import io.byokwatch.notify.Channel;
import io.byokwatch.notify.ChannelType;
import io.byokwatch.notify.NotifyConfig;
import io.byokwatch.notify.Route;
import io.byokwatch.notify.RouteMatch;
import io.byokwatch.notify.Secrets;
import io.byokwatch.port.DeadLetters;
import io.byokwatch.port.Notifier;
import io.byokwatch.port.OutboxMessage;
import io.byokwatch.render.alert.AlertJson;
import io.byokwatch.render.NoticeSamples;
import io.byokwatch.render.alert.PortalLinks;
import io.byokwatch.render.slack.SlackMessage;
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
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** One alert through {@link AlertDelivery}: routing, per-channel progress, giving up, and how people are shown it. */
class AlertDeliveryTest {
    private static final AlertJson CODEC = new AlertJson();
    @TempDir
    Path state;
    private final MutableClock clock = new MutableClock(NoticeSamples.NOW);
    private final ScriptedNotifier notifier = new ScriptedNotifier();
    private DeadLetters deadLetters;
    private FileDeliveryLog log;

    @BeforeEach
    void stores() {
        deadLetters = new FileDeadLetters(state.resolve("deadletter"));
        log = new FileDeliveryLog(state.resolve("delivery"));
    }

    private static NotifyConfig config(int maxAttempts) {
        Map<String, Channel> channels = new LinkedHashMap<>();
        channels.put("team-slack", new Channel("team-slack", ChannelType.SLACK, true, 1));
        channels.put("siem", new Channel("siem", ChannelType.WEBHOOK, true, 10));
        return new NotifyConfig(channels, List.of(new Route("all", RouteMatch.EVERYTHING, List.of("team-slack", "siem"))),
                List.of("siem"), Duration.ofMinutes(60), NotifyConfig.DailyReminder.OFF, maxAttempts, Duration.ofSeconds(5), false);
    }

    private AlertDelivery delivery(int maxAttempts, boolean hold) {
        return new AlertDelivery(config(maxAttempts), notifier, log, deadLetters, CODEC,
                Map.of(ChannelType.SLACK, new SlackMessage(PortalLinks.forCloud("AzureCloud"))),
                RetryPolicy.standard(maxAttempts, new SplittableRandom(1)), hold, Secrets.NONE, clock);
    }

    private static OutboxMessage message(Alert a) {
        return OutboxMessage.of(a.alertId(), a.clusterId().key(), a.detectedAt(), CODEC.encode(a));
    }

    private static Alert at(Alert.Kind kind, Instant t) {
        Alert a = NoticeSamples.claimsOpened();
        return new Alert(kind.label() + t.getEpochSecond(), kind, a.clusterId(), a.clusterName(), a.subscriptionId(),
                kind == Alert.Kind.RESOLVED ? io.byokwatch.domain.ClusterStatus.COMPLIANT : a.status(), a.previousStatus(),
                kind == Alert.Kind.RESOLVED ? List.of() : a.findings(), a.resolvedFindingKeys(), a.trigger(), t, t,
                t.toEpochMilli(), a.clusterTags());
    }

    @Test
    void everyRoutedChannelGetsIt_machinesTheContractAsIs_peopleARendering_allWithTheAlertId() {
        OutboxMessage m = message(NoticeSamples.opened());
        AlertDelivery.Outcome o = delivery(8, true).deliver(m);
        assertInstanceOf(AlertDelivery.Done.class, o);
        assertEquals(m.body(), notifier.callsTo("siem").get(0).payload().body(), "the alert JSON contract, byte for byte");
        String slack = notifier.callsTo("team-slack").get(0).payload().body();
        assertTrue(slack.contains("\"blocks\""), slack);
        notifier.calls().forEach(c -> assertEquals(m.id(), c.payload().idempotencyKey()));
        assertTrue(log.progress(m.id()).isEmpty(), "a finished alert leaves no progress behind");
    }

    @Test
    void aRetry_goesOnlyToTheChannelsThatHaveNotTakenIt_andWaitsAsLongAsTheReceiverAsked() {
        notifier.answer("team-slack", new Notifier.Retry("slack channel team-slack answered HTTP 429", Duration.ofSeconds(30)));
        OutboxMessage m = message(NoticeSamples.opened());
        AlertDelivery d = delivery(8, true);

        AlertDelivery.RetryLater first = assertInstanceOf(AlertDelivery.RetryLater.class, d.deliver(m));
        assertTrue(first.delay().compareTo(Duration.ofSeconds(30)) >= 0, first.delay().toString());
        assertInstanceOf(AlertDelivery.Done.class, d.deliver(m));

        assertEquals(2, notifier.callsTo("team-slack").size());
        assertEquals(1, notifier.callsTo("siem").size(), "the SIEM took it the first time and does not get it twice");
    }

    @Test
    void aChannelThatRefusesForGood_isDeadLettered_withTheReason_andTheOthersStillGetIt() {
        notifier.answer("team-slack", new Notifier.Rejected("slack channel team-slack answered HTTP 410: channel_is_archived"));
        OutboxMessage m = message(NoticeSamples.opened());
        AlertDelivery.Done done = assertInstanceOf(AlertDelivery.Done.class, delivery(8, true).deliver(m));
        assertEquals(1, done.deadLettered());
        DeadLetters.DeadLetter letter = deadLetters.recent(10).get(0);
        assertEquals("team-slack", letter.channel());
        assertEquals(m.id(), letter.alertId());
        assertTrue(letter.reason().contains("410: channel_is_archived"), letter.reason());
        assertEquals(m.body(), letter.body(), "kept whole so it can be sent again");
        assertEquals(1, notifier.callsTo("siem").size());
        assertEquals(1, notifier.callsTo("team-slack").size(), "not retried");
    }

    @Test
    void aChannelThatKeepsFailing_isDeadLetteredAtTheAttemptLimit_notRetriedForever() {
        Notifier.Retry down = new Notifier.Retry("webhook channel siem answered HTTP 503", null);
        notifier.answer("siem", down, down, down, down);
        OutboxMessage m = message(NoticeSamples.opened());
        AlertDelivery d = delivery(3, true);
        assertInstanceOf(AlertDelivery.RetryLater.class, d.deliver(m));
        assertInstanceOf(AlertDelivery.RetryLater.class, d.deliver(m));
        AlertDelivery.Done done = assertInstanceOf(AlertDelivery.Done.class, d.deliver(m));
        assertEquals(1, done.deadLettered());
        assertEquals(3, notifier.callsTo("siem").size());
        assertTrue(deadLetters.recent(1).get(0).reason().contains("still failing after 3 attempts, the last: webhook channel siem answered HTTP 503"));
    }

    @Test
    void aMessageThatIsNotAnAlert_isDeadLettered_notRetried() {
        AlertDelivery.Done done = assertInstanceOf(AlertDelivery.Done.class,
                delivery(8, true).deliver(OutboxMessage.of("foreign-1", "", NoticeSamples.NOW, "{\"hello\": \"world\"}")));
        assertEquals(1, done.deadLettered());
        assertEquals("-", deadLetters.recent(1).get(0).channel());
        assertTrue(notifier.calls().isEmpty());
    }

    @Test
    void flapping_peopleGetOneFlappingNotice_theSiemGetsEveryTransition() {
        AlertDelivery d = delivery(8, true);
        Instant t0 = NoticeSamples.NOW;
        Alert opened = at(Alert.Kind.OPENED, t0);
        Alert resolved = at(Alert.Kind.RESOLVED, t0.plusSeconds(600));
        Alert reopened = at(Alert.Kind.OPENED, t0.plusSeconds(900));

        assertInstanceOf(AlertDelivery.Done.class, d.deliver(message(opened)));
        AlertDelivery.Held held = assertInstanceOf(AlertDelivery.Held.class, d.deliver(message(resolved)));
        assertEquals(t0.plusSeconds(600).plus(Duration.ofMinutes(60)), held.until());
        assertInstanceOf(AlertDelivery.Done.class, d.deliver(message(reopened)));
        clock.advance(Duration.ofMinutes(75));
        assertInstanceOf(AlertDelivery.Done.class, d.deliver(message(resolved)), "the held copy comes due and is folded away");

        assertEquals(3, notifier.callsTo("siem").size(), "machines get every alert as it is");
        List<String> slack = notifier.callsTo("team-slack").stream().map(c -> c.payload().body()).toList();
        assertEquals(2, slack.size(), "people get: opened, then one flapping notice; the resolution in between is folded in");
        assertTrue(slack.get(1).contains("is flapping"), slack.get(1));
    }

    @Test
    void aHeldResolution_thatStaysResolved_isToldWhenDue_sayingItWasHeld() {
        AlertDelivery d = delivery(8, true);
        Alert resolved = at(Alert.Kind.RESOLVED, NoticeSamples.NOW.plusSeconds(600));
        d.deliver(message(at(Alert.Kind.OPENED, NoticeSamples.NOW)));
        assertInstanceOf(AlertDelivery.Held.class, d.deliver(message(resolved)));
        assertInstanceOf(AlertDelivery.Held.class, d.deliver(message(resolved)), "early: still held");
        clock.advance(Duration.ofMinutes(71));
        assertInstanceOf(AlertDelivery.Done.class, d.deliver(message(resolved)));
        String told = notifier.callsTo("team-slack").get(1).payload().body();
        assertTrue(told.contains("Told 1 h late"), told);
    }

    @Test
    void anAlertOlderThanWhatPeopleWereShown_isSkippedForThem_butTheSiemStillGetsIt() {
        AlertDelivery d = delivery(8, true);
        d.deliver(message(at(Alert.Kind.OPENED, NoticeSamples.NOW.plusSeconds(60))));
        d.deliver(message(at(Alert.Kind.CHANGED, NoticeSamples.NOW)));
        assertEquals(1, notifier.callsTo("team-slack").size());
        assertEquals(2, notifier.callsTo("siem").size());
    }
}
