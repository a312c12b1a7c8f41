package io.byokwatch.render.teams;

import io.byokwatch.render.NoticeSamples;
import io.byokwatch.render.alert.PortalLinks;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.domain.Notice;
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
public class TeamsUntrustedTextTest {
    @Test
    void aCallerNamedLikeAMarkdownLink_andUnderscoredNames_areShownAsGiven_neverAsMarkdown() {
        String card = new TeamsCard(PortalLinks.forCloud("AzureCloud")).notice(Notice.of(NoticeSamples.hostile()));
        List<String> markdownTexts = new ArrayList<>();
        List<String> plainRuns = new ArrayList<>();
        collect(JsonParser.parseString(card), markdownTexts, plainRuns);

        assertTrue(plainRuns.contains(NoticeSamples.LINK_CALLER), plainRuns.toString());
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
