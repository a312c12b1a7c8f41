package io.byokwatch.render.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * A Slack {@code rich_text} block: text elements that Slack shows exactly as given, styled by flags rather than by
 * markup. Everything that comes from outside byokwatch (resource and caller names, finding messages, fix commands) is
 * written this way. mrkdwn has no escape for {@code *}, {@code _} and {@code ~}, so there {@code rg_pay_prod} loses
 * its underscores to italics, a copied command breaks, and a caller can bold or strike through parts of an alert.
 *
 * <p>Styling methods apply to the element added last, so one line can mix a bold label, a link and plain text.
 */
public final class SlackText {
    final JsonObject json = new JsonObject();
    private final JsonArray parts = new JsonArray();
    private JsonArray section;
    private JsonObject last;
    private int length;

    private SlackText() {
        json.addProperty("type", "rich_text");
        json.add("elements", parts);
    }

    static SlackText start() {
        return new SlackText();
    }

    static SlackText of(String text) {
        return new SlackText().then(text);
    }

    /** Appends text; an empty string adds nothing, since Slack refuses empty text elements. */
    SlackText then(String text) {
        if (text == null || text.isEmpty()) {
            return this;
        }
        JsonObject t = new JsonObject();
        t.addProperty("type", "text");
        t.addProperty("text", text);
        add(t);
        length += text.length();
        return this;
    }

    /** Appends the text then styles it bold: the common "label" case. */
    SlackText bold(String text) {
        int before = length;
        then(text);
        return length > before ? bold() : this;
    }

    /** Appends the text as inline code: ids and names people copy. */
    SlackText code(String text) {
        int before = length;
        then(text);
        return length > before ? style("code") : this;
    }

    /** Appends a link whose label is shown as given and never parsed. */
    SlackText link(String url, String label) {
        JsonObject l = new JsonObject();
        l.addProperty("type", "link");
        l.addProperty("url", url);
        if (label != null && !label.isEmpty()) {
            l.addProperty("text", label);
            length += label.length();
        }
        length += url.length();
        add(l);
        return this;
    }

    SlackText emoji(String name) {
        JsonObject e = new JsonObject();
        e.addProperty("type", "emoji");
        e.addProperty("name", name);
        add(e);
        return this;
    }

    SlackText bold() {
        return style("bold");
    }

    /** A code block of its own, for commands that must be copied whole; text after it starts a new paragraph. */
    SlackText preformatted(String text) {
        if (text == null || text.isEmpty()) {
            return this;
        }
        JsonObject t = new JsonObject();
        t.addProperty("type", "text");
        t.addProperty("text", text);
        JsonArray elements = new JsonArray();
        elements.add(t);
        JsonObject pre = new JsonObject();
        pre.addProperty("type", "rich_text_preformatted");
        pre.add("elements", elements);
        parts.add(pre);
        section = null;
        last = null;
        length += text.length();
        return this;
    }

    /** Characters of text, labels and links so far, for the per-message budget. */
    int length() {
        return length;
    }

    private SlackText style(String flag) {
        if (last == null) {
            return this;
        }
        JsonObject style = last.has("style") ? last.getAsJsonObject("style") : new JsonObject();
        style.addProperty(flag, true);
        last.add("style", style);
        return this;
    }

    private void add(JsonObject element) {
        if (section == null) {
            JsonObject s = new JsonObject();
            s.addProperty("type", "rich_text_section");
            section = new JsonArray();
            s.add("elements", section);
            parts.add(s);
        }
        section.add(element);
        last = element;
    }
}
