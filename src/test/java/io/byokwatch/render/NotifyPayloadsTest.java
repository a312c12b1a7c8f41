package io.byokwatch.render;

import io.byokwatch.render.alert.AlertJson;
import io.byokwatch.render.alert.PortalLinks;
import io.byokwatch.render.slack.SlackMessage;
import io.byokwatch.render.slack.SlackShape;
import io.byokwatch.render.teams.TeamsCard;
import io.byokwatch.render.teams.TeamsShape;
import io.byokwatch.render.terminal.TerminalNotice;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.Notice;
import io.byokwatch.domain.Reminder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Slack, Teams and terminal renderings of every kind of notice: checked against the shapes the services accept, and
 * kept as golden files a reviewer can read ({@code src/test/resources/notify/}).
 */
public class NotifyPayloadsTest {
    private static final PortalLinks PUBLIC = PortalLinks.forCloud("AzureCloud");
    private final SlackMessage slack = new SlackMessage(PUBLIC);
    private final TeamsCard teams = new TeamsCard(PUBLIC);
    private final TerminalNotice terminal = new TerminalNotice(PUBLIC);

    private static Map<String, Notice> notices() {
        return Map.of("opened", Notice.of(NoticeSamples.opened()), "changed", Notice.of(NoticeSamples.changed()),
                "resolved", Notice.of(NoticeSamples.resolved()), "deleted", Notice.of(NoticeSamples.deleted()),
                "flapping", NoticeSamples.flapping(), "critical", Notice.of(NoticeSamples.claimsOpened()),
                "huge", Notice.of(NoticeSamples.huge()),
                "resolved-held", new Notice(NoticeSamples.resolved(), false, List.of(), Duration.ofMinutes(60)));
    }

    private static String pretty(String json) {
        return PrettyJson.write(JsonParser.parseString(json));
    }

    @Test
    void goldens_slackTeamsAndTerminal_forEachKindOfNotice() {
        for (String name : List.of("opened", "changed", "resolved", "deleted", "flapping", "critical")) {
            Notice n = notices().get(name);
            Goldens.assertMatchesIn("notify", "slack-" + name + ".json", pretty(slack.notice(n)));
            Goldens.assertMatchesIn("notify", "teams-" + name + ".json", pretty(teams.notice(n)));
            Goldens.assertMatchesIn("notify", "terminal-" + name + ".txt", terminal.notice(n));
        }
        Reminder r = NoticeSamples.reminder();
        Goldens.assertMatchesIn("notify", "slack-reminder.json", pretty(slack.reminder(r)));
        Goldens.assertMatchesIn("notify", "teams-reminder.json", pretty(teams.reminder(r)));
        Goldens.assertMatchesIn("notify", "terminal-reminder.txt", terminal.reminder(r));
        Goldens.assertMatchesIn("notify", "webhook-opened.json", pretty(new AlertJson().encode(NoticeSamples.opened())));
    }

    @Test
    void everyNotice_isAMessageSlackAndTeamsAccept() {
        List<String> problems = new ArrayList<>();
        notices().forEach((name, n) -> {
            SlackShape.problems(slack.notice(n)).forEach(p -> problems.add("slack " + name + ": " + p));
            TeamsShape.problems(teams.notice(n)).forEach(p -> problems.add("teams " + name + ": " + p));
        });
        SlackShape.problems(slack.reminder(NoticeSamples.reminder())).forEach(p -> problems.add("slack reminder: " + p));
        TeamsShape.problems(teams.reminder(NoticeSamples.reminder())).forEach(p -> problems.add("teams reminder: " + p));
        assertEquals(List.of(), problems);
    }

