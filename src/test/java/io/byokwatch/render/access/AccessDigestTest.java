package io.byokwatch.render.access;

import io.byokwatch.render.Goldens;
import io.byokwatch.render.PrettyJson;
import io.byokwatch.render.slack.SlackAccessDigest;
import io.byokwatch.render.slack.SlackMessage;
import io.byokwatch.render.slack.SlackShape;
import io.byokwatch.render.teams.TeamsAccessDigest;
import io.byokwatch.render.teams.TeamsCard;
import io.byokwatch.render.teams.TeamsShape;
import io.byokwatch.render.terminal.TerminalAccessDigest;
import io.byokwatch.render.terminal.TerminalNotice;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.access.AccessReport;
import io.byokwatch.access.Anomaly;
import io.byokwatch.domain.Caller;
import io.byokwatch.domain.Severity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The access report digests for Slack, Teams and the terminal, kept as golden files a reviewer can read
 * ({@code src/test/resources/notify/}), checked against what the services accept, and the webhook body.
 */
public class AccessDigestTest {
    private static final String FILE = "access-report-20261201T0200Z.html";
    private final SlackAccessDigest slack = new SlackAccessDigest();
    private final TeamsAccessDigest teams = new TeamsAccessDigest();
    private final TerminalAccessDigest terminal = new TerminalAccessDigest();

    private static String pretty(String json) {
        return PrettyJson.write(JsonParser.parseString(json));
    }

    /** Twelve anomalies whose explanations are far longer than any detector writes, to push every limit. */
    private static AccessReport crowded() {
        List<Anomaly> many = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            many.add(new Anomaly("volume-spike", i < 3 ? Severity.HIGH : Severity.LOW, 90 - i, "kv-" + "x".repeat(60) + i,
                    "key-" + i, "KeyUnwrap", new Caller("3d1f6b9e-7a42-4c8e-9b15-6e0a2c4d8f7" + (i % 10), "app-" + i, "svc" + i
                    + "@contoso.example"), "10.0.0." + i, 1000L * (i + 1), 12.345, AccessReports.START, AccessReports.END,
                    ("Unwrap volume <" + i + "> & far above the baseline. ").repeat(200).trim(), "AZKVAuditLogs",
                    AccessReports.chart(3, 1000)));
        }
        List<String> notes = List.of("one", "two", "three", "four", "five").stream().map(n -> "Note " + n + ".").toList();
        return AccessReports.report(many, List.of(), notes);
    }

    @Test
    void goldens_slackTeamsAndTerminal_forANightWithAnomalies_andAQuietOne() {
        AccessReport full = AccessReports.full();
        Goldens.assertMatchesIn("notify", "slack-access-report.json", pretty(slack.digest(full, FILE)));
        Goldens.assertMatchesIn("notify", "teams-access-report.json", pretty(teams.digest(full, FILE)));
        Goldens.assertMatchesIn("notify", "terminal-access-report.txt", terminal.digest(full, FILE));
        AccessReport quiet = AccessReports.quiet();
        Goldens.assertMatchesIn("notify", "slack-access-report-quiet.json", pretty(slack.digest(quiet, null)));
        Goldens.assertMatchesIn("notify", "teams-access-report-quiet.json", pretty(teams.digest(quiet, null)));
        Goldens.assertMatchesIn("notify", "terminal-access-report-quiet.txt", terminal.digest(quiet, null));
    }

    @Test
    void aQuietNight_saysNothingUnusual_inEveryDigest() {
        AccessReport quiet = AccessReports.quiet();
        for (String digest : List.of(slack.digest(quiet, FILE), teams.digest(quiet, FILE), terminal.digest(quiet, FILE))) {
            assertTrue(digest.toLowerCase(java.util.Locale.ROOT).contains("nothing unusual"), digest);
            assertTrue(digest.contains(FILE), digest);
        }
    }

    @Test
    void theTopFive_areShown_andTheRestCountedWithWhereTheFullReportIs() {
        AccessReport r = crowded();
        for (String wrapped : List.of(slack.digest(r, FILE), teams.digest(r, FILE), terminal.digest(r, FILE))) {
            String digest = wrapped.replaceAll("\\s+", " ");
            assertTrue(digest.contains("key-4"), "fifth shown");
            assertFalse(digest.contains("key-5"), "sixth left for the full report");
            assertTrue(digest.contains("and 7 more anomalies not shown here"), digest);
            assertTrue(digest.contains("Full report, with the KQL behind each anomaly: " + FILE), digest);
            assertTrue(digest.contains("1,000 events vs 12.3 expected"), digest);
        }
        assertTrue(terminal.digest(r, null).replaceAll("\\s+", " ").contains("set BYOKWATCH_ACCESS_REPORT_CONTAINER or BYOKWATCH_ACCESS_REPORT_DIR"), "an unsaved report says so");
    }

    @Test
    void everyDigest_staysWithinWhatSlackAndTeamsAccept() {
        List<String> problems = new ArrayList<>();
        for (AccessReport r : List.of(AccessReports.full(), AccessReports.quiet(), crowded())) {
            String s = slack.digest(r, FILE);
            String t = teams.digest(r, FILE);
            SlackShape.problems(s).forEach(p -> problems.add("slack: " + p));
            TeamsShape.problems(t).forEach(p -> problems.add("teams: " + p));
            JsonObject message = JsonParser.parseString(s).getAsJsonObject();
            assertTrue(message.getAsJsonArray("blocks").size() <= SlackMessage.MAX_BLOCKS);
            message.getAsJsonArray("blocks").forEach(b -> assertTrue(b.toString().length() < SlackMessage.MAX_TEXT + 200));
            assertTrue(t.getBytes(StandardCharsets.UTF_8).length < TeamsCard.MAX_BYTES, "Teams refuses over 28 KB");
            for (String line : terminal.digest(r, FILE).split("\n")) {
                assertTrue(line.length() <= TerminalNotice.WIDTH || !line.contains(" "), line);
            }
        }
        assertEquals(List.of(), problems);
        String crowdedSlack = slack.digest(crowded(), FILE);
        assertTrue(crowdedSlack.contains("\"<3> & far") || crowdedSlack.contains(" <3> & far"),
                "explanations travel as rich text, shown as written: " + crowdedSlack);
        assertFalse(crowdedSlack.contains("&lt;3&gt;"), "rich text is not markup, so nothing is escaped in it");
        assertTrue(crowdedSlack.contains("and 2 more notes in the full report"), "notes are capped too");
    }

    @Test
    void theWebhookBody_isTheAccessReportJsonContract() {
        AccessReport full = AccessReports.full();
        String body = new JsonAccessDigest().digest(full, FILE);
        assertEquals(JsonParser.parseString(new AccessJsonRenderer().render(full)), JsonParser.parseString(body));
        assertFalse(body.contains("\n"), "one line, for JSON-lines outputs");
        assertFalse(body.contains(FILE), "where it was saved is for people, not part of the contract");
    }
}
