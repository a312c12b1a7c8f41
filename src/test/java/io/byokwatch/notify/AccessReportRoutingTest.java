package io.byokwatch.notify;

import io.byokwatch.domain.Severity;
import io.byokwatch.render.NoticeSamples;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Which channels get the nightly access report (route kind access-report), and what the loader refuses about it. */
class AccessReportRoutingTest {
    private static NotifyConfig config(String routes) {
        return new NotifyConfigLoader(NotifyConfigLoaderTest.env()).parse("""
                {"channels": {"payments-slack": {"type": "slack", "urlSetting": "SLACK_PAYMENTS_URL"},
                              "sec-teams": {"type": "teams", "urlSetting": "TEAMS_SEC_URL"},
                              "siem": {"type": "webhook", "urlSetting": "SIEM_URL", "secretSetting": "SIEM_SECRET"}},
                 "routes": %s, "default": ["sec-teams"]}
                """.formatted(routes), "notify.json", Path.of(".")).config();
    }

    @Test
    void withoutARouteNamingIt_theDefaultChannelsGetIt_notRoutesWrittenForClusterAlerts() {
        NotifyConfig c = config("[{\"match\": {}, \"channels\": [\"siem\"]}]");
        assertEquals(List.of("sec-teams"), c.accessReportChannels(Severity.CRITICAL));
        assertEquals(List.of("sec-teams"), c.accessReportChannels(null));
        assertEquals(List.of("siem"), c.channelsFor(NoticeSamples.opened()), "cluster alerts route as before");
    }

    @Test
    void onceARouteNamesIt_onlyThoseRoutesGetIt_andMinSeverityLooksAtTheWorstAnomaly() {
        NotifyConfig c = config("""
                [{"match": {"kinds": ["access-report"]}, "channels": ["siem"]},
                 {"match": {"kinds": ["access-report"], "minSeverity": "high"}, "channels": ["payments-slack"]},
                 {"match": {}, "channels": ["sec-teams"]}]""");
        assertEquals(List.of("siem", "payments-slack"), c.accessReportChannels(Severity.CRITICAL));
        assertEquals(List.of("siem"), c.accessReportChannels(Severity.MEDIUM));
        assertEquals(List.of("siem", "payments-slack"), c.accessReportChannels(null),
                "a quiet night is told to every channel that asked, so silence never means the job did not run");
    }

    @Test
    void routesNamingOnlyAccessReport_takeNoClusterAlerts() {
        NotifyConfig c = config("[{\"match\": {\"kinds\": [\"ACCESS-REPORT\"]}, \"channels\": [\"payments-slack\"]}]");
        assertEquals(List.of("payments-slack"), c.accessReportChannels(Severity.LOW), "kinds compare case-insensitively");
        assertEquals(List.of("sec-teams"), c.channelsFor(NoticeSamples.opened()));
    }

    @Test
    void estateWideReport_refusesSubscriptionGroupAndTagFilters() {
        for (String filter : List.of("\"subscriptions\": [\"6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01\"]",
                "\"resourceGroups\": [\"rg-checkout\"]", "\"tags\": {\"owner-team\": [\"payments\"]}")) {
            NotifyConfigException e = assertThrows(NotifyConfigException.class, () -> config(
                    "[{\"match\": {\"kinds\": [\"opened\", \"access-report\"], " + filter + "}, \"channels\": [\"siem\"]}]"));
            assertTrue(String.join("\n", e.problems()).contains("routes[0].match.kinds: the access report covers the whole"
                    + " estate"), filter + ": " + e.problems());
        }
    }
}