    @Test
    void theShapeChecks_catchWhatSlackAndTeamsRefuse() {
        JsonObject ok = JsonParser.parseString(slack.notice(Notice.of(NoticeSamples.opened()))).getAsJsonObject();
        JsonArray blocks = ok.getAsJsonArray("blocks");
        blocks.get(0).getAsJsonObject().getAsJsonObject("text").addProperty("text", "x".repeat(151));
        blocks.set(1, SlackMessage.section("fix <kv-name> & go"));
        blocks.add(JsonParser.parseString("{\"type\":\"rich_text\",\"elements\":[{\"type\":\"rich_text_section\","
                + "\"elements\":[{\"type\":\"text\",\"text\":\"\"},{\"type\":\"link\",\"url\":\"http://x.example\"}]}]}"));
        while (blocks.size() < 51) {
            blocks.add(blocks.get(2).deepCopy());
        }
        ok.remove("text");
        List<String> slackProblems = SlackShape.problems(ok.toString());
        assertTrue(slackProblems.stream().anyMatch(p -> p.contains("51 blocks")), slackProblems.toString());
        assertTrue(slackProblems.stream().anyMatch(p -> p.contains("151 characters")), slackProblems.toString());
        assertTrue(slackProblems.stream().anyMatch(p -> p.contains("raw <")), slackProblems.toString());
        assertTrue(slackProblems.stream().anyMatch(p -> p.contains("raw &")), slackProblems.toString());
        assertTrue(slackProblems.stream().anyMatch(p -> p.contains("fallback")), slackProblems.toString());
        assertTrue(slackProblems.stream().anyMatch(p -> p.contains("empty text")), slackProblems.toString());
        assertTrue(slackProblems.stream().anyMatch(p -> p.contains("https url")), slackProblems.toString());

        JsonObject card = JsonParser.parseString(teams.notice(Notice.of(NoticeSamples.opened()))).getAsJsonObject();
        JsonObject content = card.getAsJsonArray("attachments").get(0).getAsJsonObject().getAsJsonObject("content");
        content.addProperty("version", "1.6");
        content.getAsJsonArray("body").get(0).getAsJsonObject().getAsJsonArray("inlines").get(0).getAsJsonObject()
                .addProperty("color", "Red");
        content.getAsJsonArray("body").add(JsonParser.parseString("{\"type\":\"TextBlock\",\"text\":\"" + "x".repeat(30_000) + "\"}"));
        List<String> teamsProblems = TeamsShape.problems(card.toString());
        assertTrue(teamsProblems.stream().anyMatch(p -> p.contains("1.6")), teamsProblems.toString());
        assertTrue(teamsProblems.stream().anyMatch(p -> p.contains("'Red'")), teamsProblems.toString());
        assertTrue(teamsProblems.stream().anyMatch(p -> p.contains("bytes")), teamsProblems.toString());
    }

    @Test
    void aHugeAlert_fillsSlacksFiftyBlocks_andSaysHowManyFindingsItLeftOut() {
        Alert huge = NoticeSamples.huge();
        JsonObject m = JsonParser.parseString(slack.notice(Notice.of(huge))).getAsJsonObject();
        JsonArray blocks = m.getAsJsonArray("blocks");
        assertTrue(blocks.size() <= 50, "blocks: " + blocks.size());
        int shown = 0;
        for (JsonElement b : blocks) {
            // a finding block opens with its severity, then its rule id as inline code
            String json = b.toString();
            if (json.matches("(?s).*\"text\":\"(aks|des)-[a-z-]+\",\"style\":\\{\"code\":true}.*")) {
                shown++;
            }
        }
        String all = blocks.toString();
        int left = huge.findings().size() - shown;
        assertTrue(left > 0, "64 long findings do not fit one message");
        assertTrue(all.contains("and " + left + " more findings"), all);
        String header = blocks.get(0).getAsJsonObject().getAsJsonObject("text").get("text").getAsString();
        assertEquals(150, header.length(), "the very long cluster name is cut to the header limit");
        assertTrue(header.endsWith("\u2026"));
    }

    @Test
    void aHugeAlert_staysUnderTeams28KB_andSaysHowManyFindingsItLeftOut() {
        Alert huge = NoticeSamples.huge();
        String card = teams.notice(Notice.of(huge));
        assertTrue(card.getBytes(StandardCharsets.UTF_8).length <= TeamsCard.MAX_BYTES, card.length() + " bytes");
        JsonArray body = JsonParser.parseString(card).getAsJsonObject().getAsJsonArray("attachments").get(0)
                .getAsJsonObject().getAsJsonObject("content").getAsJsonArray("body");
        long containers = body.asList().stream().filter(e -> e.getAsJsonObject().get("type").getAsString().equals("Container")).count();
        assertTrue(card.contains("and " + (huge.findings().size() - containers) + " more findings"), card);
        // the share of the card, not a count of findings: remediation scripts differ in length from rule to rule
        long findingBytes = body.asList().stream().filter(e -> e.getAsJsonObject().get("type").getAsString().equals("Container"))
                .mapToLong(e -> e.toString().getBytes(StandardCharsets.UTF_8).length).sum();
        assertTrue(containers >= 5 && findingBytes * 10 >= card.getBytes(StandardCharsets.UTF_8).length * 8L,
                "most of the budget goes to findings: " + containers + " of them, " + findingBytes + " of " + card.length() + " bytes");
    }

