package io.byokwatch.render;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.domain.Actor;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.Notice;
import io.byokwatch.domain.ResourceId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names that come from the estate or from an event's claims reach Teams as plain TextRuns: never in a TextBlock or
 * fact, where Teams reads Markdown. A caller can name an application anything, including a Markdown link.
 */
class TeamsUntrustedTextTest {
    private static final String LINK_CALLER = "[Approve the fix](https://evil.example/phish)";
    private static final ResourceId UNDERSCORED = ResourceId.parse("/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01"
            + "/resourceGroups/rg_pay_prod/providers/Microsoft.ContainerService/managedClusters/aks_pay_eu");

    private static Alert hostile() {
        Alert a = NoticeSamples.opened();
        Alert.Trigger t = a.trigger();
        Alert.Trigger byLink = new Alert.Trigger(t.eventId(), t.eventType(), t.operationName(), UNDERSCORED, t.eventTime(),
                new Actor(null, LINK_CALLER, null, null), t.route());
        List<Finding> findings = a.findings().stream().map(f -> new Finding(f.ruleId(), f.severity(),
                ResourceId.parse(underscored(f.resourceId().toString())), f.title(), underscored(f.message()),
                underscored(f.remediation()), f.evidence(), f.references())).toList();
        return new Alert(a.alertId(), a.kind(), UNDERSCORED, "aks_pay_eu", a.subscriptionId(), a.status(), a.previousStatus(),
                findings, a.resolvedFindingKeys(), byLink, a.detectedAt(), a.openSince(), a.sequence(), a.clusterTags());
    }

    /** The sample estate's names, as names with underscores (which Azure allows for groups and clusters). */
    private static String underscored(String s) {
        return s == null ? null : s.replace("rg-checkout", "rg_pay_prod").replace("aks-checkout-hotfix", "aks_pay_eu");
    }

    @Test
    void aCallerNamedLikeAMarkdownLink_andUnderscoredNames_areShownAsGiven_neverAsMarkdown() {
        String card = new TeamsCard(PortalLinks.forCloud("AzureCloud")).notice(Notice.of(hostile()));
        List<String> markdownTexts = new ArrayList<>();
        List<String> plainRuns = new ArrayList<>();
        collect(JsonParser.parseString(card), markdownTexts, plainRuns);

        assertTrue(plainRuns.contains(LINK_CALLER), plainRuns.toString());
        assertTrue(plainRuns.contains("aks_pay_eu"), plainRuns.toString());
        assertTrue(plainRuns.contains("rg_pay_prod"), plainRuns.toString());
        for (String t : markdownTexts) {
            assertFalse(t.contains("evil.example") || t.contains("aks_pay_eu") || t.contains("rg_pay_prod"),
                    "reached Teams as Markdown: " + t);
        }
        assertTrue(plainRuns.stream().anyMatch(r -> r.contains("--resource-group rg_pay_prod") || r.contains("-g rg_pay_prod")),
                "the fix commands keep their underscores, so they can be copied as they are: " + plainRuns);
        assertEquals(List.of(), TeamsShape.problems(card));
    }

    /** TextBlock text and fact titles and values are Markdown in Teams; TextRun text is not. */
    private static void collect(JsonElement e, List<String> markdown, List<String> plain) {
        if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> collect(x, markdown, plain));
            return;
        }
        if (!e.isJsonObject()) {
            return;
        }
        JsonObject o = e.getAsJsonObject();
        String type = o.has("type") ? o.get("type").getAsString() : "";
        if (type.equals("TextBlock")) {
            markdown.add(o.get("text").getAsString());
        } else if (type.equals("TextRun")) {
            plain.add(o.get("text").getAsString());
        } else if (o.has("title") && o.has("value")) {
            markdown.add(o.get("title").getAsString() + " " + o.get("value").getAsString());
        }
        o.entrySet().forEach(x -> collect(x.getValue(), markdown, plain));
    }
}
