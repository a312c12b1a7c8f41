package io.byokwatch.render.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Slack accepts from an incoming webhook, as far as our messages use it (Block Kit reference): at most 50 blocks,
 * a plain-text header of at most 150 characters, section and context texts of at most 3,000, at most 10 context
 * elements, a block_id of at most 255, a fallback {@code text}; in mrkdwn, {@code <} opens only a link or mention and
 * {@code &} only an entity; a rich_text block holds sections and preformatted parts of non-empty text, https links and
 * emoji, styled only by Slack's flags. Returns every breach, so a test can show them all.
 */
public final class SlackShape {
    private static final Set<String> BLOCK_TYPES = Set.of("header", "section", "divider", "context", "actions", "rich_text");
    private static final Set<String> RICH_PARTS = Set.of("rich_text_section", "rich_text_preformatted");
    private static final Set<String> STYLES = Set.of("bold", "italic", "strike", "code");
    private static final Pattern ANGLE = Pattern.compile("<([^<>]*)>");
    private static final Pattern AMP = Pattern.compile("&(?!amp;|lt;|gt;)");

    private SlackShape() {
    }

    public static List<String> problems(String payload) {
        List<String> p = new ArrayList<>();
        JsonObject o = JsonParser.parseString(payload).getAsJsonObject();
        if (!o.has("text") || o.get("text").getAsString().isBlank()) {
            p.add("text: the fallback for notifications is missing");
        }
        blocks(o.get("blocks"), "blocks", p);
        if (o.has("attachments")) {
            JsonArray a = o.getAsJsonArray("attachments");
            for (int i = 0; i < a.size(); i++) {
                JsonObject at = a.get(i).getAsJsonObject();
                if (at.has("color") && !at.get("color").getAsString().matches("#[0-9A-Fa-f]{6}|good|warning|danger")) {
                    p.add("attachments[" + i + "].color: not a colour");
                }
                blocks(at.get("blocks"), "attachments[" + i + "].blocks", p);
            }
        }
        return p;
    }

    private static void blocks(JsonElement e, String at, List<String> p) {
        if (e == null || !e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
            p.add(at + ": no blocks");
            return;
        }
        JsonArray blocks = e.getAsJsonArray();
        if (blocks.size() > SlackMessage.MAX_BLOCKS) {
            p.add(at + ": " + blocks.size() + " blocks, Slack takes at most 50");
        }
        for (int i = 0; i < blocks.size(); i++) {
            JsonObject b = blocks.get(i).getAsJsonObject();
            String where = at + "[" + i + "]";
            String type = b.get("type").getAsString();
            if (!BLOCK_TYPES.contains(type)) {
                p.add(where + ": unknown block type " + type);
            }
            if (b.has("block_id") && b.get("block_id").getAsString().length() > 255) {
                p.add(where + ".block_id: over 255 characters");
            }
            switch (type) {
                case "header" -> {
                    JsonObject t = b.getAsJsonObject("text");
                    if (!"plain_text".equals(t.get("type").getAsString())) {
                        p.add(where + ": a header takes plain_text only");
                    }
                    length(t, where + ".text", 150, p);
                }
                case "section" -> {
                    if (b.has("text")) {
                        text(b.getAsJsonObject("text"), where + ".text", 3000, p);
                    }
                    if (b.has("fields")) {
                        JsonArray f = b.getAsJsonArray("fields");
                        if (f.size() > 10) {
                            p.add(where + ".fields: more than 10");
                        }
                        for (int j = 0; j < f.size(); j++) {
                            text(f.get(j).getAsJsonObject(), where + ".fields[" + j + "]", 2000, p);
                        }
                    }
                    if (!b.has("text") && !b.has("fields")) {
                        p.add(where + ": a section needs text or fields");
                    }
                }
                case "context" -> {
                    JsonArray el = b.getAsJsonArray("elements");
                    if (el == null || el.isEmpty() || el.size() > 10) {
                        p.add(where + ".elements: 1 to 10 needed");
                    } else {
                        for (int j = 0; j < el.size(); j++) {
                            text(el.get(j).getAsJsonObject(), where + ".elements[" + j + "]", 3000, p);
                        }
                    }
                }
                case "rich_text" -> richText(b, where, p);
                case "divider" -> {
                    if (b.size() > 2) {
                        p.add(where + ": a divider has no content");
                    }
                }
                default -> {
                }
            }
        }
    }

    private static void richText(JsonObject b, String where, List<String> p) {
        JsonArray parts = b.getAsJsonArray("elements");
        if (parts == null || parts.isEmpty()) {
            p.add(where + ".elements: a rich_text block needs at least one part");
            return;
        }
        for (int i = 0; i < parts.size(); i++) {
            JsonObject part = parts.get(i).getAsJsonObject();
            String at = where + ".elements[" + i + "]";
            if (!RICH_PARTS.contains(part.get("type").getAsString())) {
                p.add(at + ": unknown rich text part " + part.get("type").getAsString());
            }
            JsonArray inline = part.getAsJsonArray("elements");
            if (inline == null || inline.isEmpty()) {
                p.add(at + ".elements: empty");
                continue;
            }
            for (int j = 0; j < inline.size(); j++) {
                JsonObject e = inline.get(j).getAsJsonObject();
                String w = at + ".elements[" + j + "]";
                switch (e.get("type").getAsString()) {
                    case "text" -> {
                        if (!e.has("text") || e.get("text").getAsString().isEmpty()) {
                            p.add(w + ": empty text (Slack refuses it)");
                        }
                    }
                    case "link" -> {
                        if (!e.has("url") || !e.get("url").getAsString().startsWith("https://")) {
                            p.add(w + ": a link needs an https url");
                        }
                    }
                    case "emoji" -> {
                        if (!e.has("name") || !e.get("name").getAsString().matches("[a-z0-9_+-]+")) {
                            p.add(w + ": an emoji needs a short name");
                        }
                    }
                    default -> p.add(w + ": unknown rich text element " + e.get("type").getAsString());
                }
                if (e.has("style")) {
                    for (String flag : e.getAsJsonObject("style").keySet()) {
                        if (!STYLES.contains(flag)) {
                            p.add(w + ".style: unknown flag " + flag);
                        }
                    }
                }
            }
        }
    }

    private static void text(JsonObject t, String where, int max, List<String> p) {
        String type = t.get("type").getAsString();
        if (!type.equals("mrkdwn") && !type.equals("plain_text")) {
            p.add(where + ": text type " + type);
        }
        length(t, where, max, p);
        if (type.equals("mrkdwn")) {
            String s = t.get("text").getAsString();
            Matcher m = ANGLE.matcher(s);
            String outside = m.replaceAll(r -> r.group(1).matches("(https://|@|#|!).*") ? "" : "\u0000");
            if (outside.contains("<") || outside.contains(">") || outside.contains("\u0000")) {
                p.add(where + ": a raw < or > that is not a link (Slack swallows it; escape as &lt; &gt;)");
            }
            if (AMP.matcher(s).find()) {
                p.add(where + ": a raw & (escape as &amp;)");
            }
        }
    }

    private static void length(JsonObject t, String where, int max, List<String> p) {
        String s = t.get("text").getAsString();
        if (s.isEmpty() || s.length() > max) {
            p.add(where + ": " + s.length() + " characters, Slack takes 1 to " + max);
        }
    }
}
