package io.byokwatch.render.teams;

import io.byokwatch.render.PrettyJson;
import io.byokwatch.render.ResourceNames;
import io.byokwatch.render.alert.FixCommands;
import io.byokwatch.render.alert.NoticeText;
import io.byokwatch.render.alert.PortalLinks;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.byokwatch.app.NoticeRenderer;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.Notice;
import io.byokwatch.domain.Reminder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A notice as a Microsoft Teams Workflows webhook message: an Adaptive Card (schema {@value #VERSION}, the newest Teams
 * renders for workflow posts) inside {@code {"type": "message", "attachments": [...]}}, with the same content as the
 * Slack message. Office 365 connector cards are not used: those connectors are retired.
 *
 * <p>Teams refuses messages over about 28 KB, so findings are added while the whole message stays under
 * {@value #BUDGET_BYTES} bytes (room left for what Teams wraps around it) and the rest are summed up in one line.
 */
public final class TeamsCard implements NoticeRenderer {
    public static final String VERSION = "1.5";
    public static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    /** Teams' message limit. */
    public static final int MAX_BYTES = 28 * 1024;
    static final int BUDGET_BYTES = 26 * 1024;
    private static final int MAX_COMMAND_CHARS = 2000;

    private final PortalLinks portal;

    public TeamsCard(PortalLinks portal) {
        this.portal = Objects.requireNonNull(portal, "portal");
    }

    @Override
    public String notice(Notice n) {
        Alert a = n.alert();
        List<JsonObject> head = new ArrayList<>();
        head.add(TeamsText.of(NoticeText.severityWord(a) + " \u00b7 " + NoticeText.headline(n)).size("Large").bold()
                .color(color(n)).json);
        NoticeText.Byline by = NoticeText.byline(a.trigger());
        head.add(TeamsText.labelled("Change", NoticeText.kind(n)).json);
        head.add(TeamsText.of("Cluster: ").bold().then(a.clusterName()).link(portal.resource(a.clusterId()))
                .spacing("None").json);
        head.add(row("Resource group", String.valueOf(a.clusterId().resourceGroup())));
        head.add(row("Subscription", String.valueOf(a.subscriptionId())));
        head.add(row(by.label(), by.who()));
        head.add(row("When", NoticeText.when(a.trigger().eventTime())));
        if (a.trigger().operationName() != null) {
            head.add(row("Operation", a.trigger().operationName()));
        }
        if (n.flapping()) {
            head.add(TeamsText.of("\u26a0\ufe0f " + NoticeText.flapping(n)).color("Warning").json);
        }
        List<JsonObject> tail = new ArrayList<>();
        String note = NoticeText.resolvedNote(n);
        if (note != null) {
            tail.add(text("\u2705 " + note).color("Good").bold().json);
        }
        if (a.kind() == Alert.Kind.DELETED) {
            tail.add(TeamsText.of("The cluster was deleted while noncompliant; its " + NoticeText.count(a.resolvedFindingKeys().size(),
                    "open finding") + " closed with it: " + keys(a.resolvedFindingKeys())).json);
        } else if (!a.resolvedFindingKeys().isEmpty()) {
            tail.add(TeamsText.labelled("No longer failing", keys(a.resolvedFindingKeys())).json);
        }
        tail.add(text("byokwatch alert " + a.alertId() + " \u00b7 detected " + NoticeText.when(a.detectedAt())
                + " \u00b7 sequence " + a.sequence()).subtle().small().json);
        List<JsonObject> items = new ArrayList<>();
        for (Finding f : a.findings()) {
            items.add(finding(f));
        }
        return fit(head, items, tail, "finding", "the alert JSON lists them all",
                openUrl("Open cluster in the Azure portal", portal.resource(a.clusterId())));
    }

    @Override
    public String reminder(Reminder r) {
        List<JsonObject> head = new ArrayList<>();
        head.add(text("\u23f0 Daily reminder \u00b7 " + NoticeText.count(r.clusters().size(), "cluster")
                + " still noncompliant").size("Large").bold().color("Attention").heading().json);
        head.add(text("As of " + NoticeText.when(r.at()) + ", these clusters routed here are still noncompliant,"
                + " longest open first.").json);
        List<JsonObject> items = new ArrayList<>();
        for (Reminder.OpenCluster c : r.clusters()) {
            JsonArray parts = new JsonArray();
            parts.add(TeamsText.of(c.name()).bold().link(portal.resource(c.clusterId())).then(" \u00b7 open for "
                    + NoticeText.duration(Duration.between(c.openSince(), r.at())) + " (since " + NoticeText.when(c.openSince())
                    + ") \u00b7 " + NoticeText.severityCounts(c.findings())).json);
            int shown = 0;
            for (Finding f : c.findings()) {
                if (shown == 3) {
                    parts.add(text("and " + NoticeText.count(c.findings().size() - 3, "more finding")).subtle().json);
                    break;
                }
                parts.add(TeamsText.of(f.severity().label().toUpperCase(Locale.ROOT)).bold()
                        .then(" " + f.ruleId() + ": " + f.message()).spacing("None").json);
                shown++;
            }
            items.add(container(parts));
        }
        List<JsonObject> tail = List.of(text("byokwatch reminder " + r.reminderId()).subtle().small().json);
        return fit(head, items, tail, "cluster", "byokwatch's compliance endpoint lists them all", null);
    }

    /** Head, then items while the message stays within budget, a line for the rest, then the tail. */
    private static String fit(List<JsonObject> head, List<JsonObject> items, List<JsonObject> tail, String noun,
                              String where, JsonObject action) {
        JsonArray body = new JsonArray();
        head.forEach(body::add);
        JsonObject message = envelope(body, action);
        List<JsonObject> shown = new ArrayList<>();
        // the line about what was left out is reserved up front, so adding it can never break the budget
        JsonObject leftOut = text("\u2026and " + NoticeText.count(items.size(), "more " + noun) + " not shown here; "
                + where + ".").subtle().json;
        int base = bytes(message) + bytesOf(tail) + bytesOf(List.of(leftOut)) + 2 * (tail.size() + 1);
        int used = base;
        for (JsonObject item : items) {
            int size = bytesOf(List.of(item)) + 1;
            if (used + size > BUDGET_BYTES) {
                break;
            }
            shown.add(item);
            used += size;
        }
        shown.forEach(body::add);
        if (shown.size() < items.size()) {
            body.add(text("\u2026and " + NoticeText.count(items.size() - shown.size(), "more " + noun)
                    + " not shown here; " + where + ".").subtle().json);
        }
        tail.forEach(body::add);
        return PrettyJson.compact(message);
    }

    static JsonObject envelope(JsonArray body, JsonObject action) {
        JsonObject card = new JsonObject();
        card.addProperty("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.addProperty("type", "AdaptiveCard");
        card.addProperty("version", VERSION);
        JsonObject msteams = new JsonObject();
        msteams.addProperty("width", "Full");
        card.add("msteams", msteams);
        card.add("body", body);
        if (action != null) {
            JsonArray actions = new JsonArray();
            actions.add(action);
            card.add("actions", actions);
        }
        JsonObject attachment = new JsonObject();
        attachment.addProperty("contentType", CONTENT_TYPE);
        attachment.add("contentUrl", JsonNull.INSTANCE);
        attachment.add("content", card);
        JsonArray attachments = new JsonArray();
        attachments.add(attachment);
        JsonObject message = new JsonObject();
        message.addProperty("type", "message");
        message.add("attachments", attachments);
        return message;
    }

    private JsonObject finding(Finding f) {
        JsonArray items = new JsonArray();
        items.add(text("**" + f.severity().label().toUpperCase(Locale.ROOT) + "** \u00b7 " + f.ruleId())
                .color(f.severity().atLeast(io.byokwatch.domain.Severity.HIGH) ? "Attention" : "Warning").json);
        items.add(TeamsText.of(f.message()).spacing("Small").json);
        items.add(TeamsText.of("Open " + ResourceNames.describe(f.resourceId()) + " in the Azure portal")
                .link(portal.resource(f.resourceId())).spacing("Small").json);
        FixCommands fix = FixCommands.of(f.remediation());
        if (!fix.lead().isEmpty()) {
            items.add(TeamsText.labelled("Fix", fix.lead()).spacing("Small").json);
        }
        int chars = 0;
        for (String c : fix.commands()) {
            if (chars + c.length() > MAX_COMMAND_CHARS) {
                items.add(text("\u2026 (cut to fit; the alert JSON has every step)").subtle().spacing("None").json);
                break;
            }
            // one block per command: Teams joins single line breaks, which would run the commands together
            items.add(TeamsText.of(c).monospace().spacing("None").json);
            chars += c.length();
        }
        return container(items);
    }

    static JsonObject container(JsonArray items) {
        JsonObject c = new JsonObject();
        c.addProperty("type", "Container");
        c.addProperty("separator", true);
        c.addProperty("spacing", "Medium");
        c.add("items", items);
        return c;
    }

    /** One "Label: value" line of the card's head; the value is shown as given. */
    private static JsonObject row(String label, String value) {
        return TeamsText.labelled(label, value).spacing("None").json;
    }

    static JsonObject fact(String title, String value) {
        JsonObject f = new JsonObject();
        f.addProperty("title", title);
        f.addProperty("value", value);
        return f;
    }

    private static JsonObject openUrl(String title, String url) {
        JsonObject a = new JsonObject();
        a.addProperty("type", "Action.OpenUrl");
        a.addProperty("title", title);
        a.addProperty("url", url);
        return a;
    }

    private static String keys(List<String> keys) {
        List<String> labels = new ArrayList<>();
        for (String k : keys) {
            if (labels.size() == 10) {
                labels.add("and " + (keys.size() - 10) + " more");
                break;
            }
            labels.add(NoticeText.findingKey(k));
        }
        return String.join("; ", labels) + ".";
    }

    private static String color(Notice n) {
        if (n.flapping()) {
            return "Warning";
        }
        return switch (n.alert().kind()) {
            case RESOLVED -> "Good";
            case DELETED -> "Default";
            default -> "Attention";
        };
    }

    static int bytes(JsonObject o) {
        return PrettyJson.compact(o).getBytes(StandardCharsets.UTF_8).length;
    }

    private static int bytesOf(List<JsonObject> items) {
        int n = 0;
        for (JsonObject o : items) {
            n += bytes(o);
        }
        return n;
    }

    static TextBlock text(String s) {
        return new TextBlock(s);
    }

    /** A TextBlock under construction; every one wraps, so nothing is cut off at the card's edge. */
    static final class TextBlock {
        final JsonObject json = new JsonObject();

        TextBlock(String text) {
            json.addProperty("type", "TextBlock");
            json.addProperty("text", text);
            json.addProperty("wrap", true);
        }

        TextBlock size(String s) {
            json.addProperty("size", s);
            return this;
        }

        TextBlock small() {
            return size("Small");
        }

        TextBlock bold() {
            json.addProperty("weight", "Bolder");
            return this;
        }

        TextBlock color(String c) {
            json.addProperty("color", c);
            return this;
        }

        TextBlock subtle() {
            json.addProperty("isSubtle", true);
            return this;
        }

        TextBlock heading() {
            json.addProperty("style", "heading");
            return this;
        }

        TextBlock monospace() {
            json.addProperty("fontType", "Monospace");
            return this;
        }

        TextBlock spacing(String s) {
            json.addProperty("spacing", s);
            return this;
        }
    }
}
