package io.byokwatch.render.slack;

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
 * Names that come from the estate or from an event's claims reach Slack as rich text elements: never inside mrkdwn,
 * which has no escape for {@code *}, {@code _} and {@code ~} and would turn {@code aks_pay_eu} into italics and a
 * caller's display name into bold, struck-through or linked text.
 */
public class SlackUntrustedTextTest {
    private static final String MRKDWN_CALLER = "*Security team* says ~ignore~ <https://evil.example/phish|Approve>";
    private final SlackMessage slack = new SlackMessage(PortalLinks.forCloud("AzureCloud"));

    @Test
    void aCallerWritingMrkdwn_andUnderscoredNames_areShownAsGiven_neverAsMarkup() {
        String message = slack.notice(Notice.of(NoticeSamples.hostile(MRKDWN_CALLER)));
        List<String> mrkdwn = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        collect(JsonParser.parseString(message).getAsJsonObject().get("blocks"), mrkdwn, plain);

        assertTrue(plain.contains(MRKDWN_CALLER), plain.toString());
        assertTrue(plain.contains("aks_pay_eu"), plain.toString());
        assertTrue(plain.contains("rg_pay_prod"), plain.toString());
        for (String t : mrkdwn) {
            assertFalse(t.contains("evil.example") || t.contains("aks_pay_eu") || t.contains("rg_pay_prod"),
                    "reached Slack as mrkdwn: " + t);
        }
        assertTrue(plain.stream().anyMatch(r -> r.contains("--resource-group rg_pay_prod") || r.contains("-g rg_pay_prod")),
                "the fix commands keep their underscores, so they can be copied as they are: " + plain);
        assertEquals(List.of(), SlackShape.problems(message));
    }

    @Test
    void theFallbackText_escapesWhatSlackWouldReadAsALink() {
        JsonObject message = JsonParser.parseString(slack.notice(Notice.of(NoticeSamples.hostile(MRKDWN_CALLER))))
                .getAsJsonObject();
        String fallback = message.get("text").getAsString();
        assertFalse(fallback.contains("<https://evil.example"), fallback);
        assertFalse(fallback.contains("https://"), "a bare URL Slack would turn into a link: " + fallback);
        assertTrue(fallback.contains("&lt;https:\u2060//evil.example/phish|Approve&gt;"), fallback);
        assertFalse(message.get("mrkdwn").getAsBoolean(), "the fallback must be plain text: *bold* and ~strike~ from a name");
    }

    /** mrkdwn text objects are markup in Slack; rich text elements and plain_text are not. */
    private static void collect(JsonElement e, List<String> mrkdwn, List<String> plain) {
        if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> collect(x, mrkdwn, plain));
            return;
        }
        if (!e.isJsonObject()) {
            return;
        }
        JsonObject o = e.getAsJsonObject();
        String type = o.has("type") ? o.get("type").getAsString() : "";
        if (type.equals("mrkdwn")) {
            mrkdwn.add(o.get("text").getAsString());
        } else if (type.equals("text") || type.equals("link")) {
            if (o.has("text")) {
                plain.add(o.get("text").getAsString());
            }
        }
        o.entrySet().forEach(x -> collect(x.getValue(), mrkdwn, plain));
    }
}
