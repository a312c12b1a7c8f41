package io.byokwatch.render.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.byokwatch.app.KpiDigestRenderer;
import io.byokwatch.kpi.KpiWeek;
import io.byokwatch.render.PrettyJson;
import io.byokwatch.render.alert.NoticeText;
import io.byokwatch.render.kpi.KpiDigestText;

/** The weekly KPI digest as a Slack Block Kit message: the four numbers with their change, and the dashboard link. */
public final class SlackKpiDigest implements KpiDigestRenderer {

    @Override
    public String digest(KpiWeek w) {
        JsonArray blocks = new JsonArray();
        blocks.add(SlackMessage.header(":bar_chart: " + KpiDigestText.title(w)));
        blocks.add(SlackMessage.context(SlackMessage.escape(KpiDigestText.window(w))));
        for (KpiDigestText.Line l : KpiDigestText.lines(w)) {
            String mark = l.better() == null ? ":white_small_square:" : l.better() ? ":arrow_up_small:" : ":small_red_triangle_down:";
            blocks.add(SlackMessage.section(mark + " *" + SlackMessage.escape(l.label()) + ":* " + SlackMessage.escape(l.value())
                    + "\n" + SlackMessage.escape(l.change())));
        }
        blocks.add(SlackMessage.divider());
        // a path or URL is shown as written
        blocks.add(SlackMessage.plainContext(KpiDigestText.link(w)));
        JsonObject message = new JsonObject();
        message.addProperty("text", NoticeText.cut(KpiDigestText.title(w) + ": " + KpiDigestText.lines(w).get(0).sentence(),
                SlackMessage.MAX_FALLBACK));
        message.add("blocks", blocks);
        return PrettyJson.compact(message);
    }
}
