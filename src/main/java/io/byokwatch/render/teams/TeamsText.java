package io.byokwatch.render.teams;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Text that Teams shows exactly as given: a RichTextBlock of TextRuns, which Adaptive Cards never read as Markdown.
 * Everything that comes from outside byokwatch (resource and caller names, finding messages, fix commands) is written
 * this way. In a TextBlock, Teams turned {@code aks_prod_eu} into "aks<i>prod</i>eu" (and a copied command lost its
 * underscores), and a caller named like {@code [Approve](https://...)} would have become a link in the alert; backslash
 * escapes do not help, since the mobile clients print the backslashes.
 *
 * <p>Styling methods apply to the run added last, so one line can mix a bold label and plain text.
 */
public final class TeamsText {
    final JsonObject json = new JsonObject();
    private final JsonArray inlines = new JsonArray();
    private JsonObject last;

    private TeamsText() {
        json.addProperty("type", "RichTextBlock");
        json.add("inlines", inlines);
    }

    static TeamsText of(String text) {
        return new TeamsText().then(text);
    }

    /** "Label: value" with the label in bold. */
    static TeamsText labelled(String label, String value) {
        return of(label + ": ").bold().then(value);
    }

    TeamsText then(String text) {
        last = new JsonObject();
        last.addProperty("type", "TextRun");
        last.addProperty("text", text);
        inlines.add(last);
        return this;
    }

    /** Opens {@code url} when the last run is selected: a link whose label is never parsed. */
    TeamsText link(String url) {
        JsonObject open = new JsonObject();
        open.addProperty("type", "Action.OpenUrl");
        open.addProperty("url", url);
        last.add("selectAction", open);
        last.addProperty("color", "Accent");
        last.addProperty("underline", true);
        return this;
    }

    TeamsText bold() {
        last.addProperty("weight", "Bolder");
        return this;
    }

    TeamsText color(String c) {
        last.addProperty("color", c);
        return this;
    }

    TeamsText size(String s) {
        last.addProperty("size", s);
        return this;
    }

    TeamsText subtle() {
        last.addProperty("isSubtle", true);
        return this;
    }

    TeamsText monospace() {
        last.addProperty("fontType", "Monospace");
        return this;
    }

    TeamsText spacing(String s) {
        json.addProperty("spacing", s);
        return this;
    }
}
