package io.byokwatch.render.terminal;

import io.byokwatch.domain.Printable;
import io.byokwatch.render.TextWrap;
import io.byokwatch.render.access.AccessSummary;
import io.byokwatch.render.access.DigestText;
import io.byokwatch.access.AccessReport;
import io.byokwatch.access.Anomaly;
import io.byokwatch.app.AccessDigestRenderer;

import java.util.ArrayList;
import java.util.List;

/** The access report digest for the terminal ({@code --notify stdout}): the chat digests' content as wrapped text. */
public final class TerminalAccessDigest implements AccessDigestRenderer {
    private static final int WIDTH = TerminalNotice.WIDTH;
    private static final String INDENT = "    ";

    @Override
    public String digest(AccessReport r, String fullReport) {
        List<String> out = new ArrayList<>();
        String head = "== " + DigestText.title(r).replace(" \u00b7 ", " | ").toUpperCase(java.util.Locale.ROOT) + " ";
        out.add(head.length() >= WIDTH ? head.stripTrailing() : head + "=".repeat(WIDTH - head.length()));
        out.addAll(TextWrap.wrap(AccessSummary.headline(r), WIDTH, "  ", "  "));
        out.addAll(TextWrap.wrap(DigestText.window(r).replace(" \u00b7 ", " | "), WIDTH, "  ", "  "));
        out.add("  " + DigestText.counts(r).replace(" \u00b7 ", " | "));
        for (Anomaly a : DigestText.top(r)) {
            out.add("");
            out.addAll(TextWrap.wrap("[" + DigestText.severity(a) + "] " + a.detector() + " on " + AccessSummary.target(a)
                    + DigestText.operation(a).replace(" \u00b7 ", " | "), WIDTH, "  ", INDENT));
            out.addAll(TextWrap.wrap(DigestText.who(a).replace(" \u00b7 ", " | "), WIDTH, INDENT, INDENT + "  "));
            out.addAll(TextWrap.wrap(DigestText.explanation(a), WIDTH, INDENT, INDENT));
            out.addAll(TextWrap.wrap("next: " + DigestText.action(a), WIDTH, INDENT, INDENT + "  "));
        }
        out.add("");
        out.addAll(TextWrap.wrap(DigestText.rest(r, fullReport), WIDTH, "  ", "  "));
        for (String n : DigestText.notes(r)) {
            out.addAll(TextWrap.wrap("! " + n, WIDTH, "  ", INDENT));
        }
        return String.join("\n", out.stream().map(Printable::line).toList()) + "\n";
    }
}
