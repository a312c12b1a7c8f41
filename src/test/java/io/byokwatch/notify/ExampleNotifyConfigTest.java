package io.byokwatch.notify;

import io.byokwatch.domain.Alert;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.Tags;
import io.byokwatch.render.NoticeSamples;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** examples/notify.json does what its description says, for every kind of alert and cluster. */
class ExampleNotifyConfigTest {
    private final NotifyConfig config = new NotifyConfigLoader(NotifyConfigLoaderTest.env())
            .load(Path.of("examples/notify.json")).config();

    private static Alert as(Alert a, Alert.Kind kind, Map<String, String> tags, List<Finding> findings) {
        return new Alert(a.alertId(), kind, a.clusterId(), a.clusterName(), a.subscriptionId(), a.status(), a.previousStatus(),
                findings, a.resolvedFindingKeys(), a.trigger(), a.detectedAt(), a.openSince(), a.sequence(), new Tags(tags));
    }

    private static List<Finding> only(Severity severity) {
        return NoticeSamples.opened().findings().stream().filter(f -> f.severity() == severity).toList();
    }

    @Test
    void aPaymentsClustersHighFinding_goesToItsSlack_andTheSiem() {
        Alert a = as(NoticeSamples.opened(), Alert.Kind.OPENED, Map.of("owner-team", "payments"), NoticeSamples.opened().findings());
        assertEquals(List.of("payments-slack", "siem"), config.channelsFor(a));
    }

    @Test
    void everyOtherClusterAlert_reachesTheDefaultTeamsChannel_andTheSiem() {
        Alert base = NoticeSamples.opened();
        assertEquals(List.of("sec-teams", "siem"), config.channelsFor(as(base, Alert.Kind.OPENED, Map.of("owner-team", "platform"),
                base.findings())), "a cluster no team route owns");
        assertEquals(List.of("sec-teams", "siem"), config.channelsFor(as(base, Alert.Kind.OPENED, Map.of(), base.findings())));
        assertFalse(only(Severity.LOW).isEmpty());
        assertEquals(List.of("sec-teams", "siem"), config.channelsFor(as(base, Alert.Kind.OPENED, Map.of("owner-team", "payments"),
                only(Severity.LOW))), "below the payments route's minimum severity");
        assertEquals(List.of("sec-teams", "siem"), config.channelsFor(as(NoticeSamples.deleted(), Alert.Kind.DELETED,
                Map.of("owner-team", "payments"), List.of())), "the payments route does not take deletions");
        assertEquals(List.of("sec-teams", "siem"), config.channelsFor(NoticeSamples.claimsOpened()), "another subscription");
    }

    @Test
    void theSiem_getsEveryClusterAlert_andEveryAlertReachesAPerson() {
        for (Alert.Kind kind : Alert.Kind.values()) {
            for (Map<String, String> tags : List.of(Map.of("owner-team", "payments"), Map.of("owner-team", "checkout"), Map.<String, String>of())) {
                for (Severity s : Severity.values()) {
                    List<String> to = config.channelsFor(as(NoticeSamples.opened(), kind, tags, only(s)));
                    assertTrue(to.contains("siem"), kind + " " + tags + " " + s + " -> " + to);
                    assertTrue(to.contains("payments-slack") || to.contains("sec-teams"), kind + " " + tags + " " + s + " -> " + to);
                }
            }
        }
    }

    @Test
    void theAccessReport_goesToTeamsAndTheSiem_andRemindersOnlyToPeople() {
        assertEquals(List.of("sec-teams", "siem"), config.accessReportChannels(null));
        assertEquals(List.of("sec-teams", "siem"), config.accessReportChannels(Severity.CRITICAL));
        var open = NoticeSamples.reminder().clusters().get(0);
        List<String> reminded = config.reminderChannelsFor(open, new Tags(Map.of("owner-team", "platform")));
        assertEquals(List.of("sec-teams"), reminded);
    }
}
