package io.byokwatch.render.terminal;

import io.byokwatch.app.KpiDigestRenderer;
import io.byokwatch.kpi.KpiWeek;
import io.byokwatch.render.TextWrap;
import io.byokwatch.render.kpi.KpiDigestText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The weekly KPI digest for the terminal ({@code --notify stdout}): the chat digests' content as wrapped text. */
public final class TerminalKpiDigest implements KpiDigestRenderer {
    private static final int WIDTH = TerminalNotice.WIDTH;

    @Override
    public String digest(KpiWeek w) {
        List<String> out = new ArrayList<>();
        String head = "== " + KpiDigestText.title(w).replace(" \u00b7 ", " | ").toUpperCase(Locale.ROOT) + " ";
        out.add(head.length() >= WIDTH ? head.stripTrailing() : head + "=".repeat(WIDTH - head.length()));
        out.addAll(TextWrap.wrap(KpiDigestText.window(w), WIDTH, "  ", "  "));
        for (KpiDigestText.Line l : KpiDigestText.lines(w)) {
            out.addAll(TextWrap.wrap(l.sentence(), WIDTH, "  ", "      "));
        }
        out.addAll(TextWrap.wrap(KpiDigestText.link(w), WIDTH, "  ", "  "));
        return String.join("\n", out) + "\n";
    }
}
