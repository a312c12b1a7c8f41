package io.byokwatch.render.slack;

import io.byokwatch.render.PrettyJson;
import io.byokwatch.render.ResourceNames;
import io.byokwatch.render.alert.FixCommands;
import io.byokwatch.render.alert.NoticeText;
import io.byokwatch.render.alert.PortalLinks;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.byokwatch.app.NoticeRenderer;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.Notice;
import io.byokwatch.domain.Reminder;
import io.byokwatch.domain.Severity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A notice as a Slack incoming-webhook message in Block Kit: a header with severity and cluster, who changed what and
 * when, each finding with its sentence, a portal link and the {@code az} commands that fix it, and for a resolution a
 * short green note with how long it was open. {@code text} is the fallback notifications show. Names, caller, finding
 * messages and commands travel in {@link SlackText rich_text} blocks, so Slack shows them as given.
 *
 * <p>Slack refuses a message with more than {@value #MAX_BLOCKS} blocks, a header over {@value #MAX_HEADER} characters or
 * a text field over {@value #MAX_TEXT}; long messages are also cut in clients. So findings that do not fit are summed up
 * in one line ("and 14 more findings") rather than sent and refused, and commands that do not fit a section are cut
 * at a line.
 */
public final class SlackMessage implements NoticeRenderer {
    public static final int MAX_BLOCKS = 50;
    public static final int MAX_TEXT = 3000;
    static final int MAX_HEADER = 150;
    /** The fallback shows in notifications, which cut far earlier than Slack's limit. */
    static final int MAX_FALLBACK = 300;
    /** All block text together: beyond this a message is a wall, and clients collapse it. */
    static final int TEXT_BUDGET = 24_000;
    private static final int MAX_LISTED_KEYS = 10;
    private static final String GREEN = "#2EB67D";

    private final PortalLinks portal;

    public SlackMessage(PortalLinks portal) {
        this.portal = Objects.requireNonNull(portal, "portal");
    }

    @Override
    public String notice(Notice n) {
        Alert a = n.alert();
        List<JsonObject> head = new ArrayList<>();
        head.add(header(emoji(n) + " " + NoticeText.severityWord(a) + " \u00b7 " + NoticeText.headline(n)));
        head.add(summary(n).json);
        List<JsonObject> tail = new ArrayList<>();
        if (a.kind() == Alert.Kind.DELETED) {
            tail.add(keyList(SlackText.of("The cluster was deleted while noncompliant; its "
                    + NoticeText.count(a.resolvedFindingKeys().size(), "open finding") + " closed with it:"), a.resolvedFindingKeys()));
        } else if (!a.resolvedFindingKeys().isEmpty()) {
            tail.add(keyList(SlackText.start().bold("No longer failing"), a.resolvedFindingKeys()));
        }
        tail.add(context("byokwatch alert `" + a.alertId() + "` \u00b7 detected " + NoticeText.when(a.detectedAt())
                + " \u00b7 sequence " + a.sequence()));
        List<JsonObject> findings = new ArrayList<>();
        for (Finding f : a.findings()) {
            findings.add(finding(f).json);
        }
        JsonObject message = new JsonObject();
        fallbackText(message, fallback(n));
        message.add("blocks", fit(head, findings, tail, "finding", "the alert JSON lists them all"));
        String note = NoticeText.resolvedNote(n);
        if (note != null) {
            JsonArray attachments = new JsonArray();
            JsonObject green = new JsonObject();
            green.addProperty("color", GREEN);
            JsonArray blocks = new JsonArray();
            blocks.add(section(":white_check_mark: " + escape(note)));
            green.add("blocks", blocks);
            attachments.add(green);
            message.add("attachments", attachments);
        }
        return PrettyJson.compact(message);
    }

    @Override
    public String reminder(Reminder r) {
        List<JsonObject> head = new ArrayList<>();
        head.add(header(":alarm_clock: Daily reminder \u00b7 " + NoticeText.count(r.clusters().size(), "cluster")
                + " still noncompliant"));
        head.add(section("As of " + NoticeText.when(r.at()) + ", these clusters routed here are still noncompliant,"
                + " longest open first."));
        List<JsonObject> items = new ArrayList<>();
        for (Reminder.OpenCluster c : r.clusters()) {
            SlackText s = SlackText.start().link(portal.resource(c.clusterId()), c.name()).bold()
                    .then(" \u00b7 open for " + NoticeText.duration(Duration.between(c.openSince(), r.at())) + " (since "
                            + NoticeText.when(c.openSince()) + ") \u00b7 " + NoticeText.severityCounts(c.findings()));
            int shown = 0;
            for (Finding f : c.findings()) {
                if (shown == 3) {
                    s.then("\n\u2022 and " + NoticeText.count(c.findings().size() - 3, "more finding"));
                    break;
                }
                s.then("\n\u2022 ").bold(f.severity().label().toUpperCase(java.util.Locale.ROOT)).then(" ").code(f.ruleId())
                        .then(" " + NoticeText.cut(f.message(), MAX_TEXT));
                shown++;
            }
            items.add(s.json);
        }
        List<JsonObject> tail = List.of(context("byokwatch reminder `" + r.reminderId() + "`"));
        JsonObject message = new JsonObject();
        fallbackText(message, NoticeText.cut("Daily reminder: " + NoticeText.count(r.clusters().size(), "cluster")
                + " still noncompliant", MAX_FALLBACK));
        message.add("blocks", fit(head, items, tail, "cluster", "byokwatch's compliance endpoint lists them all"));
        return PrettyJson.compact(message);
    }

    /**
     * Head, as many items as the block and text limits allow, a line for the rest, then the tail. The head and tail are
     * a handful of short blocks, so the items always get most of the room.
     */
    private static JsonArray fit(List<JsonObject> head, List<JsonObject> items, List<JsonObject> tail, String noun,
                                 String where) {
        JsonArray blocks = new JsonArray();
        head.forEach(blocks::add);
        blocks.add(divider());
        int fixed = blocks.size() + tail.size();
        int used = textOf(head) + textOf(tail);
        int room = MAX_BLOCKS - fixed;
        // when not everything fits, one block goes to the line that says how many were left out
        int capacity = items.size() <= room ? items.size() : room - 1;
        int shown = 0;
        for (JsonObject item : items) {
            int size = textOf(List.of(item));
            if (shown == capacity || used + size > TEXT_BUDGET) {
                break;
            }
            blocks.add(item);
            used += size;
            shown++;
        }
        if (shown < items.size()) {
            blocks.add(context("\u2026and " + NoticeText.count(items.size() - shown, "more " + noun) + " not shown here; "
                    + where + "."));
        }
        tail.forEach(blocks::add);
        return blocks;
    }

    private SlackText summary(Notice n) {
        Alert a = n.alert();
        SlackText s = SlackText.start().bold(NoticeText.kind(n)).then(" \u00b7 cluster ")
                .link(portal.resource(a.clusterId()), a.clusterName())
                .then(" \u00b7 resource group ").code(String.valueOf(a.clusterId().resourceGroup()))
                .then(" \u00b7 subscription ").code(String.valueOf(a.subscriptionId()));
        Alert.Trigger t = a.trigger();
        NoticeText.Byline by = NoticeText.byline(t);
        s.then("\n" + by.label() + " ").bold(NoticeText.cut(by.who(), MAX_HEADER)).then(" at " + NoticeText.when(t.eventTime()));
        if (t.operationName() != null) {
            s.then(" (").code(NoticeText.cut(t.operationName(), MAX_HEADER)).then(")");
        }
        if (n.flapping()) {
            s.then("\n").emoji("warning").then(" " + NoticeText.flapping(n));
        }
        return s;
    }

    private SlackText finding(Finding f) {
        SlackText s = SlackText.start().bold(f.severity().label().toUpperCase(java.util.Locale.ROOT)).then(" ")
                .code(f.ruleId()).then(" " + NoticeText.cut(f.message(), MAX_TEXT))
                .then("\n").link(portal.resource(f.resourceId()), "Open " + ResourceNames.describe(f.resourceId())
                        + " in the Azure portal");
        FixCommands fix = FixCommands.of(f.remediation());
        if (!fix.lead().isEmpty()) {
            s.then("\n").bold("Fix:").then(" " + NoticeText.cut(fix.lead(), MAX_TEXT));
        }
        if (!fix.commands().isEmpty()) {
            String more = "\n\u2026 (cut to fit; the alert JSON has every step)";
            StringBuilder code = new StringBuilder();
            for (String c : fix.commands()) {
                String line = (code.length() == 0 ? "" : "\n") + c;
                if (s.length() + code.length() + line.length() + more.length() > MAX_TEXT) {
                    code.append(more);
                    break;
                }
                code.append(line);
            }
            s.preformatted(code.toString());
        }
        return s;
    }

    private static JsonObject keyList(SlackText lead, List<String> keys) {
        int shown = 0;
        for (String k : keys) {
            if (shown == MAX_LISTED_KEYS) {
                lead.then("\n\u2022 and " + (keys.size() - shown) + " more");
                break;
            }
            lead.then("\n\u2022 ").code(NoticeText.findingKey(k));
            shown++;
        }
        return lead.json;
    }

    private static String fallback(Notice n) {
        Alert a = n.alert();
        NoticeText.Byline by = NoticeText.byline(a.trigger());
        String s = NoticeText.severityWord(a) + ": " + NoticeText.headline(n)
                + (a.findings().isEmpty() ? "" : " (" + NoticeText.count(a.findings().size(), "finding") + ")")
                + ", " + by.label().toLowerCase(java.util.Locale.ROOT) + " " + by.who() + " \u00b7 alert "
                + NoticeText.shortId(a.alertId());
        return NoticeText.cut(s, MAX_FALLBACK);
    }

    /**
     * The message's {@code text}, which notifications and clients without blocks show. It carries names and the caller
     * from outside, so it is sent as plain text ({@code "mrkdwn": false}: no {@code ~strike~}, {@code *bold*} or
     * {@code _italic_} from a name), with Slack's three markup characters escaped and bare URLs broken by an invisible
     * word joiner so that Slack does not turn one planted in a name into a link.
     */
    static void fallbackText(JsonObject message, String text) {
        message.addProperty("text", escape(text).replaceAll("(?i)\\b([a-z][a-z0-9+.-]*):(?=//)", "$1:\u2060")
                .replaceAll("(?i)\\bwww\\.", "www\u2060."));
        message.addProperty("mrkdwn", false);
    }

    private static String emoji(Notice n) {
        Alert a = n.alert();
        if (n.flapping()) {
            return ":warning:";
        }
        if (a.kind() == Alert.Kind.RESOLVED) {
            return ":white_check_mark:";
        }
        if (a.kind() == Alert.Kind.DELETED) {
            return ":wastebasket:";
        }
        Severity s = a.maxSeverity();
        if (s == null) {
            return ":grey_question:";
        }
        return switch (s) {
            case CRITICAL -> ":red_circle:";
            case HIGH -> ":large_orange_circle:";
            case MEDIUM -> ":large_yellow_circle:";
            case LOW -> ":white_circle:";
        };
    }

    static JsonObject header(String text) {
        JsonObject t = new JsonObject();
        t.addProperty("type", "plain_text");
        t.addProperty("text", NoticeText.cut(text, MAX_HEADER));
        t.addProperty("emoji", true);
        JsonObject b = new JsonObject();
        b.addProperty("type", "header");
        b.add("text", t);
        return b;
    }

    public static JsonObject section(String mrkdwn) {
        JsonObject b = new JsonObject();
        b.addProperty("type", "section");
        b.add("text", mrkdwn(NoticeText.cut(mrkdwn, MAX_TEXT)));
        return b;
    }

    static JsonObject context(String mrkdwn) {
        return contextOf(mrkdwn(NoticeText.cut(mrkdwn, MAX_TEXT)));
    }

    /** A context line Slack shows as written (emoji codes still work), for text that names files or resources. */
    static JsonObject plainContext(String text) {
        JsonObject t = new JsonObject();
        t.addProperty("type", "plain_text");
        t.addProperty("text", NoticeText.cut(text, MAX_TEXT));
        t.addProperty("emoji", true);
        return contextOf(t);
    }

    private static JsonObject contextOf(JsonObject element) {
        JsonObject b = new JsonObject();
        b.addProperty("type", "context");
        JsonArray elements = new JsonArray();
        elements.add(element);
        b.add("elements", elements);
        return b;
    }

    static JsonObject divider() {
        JsonObject b = new JsonObject();
        b.addProperty("type", "divider");
        return b;
    }

    private static JsonObject mrkdwn(String text) {
        JsonObject t = new JsonObject();
        t.addProperty("type", "mrkdwn");
        t.addProperty("text", text);
        return t;
    }

    /** Slack reads {@code &}, {@code <} and {@code >} as markup in mrkdwn ({@code <kv-name>} would vanish). */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static int textOf(List<JsonObject> blocks) {
        int n = 0;
        for (JsonObject b : blocks) {
            n += b.toString().length();
        }
        return n;
    }
}
