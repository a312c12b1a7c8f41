package io.byokwatch.notify;

import io.byokwatch.domain.Alert;
import io.byokwatch.domain.Tags;
import io.byokwatch.render.NoticeSamples;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Which channels an alert goes to, on the example config. */
class RoutingTest {
    private final NotifyConfig config = new NotifyConfigLoader(NotifyConfigLoaderTest.env())
            .parse(NotifyConfigLoaderTest.EXAMPLE, "notify.json", Path.of(".")).config();

    private static Alert withTags(Alert a, Map<String, String> tags) {
        return new Alert(a.alertId(), a.kind(), a.clusterId(), a.clusterName(), a.subscriptionId(), a.status(),
                a.previousStatus(), a.findings(), a.resolvedFindingKeys(), a.trigger(), a.detectedAt(), a.openSince(),
                a.sequence(), new Tags(tags));
    }

    @Test
    void everyMatchingRoute_delivers_inConfigOrder() {
        assertEquals(List.of("payments-slack", "siem"), config.channelsFor(NoticeSamples.opened()));
    }

    @Test
    void tags_matchCaseInsensitively_inNameAndValue() {
        Alert upper = withTags(NoticeSamples.opened(), Map.of("Owner-Team", "CHECKOUT"));
        assertEquals(List.of("payments-slack", "siem"), config.channelsFor(upper));
        Alert other = withTags(NoticeSamples.opened(), Map.of("owner-team", "platform"));
        assertEquals(List.of("siem"), config.channelsFor(other));
    }

    @Test
    void kindAndMinimumSeverity_narrowARoute() {
        Alert lowOnly = new Alert("x", Alert.Kind.OPENED, NoticeSamples.HOTFIX, "aks-checkout-hotfix", NoticeSamples.PAY,
                NoticeSamples.opened().status(), null,
                NoticeSamples.opened().findings().stream().filter(f -> f.severity().label().equals("low")).toList(),
                List.of(), NoticeSamples.opened().trigger(), NoticeSamples.NOW, NoticeSamples.NOW, 1, NoticeSamples.CHECKOUT);
        assertEquals(List.of("siem"), config.channelsFor(lowOnly), "low is below the payments route's minSeverity high");
        Alert deleted = withTags(NoticeSamples.deleted(), Map.of("owner-team", "checkout"));
        assertEquals(List.of("siem"), config.channelsFor(deleted), "the payments route takes opened and changed only");
    }

    @Test
    void aResolution_passesMinSeverity_soWhoeverSawItOpenSeesItClose() {
        RouteMatch highOnly = new RouteMatch(java.util.Set.of(), java.util.Set.of(), Map.of(), java.util.Set.of(),
                io.byokwatch.domain.Severity.HIGH);
        Alert r = NoticeSamples.resolved();
        assertTrue(highOnly.matches(new RouteMatch.Facts(r.subscriptionId(), "rg-claims", r.clusterTags(), "resolved", r.maxSeverity())));
    }

    @Test
    void theDefault_catchesWhatNoRouteMatched_only() {
        NotifyConfig noCatchAll = new NotifyConfig(config.channels(), List.of(config.routes().get(0)), config.defaultChannels(),
                config.flapWindow(), config.dailyReminder(), config.maxAttempts(), config.timeout(), false);
        assertEquals(List.of("payments-slack"), noCatchAll.channelsFor(NoticeSamples.opened()));
        assertEquals(List.of("sec-teams"), noCatchAll.channelsFor(NoticeSamples.resolved()));
    }

    @Test
    void reminders_goOnlyToChannelsForPeople() {
        var c = NoticeSamples.reminder().clusters().get(2);
        assertEquals(List.of(), config.reminderChannelsFor(c, NoticeSamples.CHECKOUT),
                "the payments route takes opened/changed and the catch-all goes to the SIEM: machines get no reminders");
        NotifyConfig withReminders = new NotifyConfigLoader(NotifyConfigLoaderTest.env()).parse(
                NotifyConfigLoaderTest.EXAMPLE.replace("\"kinds\": [\"opened\", \"changed\"]", "\"kinds\": [\"opened\", \"reminder\"]"),
                "notify.json", Path.of(".")).config();
        assertEquals(List.of("payments-slack"), withReminders.reminderChannelsFor(c, NoticeSamples.CHECKOUT));
    }

    @Test
    void theTerminal_canBeAddedToEveryRoute() {
        NotifyConfig plus = config.withChannelEverywhere(new Channel("stdout", ChannelType.STDOUT, true, 0));
        assertEquals(List.of("payments-slack", "stdout", "siem"), plus.channelsFor(NoticeSamples.opened()));
        assertThrows(IllegalArgumentException.class, () -> plus.withChannelEverywhere(new Channel("stdout", ChannelType.STDOUT, true, 0)));
    }
}
