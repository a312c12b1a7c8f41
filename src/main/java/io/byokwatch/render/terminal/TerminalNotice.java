package io.byokwatch.render.terminal;

import io.byokwatch.domain.Printable;
import io.byokwatch.render.ResourceNames;
import io.byokwatch.render.TextWrap;
import io.byokwatch.render.alert.FixCommands;
import io.byokwatch.render.alert.NoticeText;
import io.byokwatch.render.alert.PortalLinks;
import io.byokwatch.app.NoticeRenderer;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.Notice;
import io.byokwatch.domain.Reminder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A notice as a person reads it in a terminal ({@code --notify stdout}, the demo): the same content as the Slack message,
 * laid out as text within {@value #WIDTH} columns. Commands are broken with a trailing backslash, so a long one still
 * pastes into a shell as one command; portal links are left whole, so the terminal keeps them clickable.
 */
public final class TerminalNotice implements NoticeRenderer {
    public static final int WIDTH = 100;
    private static final String INDENT = "    ";

    private final PortalLinks portal;

    public TerminalNotice(PortalLinks portal) {
        this.portal = Objects.requireNonNull(portal, "portal");
    }

    @Override
    public String notice(Notice n) {
        Alert a = n.alert();
        List<String> out = new ArrayList<>();
        out.add(rule(NoticeText.kind(n).toUpperCase(Locale.ROOT) + " | " + (a.maxSeverity() == null ? ""
                : a.maxSeverity().label().toUpperCase(Locale.ROOT) + " | ") + NoticeText.headline(n)));
        field(out, "cluster", a.clusterName() + " (resource group " + a.clusterId().resourceGroup() + ", subscription "
                + a.subscriptionId() + ")");
        NoticeText.Byline by = NoticeText.byline(a.trigger());
        field(out, by.label().toLowerCase(Locale.ROOT), by.who() + " at " + NoticeText.when(a.trigger().eventTime()));
        if (a.trigger().operationName() != null) {
            field(out, "", a.trigger().operationName());
        }
        out.add("  portal      " + portal.resource(a.clusterId()));
        if (n.flapping()) {
            out.add("");
            out.addAll(TextWrap.wrap("! " + NoticeText.flapping(n), WIDTH, "  ", "    "));
        }
        for (Finding f : a.findings()) {
            out.add("");
            out.add("  [" + f.severity().label().toUpperCase(Locale.ROOT) + "] " + f.ruleId() + " on "
                    + ResourceNames.describe(f.resourceId()));
            out.addAll(TextWrap.wrap(f.message(), WIDTH, INDENT, INDENT));
            FixCommands fix = FixCommands.of(f.remediation());
            if (!fix.lead().isEmpty()) {
                out.addAll(TextWrap.wrap("fix: " + fix.lead(), WIDTH, INDENT, INDENT + "     "));
            }
            for (String c : fix.commands()) {
                out.addAll(command(c));
            }
            out.add(INDENT + "portal: " + portal.resource(f.resourceId()));
        }
        if (a.kind() == Alert.Kind.DELETED) {
            out.add("");
            out.addAll(TextWrap.wrap("The cluster was deleted while noncompliant; its "
                    + NoticeText.count(a.resolvedFindingKeys().size(), "open finding") + " closed with it:", WIDTH, "  ", "  "));
            a.resolvedFindingKeys().forEach(k -> out.addAll(TextWrap.wrap("- " + NoticeText.findingKey(k), WIDTH, INDENT, INDENT + "  ")));
        } else if (!a.resolvedFindingKeys().isEmpty()) {
            out.add("");
            out.add("  no longer failing:");
            a.resolvedFindingKeys().forEach(k -> out.addAll(TextWrap.wrap("- " + NoticeText.findingKey(k), WIDTH, INDENT, INDENT + "  ")));
        }
        String note = NoticeText.resolvedNote(n);
        if (note != null) {
            out.add("");
            out.addAll(TextWrap.wrap("OK " + note, WIDTH, "  ", "     "));
        }
        out.add("");
        out.add("  alert " + a.alertId() + " | detected " + NoticeText.when(a.detectedAt()) + " | sequence " + a.sequence());
        return String.join("\n", out.stream().map(Printable::line).toList()) + "\n";
    }

    @Override
    public String reminder(Reminder r) {
        List<String> out = new ArrayList<>();
        out.add(rule("DAILY REMINDER | " + NoticeText.count(r.clusters().size(), "cluster") + " still noncompliant"));
        out.addAll(TextWrap.wrap("As of " + NoticeText.when(r.at()) + ", longest open first:", WIDTH, "  ", "  "));
        for (Reminder.OpenCluster c : r.clusters()) {
            out.add("");
            out.addAll(TextWrap.wrap(c.name() + " | open for " + NoticeText.duration(Duration.between(c.openSince(), r.at()))
                    + " (since " + NoticeText.when(c.openSince()) + ") | " + NoticeText.severityCounts(c.findings()),
                    WIDTH, "  ", INDENT));
            for (Finding f : c.findings()) {
                out.addAll(TextWrap.wrap("[" + f.severity().label().toUpperCase(Locale.ROOT) + "] " + f.ruleId() + ": "
                        + f.message(), WIDTH, INDENT, INDENT + "  "));
            }
            out.add(INDENT + "portal: " + portal.resource(c.clusterId()));
        }
        out.add("");
        out.add("  reminder " + r.reminderId());
        return String.join("\n", out.stream().map(Printable::line).toList()) + "\n";
    }

    private static String rule(String title) {
        String head = "== " + title + " ";
        return head.length() >= WIDTH ? head.stripTrailing() : head + "=".repeat(WIDTH - head.length());
    }

    private static void field(List<String> out, String label, String value) {
        out.addAll(TextWrap.wrap(value, WIDTH, "  " + TextWrap.pad(label, 12), "  " + " ".repeat(12)));
    }

    /**
     * A shell command within the width: broken between words with a backslash continuation, which shells join. Never
     * inside quotes, where the continuation's indent would become part of the argument, nor inside a comment. A single
     * word wider than the line (a resource id) is left whole.
     */
    private static List<String> command(String c) {
        String first = INDENT + "  $ ";
        String next = INDENT + "      ";
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : words(c)) {
            if (!empty && line.length() + 1 + word.length() + 2 > WIDTH) {
                lines.add(line + " \\");
                line = new StringBuilder(next);
                empty = true;
            }
            line.append(empty ? "" : " ").append(word);
            empty = false;
        }
        lines.add(line.toString());
        return lines;
    }

    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char ch = command.charAt(i);
            if (quote == 0 && ch == '#' && w.length() == 0) {
                // a comment ends at the line's end, and a backslash inside it continues nothing: keep it whole
                words.add(command.substring(i).strip());
                return words;
            }
            if (quote == 0 && ch == ' ') {
                if (w.length() > 0) {
                    words.add(w.toString());
                    w.setLength(0);
                }
                continue;
            }
            if (ch == '"' || ch == '\'') {
                quote = quote == 0 ? ch : quote == ch ? 0 : quote;
            }
            w.append(ch);
        }
        if (w.length() > 0) {
            words.add(w.toString());
        }
        return words;
    }
}
