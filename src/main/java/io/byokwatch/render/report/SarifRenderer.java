package io.byokwatch.render.report;

import io.byokwatch.render.JsonValues;
import io.byokwatch.render.PrettyJson;
import io.byokwatch.render.ResourceNames;
import io.byokwatch.render.RuleNames;
import io.byokwatch.render.ToolVersion;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.byokwatch.app.ScanReport;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.NotEvaluated;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.rules.Rule;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.rules.RuleMeta;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: the whole rule catalog as the driver's rules, one
 * result per deduplicated finding, and the rules that could not run as tool notifications.
 */
public final class SarifRenderer implements ReportRenderer {
    static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String INFORMATION_URI = "https://github.com/byokwatch/byokwatch";
    /** Beyond this many names a result message says "and N more"; the full list is in properties.clusterIds. */
    private static final int CLUSTERS_NAMED = 10;

    private final RuleCatalog catalog;
    private final String toolVersion;

    public SarifRenderer(RuleCatalog catalog) {
        this(catalog, ToolVersion.current());
    }

    public SarifRenderer(RuleCatalog catalog, String toolVersion) {
        this.catalog = catalog;
        this.toolVersion = toolVersion;
    }

    @Override
    public String render(ScanReport report) {
        List<RuleMeta> rules = catalog.all().stream().map(Rule::meta).toList();
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            ruleIndex.put(rules.get(i).id(), i);
        }

        JsonObject run = new JsonObject();
        run.add("tool", tool(rules));
        run.add("invocations", one(invocation(report, ruleIndex)));
        JsonArray results = new JsonArray();
        report.findings().forEach(s -> results.add(result(s, ruleIndex)));
        run.add("results", results);

