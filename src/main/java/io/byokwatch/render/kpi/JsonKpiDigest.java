package io.byokwatch.render.kpi;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.byokwatch.app.KpiDigestRenderer;
import io.byokwatch.kpi.KpiWeek;

/**
 * The weekly digest for machines (webhooks, files, JSON stdout): this week's KPI report in the public contract, with
 * last week's headline and the dashboard link beside it.
 */
public final class JsonKpiDigest implements KpiDigestRenderer {
    @Override
    public String digest(KpiWeek week) {
        JsonObject o = KpiJsonRenderer.tree(week.current());
        JsonObject previous = KpiJsonRenderer.tree(week.previous());
        JsonObject last = previous.getAsJsonObject("headline").deepCopy();
        last.add("window", previous.get("window"));
        o.add("previousWeek", last);
        if (week.link() != null) {
            o.addProperty("dashboard", week.link());
        }
        return new GsonBuilder().disableHtmlEscaping().create().toJson(o);
    }
}
