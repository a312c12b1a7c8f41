package io.byokwatch.render.teams;

import io.byokwatch.render.PrettyJson;
import io.byokwatch.render.access.AccessSummary;
import io.byokwatch.render.access.DigestText;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.byokwatch.access.AccessReport;
import io.byokwatch.access.Anomaly;
import io.byokwatch.app.AccessDigestRenderer;
import io.byokwatch.domain.Severity;

/**
 * The access report digest as a Teams Adaptive Card ({@value TeamsCard#VERSION}), with the same content as the Slack
 * digest. Explanations are cut and only {@value DigestText#TOP} anomalies are listed, so the card stays a few KB, far
 * under Teams' {@value TeamsCard#MAX_BYTES}-byte limit.
 */
public final class TeamsAccessDigest implements AccessDigestRenderer {

    @Override
    public String digest(AccessReport r, String fullReport) {
        JsonArray body = new JsonArray();
        body.add(TeamsCard.text(DigestText.title(r)).size("Large").bold().color(color(r.worst())).heading().json);
        body.add(TeamsText.of(AccessSummary.headline(r)).bold().json);
        body.add(TeamsCard.text(DigestText.window(r)).spacing("Small").json);
        JsonArray facts = new JsonArray();
        for (Severity s : Severity.values()) {
            facts.add(TeamsCard.fact(s.label(), Long.toString(r.count(s))));
        }
        JsonObject factSet = new JsonObject();
        factSet.addProperty("type", "FactSet");
        factSet.add("facts", facts);
        body.add(factSet);
        for (Anomaly a : DigestText.top(r)) {
            body.add(anomaly(a));
        }
        body.add(TeamsCard.text(DigestText.rest(r, fullReport)).subtle().json);
        for (String n : DigestText.notes(r)) {
            body.add(TeamsText.of("\u26a0\ufe0f " + n).color("Warning").spacing("Small").json);
        }
        return PrettyJson.compact(TeamsCard.envelope(body, null));
    }

    private static JsonObject anomaly(Anomaly a) {
        JsonArray items = new JsonArray();
        // key, vault and caller names come from the audit logs: shown as given, never read as Markdown
        items.add(TeamsText.of(DigestText.severity(a)).bold().color(color(a.severity())).then(" \u00b7 " + a.detector()
                + " \u00b7 " + AccessSummary.target(a) + DigestText.operation(a)).color(color(a.severity())).json);
        items.add(TeamsText.of(DigestText.who(a)).spacing("Small").json);
        items.add(TeamsText.of(DigestText.explanation(a)).spacing("Small").json);
        items.add(TeamsText.labelled("Next", DigestText.action(a)).spacing("Small").json);
        return TeamsCard.container(items);
    }

    private static String color(Severity worst) {
        if (worst == null) {
            return "Good";
        }
        return worst.atLeast(Severity.HIGH) ? "Attention" : "Warning";
    }
}
