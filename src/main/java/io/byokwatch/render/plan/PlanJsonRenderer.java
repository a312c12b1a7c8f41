package io.byokwatch.render.plan;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.app.PlanReport;
import io.byokwatch.app.ScanReport;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.PlanGap;
import io.byokwatch.port.PlanResolution;
import io.byokwatch.port.PlannedResource;
import io.byokwatch.render.PrettyJson;
import io.byokwatch.render.report.JsonReportRenderer;

import java.util.List;
import java.util.Map;

/**
 * {@code byokwatch plan --format json}: the scan report contract ({@code schema/scan-report.v1.schema.json}), with
 * the optional plan parts that contract describes: {@code plan} on each finding and cluster (where in the plan to
 * fix it) and the {@code plan} block (what the change does, what it destroys, what only a plan shows).
 */
public final class PlanJsonRenderer implements PlanRenderer {

    @Override
    public String render(PlanReport report) {
        return PrettyJson.write(toJson(report));
    }

    public JsonObject toJson(PlanReport report) {
        JsonObject root = new JsonReportRenderer().toJson(report.scan());
        JsonArray clusters = root.getAsJsonArray("clusters");
        for (int i = 0; i < clusters.size(); i++) {
            ClusterVerdict v = report.scan().clusters().get(i);
            JsonObject cluster = clusters.get(i).getAsJsonObject();
            PlanPlace own = PlanPlace.of(report, v.clusterId(), List.of());
            if (own != null) {
                cluster.add("plan", place(own));
            }
            JsonArray findings = cluster.getAsJsonArray("findings");
            for (int j = 0; j < findings.size(); j++) {
                annotate(findings.get(j), report, v.findings().get(j).resourceId(), List.of(v.clusterId()));
            }
        }
        JsonArray findings = root.getAsJsonArray("findings");
        for (int i = 0; i < findings.size(); i++) {
            ScanReport.SharedFinding s = report.scan().findings().get(i);
            annotate(findings.get(i), report, s.finding().resourceId(), s.clusterIds());
        }
        root.add("plan", plan(report));
        return root;
    }

    private static void annotate(JsonElement finding, PlanReport report, ResourceId resource, List<ResourceId> clusters) {
        PlanPlace place = PlanPlace.of(report, resource, clusters);
        if (place != null) {
            finding.getAsJsonObject().add("plan", place(place));
        }
    }

    static JsonObject place(PlanPlace p) {
        JsonObject o = new JsonObject();
        o.addProperty("address", p.address());
        o.addProperty("action", p.action());
        if (p.type() != null) {
            o.addProperty("type", p.type());
        }
        if (p.location() != null) {
            o.addProperty("file", p.location().file());
            o.addProperty("line", p.location().line());
        }
        return o;
    }

    private static JsonObject plan(PlanReport report) {
        JsonObject plan = new JsonObject();
        plan.addProperty("format", report.format());
        plan.addProperty("source", report.source());
        JsonObject counts = new JsonObject();
        Map<PlannedResource.Action, Integer> byAction = report.countsByAction();
        for (PlannedResource.Action a : PlannedResource.Action.values()) {
            counts.addProperty(a == PlannedResource.Action.NO_OP ? "noOp" : a.label(), byAction.getOrDefault(a, 0));
        }
        plan.add("resources", counts);
        JsonArray replacements = new JsonArray();
        for (PlanReport.Replacement r : report.replacements()) {
            JsonObject o = new JsonObject();
            PlannedResource res = r.resource();
            o.addProperty("address", res.address());
            o.addProperty("action", res.action().label());
            o.addProperty("kind", PlanPlace.kind(res.kind()));
            if (res.id() != null) {
                o.addProperty("resourceId", res.id().toString());
            }
            JsonArray forcedBy = new JsonArray();
            res.forcedBy().forEach(forcedBy::add);
            o.add("forcedBy", forcedBy);
            o.addProperty("losesHostEncryption", res.losesHostEncryption());
            o.addProperty("message", r.consequence());
            if (res.location() != null) {
                o.addProperty("file", res.location().file());
                o.addProperty("line", res.location().line());
            }
            replacements.add(o);
        }
        plan.add("replacements", replacements);
        JsonArray unattached = new JsonArray();
        for (ScanReport.SharedFinding s : report.unattached()) {
            Finding f = s.finding();
            JsonObject o = JsonReportRenderer.finding(f, null);
            PlanPlace place = PlanPlace.of(report, f.resourceId(), List.of());
            if (place != null) {
                o.add("plan", place(place));
            }
            unattached.add(o);
        }
        plan.add("findings", unattached);
        JsonArray open = new JsonArray();
        for (PlanGap g : report.notEvaluated()) {
            JsonObject o = new JsonObject();
            o.addProperty("address", g.address());
            if (g.resourceId() != null) {
                o.addProperty("resourceId", g.resourceId().toString());
            }
            o.addProperty("reason", g.reason());
            open.add(o);
        }
        plan.add("notEvaluated", open);
        JsonArray resolved = new JsonArray();
        for (PlanResolution r : report.resolutions()) {
            JsonObject o = new JsonObject();
            o.addProperty("address", r.address());
            o.addProperty("attribute", r.attribute());
            o.addProperty("reference", r.reference());
            o.addProperty("target", r.target());
            if (r.value() != null) {
                o.addProperty("value", r.value());
            }
            o.addProperty("atApply", r.atApply());
            resolved.add(o);
        }
        plan.add("resolved", resolved);
        return plan;
    }
}
