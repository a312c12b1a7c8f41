package io.byokwatch.render.teams;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.byokwatch.app.KpiDigestRenderer;
import io.byokwatch.kpi.KpiWeek;
import io.byokwatch.render.PrettyJson;
import io.byokwatch.render.kpi.KpiDigestText;

/** The weekly KPI digest as a Teams Adaptive Card: the four numbers as facts with their change, and the link. */
public final class TeamsKpiDigest implements KpiDigestRenderer {

    @Override
    public String digest(KpiWeek w) {
        JsonArray body = new JsonArray();
        body.add(TeamsCard.text(KpiDigestText.title(w)).size("Large").bold().heading().json);
        body.add(TeamsCard.text(KpiDigestText.window(w)).subtle().spacing("Small").json);
        for (KpiDigestText.Line l : KpiDigestText.lines(w)) {
            JsonArray items = new JsonArray();
            items.add(TeamsText.labelled(l.label(), l.value()).json);
            items.add(TeamsText.of(l.change()).color(l.better() == null ? "Default" : l.better() ? "Good" : "Attention")
                    .spacing("None").json);
            body.add(TeamsCard.container(items));
        }
        body.add(TeamsText.of(KpiDigestText.link(w)).subtle().json);
        JsonObject action = null;
        if (w.link() != null && w.link().startsWith("https://")) {
            action = new JsonObject();
            action.addProperty("type", "Action.OpenUrl");
            action.addProperty("title", "Open the dashboard");
            action.addProperty("url", w.link());
        }
        return PrettyJson.compact(TeamsCard.envelope(body, action));
    }
}
