package io.byokwatch.render.plan;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.app.PlanReport;
import io.byokwatch.app.ScanReport;
import io.byokwatch.domain.Severity;
import io.byokwatch.port.PlanGap;
import io.byokwatch.port.PlannedResource;
import io.byokwatch.render.PrettyJson;
import io.byokwatch.render.report.SarifRenderer;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.rules.RuleMeta;
import io.byokwatch.rules.plan.PlanRules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for a plan: the scan's SARIF, with each result placed where the change is written (the {@code .tf}
 * file and line of the resource block with {@code --source}, or the template's line) and named by its plan address
 * as a logical location; the plan-only rules and their results; and each destructive change as a warning result, so
 * a pull request shows a replaced cluster on the line that causes it.
 */
public final class PlanSarifRenderer implements PlanRenderer {
    static final String REPLACEMENT_RULE = "plan-destroys-chain-resource";
    private final RuleCatalog catalog;
    private final PlanRules planRules;
    private final String toolVersion;

    public PlanSarifRenderer(RuleCatalog catalog, PlanRules planRules, String toolVersion) {
        this.catalog = catalog;
        this.planRules = planRules;
        this.toolVersion = toolVersion;
    }

    @Override
    public String render(PlanReport report) {
        JsonObject log = JsonParser.parseString(new SarifRenderer(catalog, toolVersion).render(report.scan())).getAsJsonObject();
        JsonObject run = log.getAsJsonArray("runs").get(0).getAsJsonObject();
        JsonArray rules = run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
        for (RuleMeta meta : planRules.metas()) {
            rules.add(SarifRenderer.rule(meta));
        }
        rules.add(replacementRule());
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            ruleIndex.put(rules.get(i).getAsJsonObject().get("id").getAsString(), i);
        }
        JsonArray results = run.getAsJsonArray("results");
        for (int i = 0; i < results.size(); i++) {
            ScanReport.SharedFinding s = report.scan().findings().get(i);
            JsonObject result = results.get(i).getAsJsonObject();
            result.addProperty("ruleIndex", ruleIndex.get(s.finding().ruleId()));
            place(result, PlanPlace.of(report, s.finding().resourceId(), s.clusterIds()));
        }
        for (ScanReport.SharedFinding s : report.unattached()) {
            JsonObject result = SarifRenderer.result(s, ruleIndex);
            result.getAsJsonObject("message").addProperty("text", s.finding().message()
                    + " The plan does not say which cluster it is applied to.");
            place(result, PlanPlace.of(report, s.finding().resourceId(), List.of()));
            results.add(result);
        }
        for (PlanReport.Replacement r : report.replacements()) {
            results.add(replacement(r, ruleIndex.get(REPLACEMENT_RULE)));
        }
        JsonArray notifications = run.getAsJsonArray("invocations").get(0).getAsJsonObject()
                .getAsJsonArray("toolExecutionNotifications");
        for (PlanGap gap : report.notEvaluated()) {
            JsonObject note = new JsonObject();
            note.addProperty("level", "note");
            note.add("message", text(gap.address() + " was not evaluated: " + gap.reason()));
            notifications.add(note);
        }
        return PrettyJson.write(log);
    }

    /** The result's location moves to the plan: its file and line when known, its address as a logical location. */
    private static void place(JsonObject result, PlanPlace place) {
        if (place == null) {
            return;
        }
        JsonObject location = result.getAsJsonArray("locations").get(0).getAsJsonObject();
        if (place.location() != null) {
            location.add("physicalLocation", physical(place.location()));
        }
        JsonArray logical = location.getAsJsonArray("logicalLocations");
        JsonObject address = new JsonObject();
        address.addProperty("name", place.address());
        address.addProperty("fullyQualifiedName", place.address());
        address.addProperty("kind", "resource");
        JsonArray withAddress = new JsonArray();
        withAddress.add(address);
        logical.forEach(withAddress::add);
        location.add("logicalLocations", withAddress);
        JsonObject properties = result.getAsJsonObject("properties");
        properties.addProperty("planAddress", place.address());
        properties.addProperty("planAction", place.action());
    }

    private static JsonObject physical(PlannedResource.SourceLocation at) {
        JsonObject artifact = new JsonObject();
        artifact.addProperty("uri", at.file());
        JsonObject region = new JsonObject();
        region.addProperty("startLine", at.line());
        JsonObject physical = new JsonObject();
        physical.add("artifactLocation", artifact);
        physical.add("region", region);
        return physical;
    }

    private static JsonObject replacementRule() {
        RuleMeta meta = new RuleMeta(REPLACEMENT_RULE, Severity.HIGH,
                "The change destroys a resource a cluster's encryption depends on",
                "a plan or template replaces or deletes a cluster, a node pool (or takes its encryption at host away), a"
                    + " disk encryption set, a key vault or a key. A warning to read before applying, not a rule"
                    + " byokwatch gates on", List.of(Compliance.FEDRAMP_CP9));
        JsonObject rule = SarifRenderer.rule(meta);
        rule.getAsJsonObject("defaultConfiguration").addProperty("level", "warning");
        JsonObject properties = rule.getAsJsonObject("properties");
        properties.remove("security-severity");
        properties.remove("severity");
        return rule;
    }

    private static JsonObject replacement(PlanReport.Replacement r, int ruleIndex) {
        PlannedResource res = r.resource();
        JsonObject result = new JsonObject();
        result.addProperty("ruleId", REPLACEMENT_RULE);
        result.addProperty("ruleIndex", ruleIndex);
        result.addProperty("level", "warning");
        result.add("message", text(r.consequence() + " (" + res.address() + ")"));
        JsonObject location = new JsonObject();
        if (res.location() != null) {
            location.add("physicalLocation", physical(res.location()));
        } else if (res.id() != null) {
            location.add("physicalLocation", physical(new PlannedResource.SourceLocation(
                    io.byokwatch.render.report.ArtifactPath.of(res.id()), 1)));
        }
        JsonObject logical = new JsonObject();
        logical.addProperty("name", res.address());
        logical.addProperty("fullyQualifiedName", res.address());
        logical.addProperty("kind", "resource");
        JsonArray logicals = new JsonArray();
        logicals.add(logical);
        location.add("logicalLocations", logicals);
        JsonArray locations = new JsonArray();
        locations.add(location);
        result.add("locations", locations);
        JsonObject fingerprints = new JsonObject();
        fingerprints.addProperty("byokwatchPlanChange/v1", res.action().label() + "|" + res.address());
        result.add("partialFingerprints", fingerprints);
        JsonObject properties = new JsonObject();
        properties.addProperty("planAddress", res.address());
        properties.addProperty("planAction", res.action().label());
        JsonArray forcedBy = new JsonArray();
        res.forcedBy().forEach(forcedBy::add);
        properties.add("forcedBy", forcedBy);
        result.add("properties", properties);
        return result;
    }

    private static JsonObject text(String value) {
        JsonObject o = new JsonObject();
        o.addProperty("text", value);
        return o;
    }
}