    @Test
    void slack_saysWhoChangedWhatWhen_andGivesThisClustersAzCommands_asGiven() {
        String m = slack.notice(Notice.of(NoticeSamples.opened()));
        assertTrue(m.contains("maria.lopez@contoso.example"), m);
        assertTrue(m.contains("2026-12-01 09:28 UTC"), "event time, to the minute: " + m);
        assertTrue(m.contains("az aks create -g rg-checkout -n aks-checkout-hotfix-byok"), m);
        assertTrue(m.contains("KEY_ID=$(az keyvault key show"), "commands pass values on in shell variables, never as"
                + " <placeholders> bash would read as redirections: " + m);
        assertTrue(m.contains("\"rich_text_preformatted\""), "commands are a code block people copy whole: " + m);
        assertFalse(m.contains("Terraform:"), "chat shows the az steps; Terraform stays in the alert JSON");
        assertTrue(m.contains("{\"type\":\"link\",\"url\":\"https://portal.azure.com/#@/resource" + NoticeSamples.HOTFIX
                + "\",\"text\":\"aks-checkout-hotfix\"}"), m);
        assertTrue(m.contains(NoticeSamples.opened().alertId()), "the idempotency key is in every payload");
    }

    @Test
    void resolved_getsAShortGreenNote_withHowLongItWasOpen() {
        JsonObject m = JsonParser.parseString(slack.notice(Notice.of(NoticeSamples.resolved()))).getAsJsonObject();
        JsonObject green = m.getAsJsonArray("attachments").get(0).getAsJsonObject();
        assertEquals("#2EB67D", green.get("color").getAsString());
        String note = green.toString();
        assertTrue(note.contains("open 3 h 12 min"), note);
        assertTrue(teams.notice(Notice.of(NoticeSamples.resolved())).contains("\"color\":\"Good\""));
        assertTrue(slack.notice(new Notice(NoticeSamples.resolved(), false, List.of(), Duration.ofMinutes(60)))
                .contains("Told 1 h late"));
    }

    @Test
    void portalLinks_goToThePortalOfTheWatchedCloud() {
        for (Map.Entry<String, String> e : Map.of("AzureCloud", "portal.azure.com", "AzureUSGovernment", "portal.azure.us",
                "AzureChinaCloud", "portal.azure.cn").entrySet()) {
            PortalLinks links = PortalLinks.forCloud(e.getKey());
            String expected = "https://" + e.getValue() + "/#@/resource" + NoticeSamples.HOTFIX;
            assertTrue(new SlackMessage(links).notice(Notice.of(NoticeSamples.opened())).contains(expected), e.getKey());
            assertTrue(new TeamsCard(links).notice(Notice.of(NoticeSamples.opened())).contains(expected), e.getKey());
            assertTrue(new TerminalNotice(links).notice(Notice.of(NoticeSamples.opened())).contains(expected), e.getKey());
        }
        assertThrows(IllegalArgumentException.class, () -> PortalLinks.forCloud("AzureGermanCloud"));
    }

    @Test
    void terminal_keepsTo100Columns_exceptLinks_andItsCommandsPasteBackWhole() {
        String t = terminal.notice(Notice.of(NoticeSamples.claimsOpened()));
        for (String line : t.split("\n")) {
            boolean oneUnbreakableWord = !line.strip().replace(" \\", "").contains(" ");
            assertTrue(line.length() <= TerminalNotice.WIDTH || line.contains("https://") || oneUnbreakableWord, line);
        }
        String joined = t.replace(" \\\n" + " ".repeat(10), " ");
        assertTrue(joined.contains("$ az role assignment create --role \"Key Vault Crypto Service Encryption User\""
                + " --assignee-object-id \"$PRINCIPAL\""), joined);
        assertFalse(t.contains("{\""), "text for people, not JSON");
        String opened = terminal.notice(Notice.of(NoticeSamples.opened()));
        assertTrue(opened.contains("# once per subscription\n"), opened);
        for (String line : opened.split("\n")) {
            assertFalse(line.contains("# ") && line.endsWith("\\"),
                    "a comment is never continued with a backslash, which would run its tail as a command: " + line);
        }
    }

    @Test
    void flapping_listsTheTransitions_inEveryFormat() {
        Notice n = NoticeSamples.flapping();
        for (String m : List.of(slack.notice(n), teams.notice(n), terminal.notice(n))) {
            assertTrue(m.contains("opened 08:49, resolved 09:01, opened 09:30 UTC"), m);
            assertTrue(m.contains("is flapping"), m);
        }
    }
}