        JsonObject log = new JsonObject();
        log.addProperty("$schema", SCHEMA_URI);
        log.addProperty("version", "2.1.0");
        log.add("runs", one(run));
        return PrettyJson.write(log);
    }

    private JsonObject tool(List<RuleMeta> rules) {
        JsonObject driver = new JsonObject();
        driver.addProperty("name", "byokwatch");
        driver.addProperty("informationUri", INFORMATION_URI);
        driver.addProperty("semanticVersion", toolVersion);
        JsonArray descriptors = new JsonArray();
        rules.forEach(r -> descriptors.add(rule(r)));
        driver.add("rules", descriptors);
        JsonObject tool = new JsonObject();
        tool.add("driver", driver);
        return tool;
    }

    /** A rule descriptor; public for renderers that list rules kept outside the catalog (the plan-only rules). */
    public static JsonObject rule(RuleMeta meta) {
        String failsWhen = "Fails when " + sentence(meta.failsWhen());
        JsonObject o = new JsonObject();
        o.addProperty("id", meta.id());
        o.addProperty("name", RuleNames.pascalCase(meta.id()));
        o.add("shortDescription", text(meta.title()));
        o.add("fullDescription", text(failsWhen));
        JsonObject help = text(failsWhen + "\n\nReferences:\n- " + String.join("\n- ", meta.references()));
        help.addProperty("markdown", "**Fails when** " + sentence(meta.failsWhen()) + "\n\n**References**\n\n- "
                + String.join("\n- ", meta.references()));
        o.add("help", help);
        JsonObject config = new JsonObject();
        config.addProperty("level", SarifLevels.level(meta.severity()));
        o.add("defaultConfiguration", config);
        JsonObject properties = new JsonObject();
        properties.add("tags", JsonValues.of(tags(meta.id())));
        properties.addProperty("security-severity", SarifLevels.securitySeverity(meta.severity()));
        properties.addProperty("severity", meta.severity().label());
        o.add("properties", properties);
        return o;
    }

    /** Tags group rules in code scanning's filters; the last one names the link of the chain the rule checks. */
    private static List<String> tags(String ruleId) {
        List<String> tags = new ArrayList<>(List.of("security", "encryption", "customer-managed-key", "azure"));
        String prefix = ruleId.substring(0, Math.max(0, ruleId.indexOf('-')));
        switch (prefix) {
            case "aks" -> tags.add("aks");
            case "des" -> tags.add("disk-encryption-set");
            case "key", "vault" -> tags.add("key-vault");
            default -> { }
        }
        return tags;
    }

    /** One result; public for the plan renderer, which places results on the plan's files and lines. */
    public static JsonObject result(ScanReport.SharedFinding shared, Map<String, Integer> ruleIndex) {
        Finding f = shared.finding();
        JsonObject o = new JsonObject();
        o.addProperty("ruleId", f.ruleId());
        Integer index = ruleIndex.get(f.ruleId());
        if (index != null) {
            o.addProperty("ruleIndex", index);
        }
        o.addProperty("level", SarifLevels.level(f.severity()));
        int n = shared.clusterIds().size();
        o.add("message", text(f.message() + " Affects " + ResourceNames.clusters(n) + ": "
                + ResourceNames.clusterList(shared.clusterIds(), CLUSTERS_NAMED) + "."));
        o.add("locations", one(location(f.resourceId(), true)));
        JsonObject fingerprints = new JsonObject();
        fingerprints.addProperty(Fingerprints.KEY, Fingerprints.of(f));
        o.add("partialFingerprints", fingerprints);
        JsonObject properties = new JsonObject();
        properties.addProperty("severity", f.severity().label());
        properties.addProperty("title", f.title());
        properties.add("clusterIds", JsonValues.of(shared.clusterIds().stream().map(ResourceId::toString).toList()));
        properties.add("evidence", JsonValues.object(f.evidence()));
        if (f.remediation() != null) {
            properties.addProperty("remediation", f.remediation());
        }
        o.add("properties", properties);
        return o;
    }

    /** Results get a physical location too, because code scanning drops results without one. */
    private static JsonObject location(ResourceId id, boolean physical) {
        JsonObject location = new JsonObject();
        if (physical) {
            JsonObject artifact = new JsonObject();
            artifact.addProperty("uri", ArtifactPath.of(id));
            JsonObject region = new JsonObject();
            region.addProperty("startLine", 1);
            JsonObject physicalLocation = new JsonObject();
            physicalLocation.add("artifactLocation", artifact);
            physicalLocation.add("region", region);
            location.add("physicalLocation", physicalLocation);
        }
        JsonObject logical = new JsonObject();
        logical.addProperty("name", id.name());
        logical.addProperty("fullyQualifiedName", id.toString());
        logical.addProperty("kind", "resource");
        location.add("logicalLocations", one(logical));
        return location;
    }

    /**
     * A rule that could not run is not a result (nothing was found wrong) but hiding it would overstate coverage, so
     * each distinct one becomes a note-level notification. Clusters the policy leaves out (rule id *) are not a gap.
     */
    private static JsonObject invocation(ScanReport report, Map<String, Integer> ruleIndex) {
        JsonObject o = new JsonObject();
        o.addProperty("executionSuccessful", true);
        o.addProperty("endTimeUtc", DateTimeFormatter.ISO_INSTANT.format(report.generatedAt()));
        Set<String> seen = new LinkedHashSet<>();
        JsonArray notifications = new JsonArray();
        for (ClusterVerdict v : report.clusters()) {
            for (NotEvaluated n : v.notEvaluated()) {
                if ("*".equals(n.ruleId()) || n.resourceId() == null
                        || !seen.add(n.ruleId() + "|" + n.resourceId().key() + "|" + n.reason())) {
                    continue;
                }
                JsonObject note = new JsonObject();
                note.addProperty("level", "note");
                note.add("message", text("Rule " + n.ruleId() + " was not evaluated on "
                        + ResourceNames.describe(n.resourceId()) + ": " + n.reason()));
                note.add("locations", one(location(n.resourceId(), false)));
                JsonObject rule = new JsonObject();
                rule.addProperty("id", n.ruleId());
                Integer index = ruleIndex.get(n.ruleId());
                if (index != null) {
                    rule.addProperty("index", index);
                }
                note.add("associatedRule", rule);
                notifications.add(note);
            }
        }
        o.add("toolExecutionNotifications", notifications);
        return o;
    }

    private static JsonObject text(String value) {
        JsonObject o = new JsonObject();
        o.addProperty("text", value);
        return o;
    }

    private static JsonArray one(JsonObject element) {
        JsonArray array = new JsonArray();
        array.add(element);
        return array;
    }

    private static String sentence(String text) {
        String t = text.strip();
        return t.endsWith(".") ? t : t + ".";
    }
}
