package io.byokwatch.render.teams;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;

/**
 * What a Teams Workflows webhook accepts, as far as our cards use it: a {@code message} with one Adaptive Card
 * attachment, card schema version at most 1.5 (what Teams renders for workflow posts), known element types and
 * property values of that schema, https links, and at most 28 KB in all. Returns every breach.
 */
public final class TeamsShape {
    private static final Set<String> ELEMENTS = Set.of("TextBlock", "FactSet", "Container", "ColumnSet", "ActionSet",
            "RichTextBlock", "Image");
    private static final Map<String, Set<String>> TEXTBLOCK = Map.of(
            "size", Set.of("Default", "Small", "Medium", "Large", "ExtraLarge"),
            "weight", Set.of("Default", "Lighter", "Bolder"),
            "color", Set.of("Default", "Dark", "Light", "Accent", "Good", "Warning", "Attention"),
            "spacing", Set.of("None", "Small", "Default", "Medium", "Large", "ExtraLarge", "Padding"),
            "fontType", Set.of("Default", "Monospace"),
            "style", Set.of("default", "heading"));
    private static final Set<String> TEXTBLOCK_FIELDS = Set.of("type", "text", "wrap", "size", "weight", "color", "spacing",
            "fontType", "style", "isSubtle", "separator", "maxLines", "horizontalAlignment", "id");

    private static final Set<String> TEXTRUN_FIELDS = Set.of("type", "text", "size", "weight", "color", "fontType",
            "isSubtle", "italic", "strikethrough", "underline", "highlight", "selectAction");
    private static final Set<String> RICHTEXT_FIELDS = Set.of("type", "inlines", "spacing", "separator",
            "horizontalAlignment", "id");

    private TeamsShape() {
    }

    public static List<String> problems(String payload) {
        List<String> p = new ArrayList<>();
        int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > TeamsCard.MAX_BYTES) {
            p.add("message: " + bytes + " bytes, Teams takes at most " + TeamsCard.MAX_BYTES);
        }
        JsonObject o = JsonParser.parseString(payload).getAsJsonObject();
        if (!"message".equals(str(o, "type"))) {
            p.add("type: must be \"message\"");
        }
        JsonArray attachments = o.getAsJsonArray("attachments");
        if (attachments == null || attachments.size() != 1) {
            p.add("attachments: exactly one card expected");
            return p;
        }
        JsonObject a = attachments.get(0).getAsJsonObject();
        if (!"application/vnd.microsoft.card.adaptive".equals(str(a, "contentType"))) {
            p.add("attachments[0].contentType: not an Adaptive Card");
        }
        JsonObject card = a.getAsJsonObject("content");
        if (!"AdaptiveCard".equals(str(card, "type"))) {
            p.add("content.type: must be AdaptiveCard");
        }
        if (!card.has("$schema")) {
            p.add("content.$schema: missing");
        }
        String version = str(card, "version");
        if (version == null || new BigDecimal(version).compareTo(new BigDecimal("1.5")) > 0) {
            p.add("content.version: " + version + ", Teams renders at most 1.5 for workflow posts");
        }
        JsonArray body = card.getAsJsonArray("body");
        if (body == null || body.isEmpty()) {
            p.add("content.body: empty");
        } else {
            elements(body, "content.body", p);
        }
        if (card.has("actions")) {
            JsonArray actions = card.getAsJsonArray("actions");
            for (int i = 0; i < actions.size(); i++) {
                JsonObject x = actions.get(i).getAsJsonObject();
                if (!"Action.OpenUrl".equals(str(x, "type"))) {
                    p.add("content.actions[" + i + "]: only Action.OpenUrl is used");
                } else if (str(x, "url") == null || !str(x, "url").startsWith("https://") || str(x, "title") == null) {
                    p.add("content.actions[" + i + "]: an OpenUrl needs a title and an https url");
                }
            }
        }
        return p;
    }

    private static void elements(JsonArray items, String at, List<String> p) {
        for (int i = 0; i < items.size(); i++) {
            JsonObject e = items.get(i).getAsJsonObject();
            String where = at + "[" + i + "]";
            String type = str(e, "type");
            if (!ELEMENTS.contains(type)) {
                p.add(where + ": unknown element " + type);
                continue;
            }
            switch (type) {
                case "TextBlock" -> {
                    if (str(e, "text") == null || str(e, "text").isBlank()) {
                        p.add(where + ".text: empty");
                    }
                    for (String k : e.keySet()) {
                        if (!TEXTBLOCK_FIELDS.contains(k)) {
                            p.add(where + "." + k + ": not a TextBlock property");
                        }
                    }
                    TEXTBLOCK.forEach((k, allowed) -> {
                        if (e.has(k) && !allowed.contains(e.get(k).getAsString())) {
                            p.add(where + "." + k + ": '" + e.get(k).getAsString() + "' is not one of " + allowed);
                        }
                    });
                }
                case "FactSet" -> {
                    for (JsonElement f : e.getAsJsonArray("facts")) {
                        if (str(f.getAsJsonObject(), "title") == null || str(f.getAsJsonObject(), "value") == null) {
                            p.add(where + ".facts: each fact needs a title and a value");
                        }
                    }
                }
                case "RichTextBlock" -> richText(e, where, p);
                case "Container" -> elements(e.getAsJsonArray("items"), where + ".items", p);
                default -> {
                }
            }
        }
    }

    private static void richText(JsonObject e, String where, List<String> p) {
        e.keySet().stream().filter(k -> !RICHTEXT_FIELDS.contains(k)).forEach(k -> p.add(where + "." + k + ": not a RichTextBlock property"));
        JsonArray inlines = e.getAsJsonArray("inlines");
        if (inlines == null || inlines.isEmpty()) {
            p.add(where + ".inlines: empty");
            return;
        }
        for (int i = 0; i < inlines.size(); i++) {
            JsonObject run = inlines.get(i).getAsJsonObject();
            String at = where + ".inlines[" + i + "]";
            if (!"TextRun".equals(str(run, "type"))) {
                p.add(at + ": only TextRun is used");
            }
            if (str(run, "text") == null || str(run, "text").isEmpty()) {
                p.add(at + ".text: empty");
            }
            run.keySet().stream().filter(k -> !TEXTRUN_FIELDS.contains(k)).forEach(k -> p.add(at + "." + k + ": not a TextRun property"));
            TEXTBLOCK.forEach((k, allowed) -> {
                if (!k.equals("spacing") && !k.equals("style") && run.has(k) && !allowed.contains(run.get(k).getAsString())) {
                    p.add(at + "." + k + ": '" + run.get(k).getAsString() + "' is not one of " + allowed);
                }
            });
            if (run.has("selectAction")) {
                JsonObject a = run.getAsJsonObject("selectAction");
                if (!"Action.OpenUrl".equals(str(a, "type")) || str(a, "url") == null || !str(a, "url").startsWith("https://")) {
                    p.add(at + ".selectAction: only Action.OpenUrl to an https url is used");
                }
            }
        }
    }

    private static String str(JsonObject o, String k) {
        return o != null && o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsString() : null;
    }
}
