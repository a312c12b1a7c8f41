package io.byokwatch.render.report;

import io.byokwatch.render.JsonStream;
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

import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SARIF 2.1.0 for GitHub code scanning, Azure DevOps Advanced Security and other SARIF viewers: the whole rule catalog
 * as the driver's rules, each with how to fix it in its {@code help} (what code scanning shows beside an alert), one
 * result per deduplicated finding whose message ends with that finding's own commands, and the rules that could not
 * run as tool notifications.
 *
 * <p>Locations come from {@link SarifLocations}: the inventory file and the line of the resource's object (else of its
 * node pool's cluster, else of the first affected cluster) for a file inventory, and the resource id as a logical
 * location always. A live scan has no file, so its results carry the logical location only; GitHub code scanning
 * refuses such results, so upload SARIF from a file inventory there.
 *
 * <p>GitHub accepts at most {@value #GITHUB_MAX_RESULTS} results per run. Beyond {@code maxResults} the most severe
 * findings are kept one by one and each rule's remaining findings become one summary result, with a notification
 * saying how many were folded: nothing disappears without a word.
 */
public final class SarifRenderer implements ReportRenderer {
    static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String INFORMATION_URI = "https://github.com/byokwatch/byokwatch";
    /** GitHub code scanning's limit of results per run. */
    public static final int GITHUB_MAX_RESULTS = 25_000;
    /** Beyond this many names a result message says "and N more"; the full list is in properties.clusterIds. */
    private static final int CLUSTERS_NAMED = 10;
    static final String SOURCE_ROOT = "%SRCROOT%";

    private final RuleCatalog catalog;
    private final String toolVersion;
    private final SarifLocations locations;
    private final int maxResults;

    public SarifRenderer(RuleCatalog catalog) {
        this(catalog, ToolVersion.current());
    }

    public SarifRenderer(RuleCatalog catalog, String toolVersion) {
        this(catalog, toolVersion, SarifLocations.LIVE, GITHUB_MAX_RESULTS);
    }

    public SarifRenderer(RuleCatalog catalog, SarifLocations locations) {
        this(catalog, ToolVersion.current(), locations, GITHUB_MAX_RESULTS);
    }

    /** @param maxResults more than the number of rules, so that every rule can keep its summary result */
    public SarifRenderer(RuleCatalog catalog, String toolVersion, SarifLocations locations, int maxResults) {
        if (maxResults <= catalog.all().size()) {
            throw new IllegalArgumentException("maxResults must exceed the " + catalog.all().size() + " rules, got " + maxResults);
        }
        this.catalog = catalog;
        this.toolVersion = toolVersion;
        this.locations = locations;
        this.maxResults = maxResults;
    }

    @Override
    public String render(ScanReport report) {
        return PrettyJson.write(log(report));
    }

    /**
     * The same text, streamed from the tree: the log of a 100,000-disk estate is over 200 MB, and made into one string
     * first it took 1.8 GB.
     */
    @Override
    public void render(ScanReport report, Writer out) throws IOException {
        JsonStream.to(out).value(log(report)).finish();
    }

    private JsonObject log(ScanReport report) {
        List<RuleMeta> rules = catalog.all().stream().map(Rule::meta).toList();
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            ruleIndex.put(rules.get(i).id(), i);
        }

        JsonObject run = new JsonObject();
        run.add("tool", tool(rules));
        JsonObject invocation = invocation(report, ruleIndex);
        run.add("invocations", one(invocation));
        JsonArray results = new JsonArray();
        List<ScanReport.SharedFinding> findings = report.findings();
        List<ScanReport.SharedFinding> kept = findings;
        Map<String, List<ScanReport.SharedFinding>> folded = new java.util.LinkedHashMap<>();
        if (findings.size() > maxResults) {
            // findings come most severe first; keep the first ones whole and fold the rest into one result per rule
            // folding more findings can only add rules to fold, so this settles within as many rounds as there are rules
            int room = maxResults;
            while (true) {
                kept = findings.subList(0, room);
                folded.clear();
                for (ScanReport.SharedFinding s : findings.subList(room, findings.size())) {
                    folded.computeIfAbsent(s.finding().ruleId(), k -> new ArrayList<>()).add(s);
                }
                if (kept.size() + folded.size() <= maxResults || room == 0) {
                    break;
                }
                room = Math.max(0, maxResults - folded.size());
            }
        }
        kept.forEach(s -> results.add(located(s, ruleIndex)));
        folded.forEach((rule, rest) -> results.add(summary(rule, rest, ruleIndex)));
        if (!folded.isEmpty()) {
            int n = folded.values().stream().mapToInt(List::size).sum();
            JsonObject note = new JsonObject();
            note.addProperty("level", "warning");
            note.add("message", text(n + " findings beyond the first " + kept.size() + " are folded into " + folded.size()
                    + " summary results, one per rule, because GitHub code scanning accepts at most " + GITHUB_MAX_RESULTS
                    + " results per run; --format json lists every finding."));
            invocation.getAsJsonArray("toolExecutionNotifications").add(note);
        }
        run.add("results", results);
        JsonObject automation = new JsonObject();
        // the part before the last slash is the analysis category GitHub keeps apart from other tools' uploads
        automation.addProperty("id", "byokwatch/scan/" + DateTimeFormatter.ISO_INSTANT.format(report.generatedAt()));
        run.add("automationDetails", automation);
        if (locations.sourceRoot() != null) {
            JsonObject root = new JsonObject();
            root.addProperty("uri", locations.sourceRoot());
            root.add("description", text("The directory byokwatch scan ran in; inventory files are relative to it."));
            JsonObject bases = new JsonObject();
            bases.add(SOURCE_ROOT, root);
            run.add("originalUriBaseIds", bases);
        }

        JsonObject log = new JsonObject();
        log.addProperty("$schema", SCHEMA_URI);
        log.addProperty("version", "2.1.0");
        log.add("runs", one(run));
        return log;
    }

    private JsonObject tool(List<RuleMeta> rules) {
        JsonObject driver = new JsonObject();
        driver.addProperty("name", "byokwatch");
        driver.addProperty("fullName", "byokwatch " + toolVersion + ": AKS customer-managed-key encryption checks");
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
        RuleHelp.Fix fix = RuleHelp.of(meta.id());
        StringBuilder plain = new StringBuilder(failsWhen).append("\n\n");
        StringBuilder markdown = new StringBuilder("**Fails when** ").append(sentence(meta.failsWhen())).append("\n\n");
        if (fix != null) {
            plain.append("How to fix: ").append(fix.summary()).append("\n\n").append(fix.az().strip()).append("\n\nTerraform: ")
                    .append(fix.terraform().replace("`", "")).append("\n\n");
            markdown.append("**How to fix**\n\n").append(fix.summary()).append("\n\n```bash\n").append(fix.az().strip())
                    .append("\n```\n\n**Terraform:** ").append(fix.terraform()).append("\n\n");
        }
        plain.append("Each result's message ends with the commands for its own resources.\n\nReferences:\n- ")
                .append(String.join("\n- ", meta.references()));
        markdown.append("Each alert's message ends with the commands for its own resources.\n\n**References**\n\n- ")
                .append(String.join("\n- ", meta.references()));
        JsonObject help = text(plain.toString());
        help.addProperty("markdown", markdown.toString());
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

    /** One result located by this renderer's {@link SarifLocations}. */
    private JsonObject located(ScanReport.SharedFinding shared, Map<String, Integer> ruleIndex) {
        return result(shared, ruleIndex, place(shared.finding().resourceId(), shared.clusterIds()));
    }

    /**
     * One result with the resource id as its only location; public for the plan renderer, which places results on the
     * plan's files and lines.
     */
    public static JsonObject result(ScanReport.SharedFinding shared, Map<String, Integer> ruleIndex) {
        return result(shared, ruleIndex, null);
    }

    private static JsonObject result(ScanReport.SharedFinding shared, Map<String, Integer> ruleIndex, SarifLocations.FileLine file) {
        Finding f = shared.finding();
        JsonObject o = new JsonObject();
        o.addProperty("ruleId", f.ruleId());
        Integer index = ruleIndex.get(f.ruleId());
        if (index != null) {
            o.addProperty("ruleIndex", index);
        }
        o.addProperty("level", SarifLevels.level(f.severity()));
        int n = shared.clusterIds().size();
        StringBuilder message = new StringBuilder(f.message()).append(" Affects ").append(ResourceNames.clusters(n))
                .append(": ").append(ResourceNames.clusterList(shared.clusterIds(), CLUSTERS_NAMED)).append('.');
        if (f.remediation() != null && !f.remediation().isBlank()) {
            message.append("\n\nFix: ").append(f.remediation().strip());
        }
        o.add("message", text(message.toString()));
        o.add("locations", one(location(f.resourceId(), file)));
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

    /**
     * The file line for a result: the resource's own, else the nearest resource above it (a node pool's cluster, a
     * key's vault), else the first affected cluster's, which always names it in its chain.
     */
    private SarifLocations.FileLine place(ResourceId id, List<ResourceId> clusters) {
        for (ResourceId r = id; r != null; r = parentResource(r)) {
            SarifLocations.FileLine found = locations.find(r);
            if (found != null) {
                return found;
            }
        }
        for (ResourceId c : clusters) {
            SarifLocations.FileLine found = locations.find(c);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The resource one level up ({@code .../vaults/v} for {@code .../vaults/v/keys/k}); null above a top-level one. */
    private static ResourceId parentResource(ResourceId id) {
        ResourceId top = id.topLevel();
        if (top.equals(id)) {
            return null;
        }
        String s = id.toString();
        String up = s.substring(0, s.lastIndexOf('/', s.lastIndexOf('/') - 1));
        return ResourceId.orNull(up);
    }

    /** A physical location when the file is known; the resource id as the logical location always. */
    private static JsonObject location(ResourceId id, SarifLocations.FileLine file) {
        JsonObject location = new JsonObject();
        if (file != null) {
            JsonObject artifact = new JsonObject();
            artifact.addProperty("uri", file.uri());
            if (file.relative()) {
                artifact.addProperty("uriBaseId", SOURCE_ROOT);
            }
            JsonObject region = new JsonObject();
            region.addProperty("startLine", file.line());
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

    /** The findings of one rule beyond the limit, as one result at the first one's place. */
    private JsonObject summary(String ruleId, List<ScanReport.SharedFinding> rest, Map<String, Integer> ruleIndex) {
        Finding first = rest.get(0).finding();
        JsonObject o = new JsonObject();
        o.addProperty("ruleId", ruleId);
        Integer index = ruleIndex.get(ruleId);
        if (index != null) {
            o.addProperty("ruleIndex", index);
        }
        o.addProperty("level", SarifLevels.level(first.severity()));
        List<ResourceId> resources = rest.stream().map(s -> s.finding().resourceId()).toList();
        o.add("message", text(rest.size() + " more findings of rule " + ruleId + " (" + first.title() + "), on "
                + ResourceNames.describe(first.resourceId()) + " and " + (rest.size() - 1) + " other resources, are folded"
                + " into this one result because GitHub code scanning accepts at most " + GITHUB_MAX_RESULTS + " results"
                + " per run. byokwatch scan --format json lists each with its commands."));
        o.add("locations", one(location(first.resourceId(), place(first.resourceId(), rest.get(0).clusterIds()))));
        JsonObject fingerprints = new JsonObject();
        fingerprints.addProperty(Fingerprints.KEY, Fingerprints.ofSummary(ruleId));
        o.add("partialFingerprints", fingerprints);
        JsonObject properties = new JsonObject();
        properties.addProperty("severity", first.severity().label());
        properties.addProperty("folded", rest.size());
        properties.add("resourceIds", JsonValues.of(resources.stream().map(ResourceId::toString).toList()));
        o.add("properties", properties);
        return o;
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
                note.add("locations", one(location(n.resourceId(), null)));
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
        for (ScanReport.Coverage c : report.coverage()) {
            JsonObject note = new JsonObject();
            note.addProperty("level", "note");
            note.add("message", text(c.note() + (c.reasons().isEmpty() ? "" : " " + String.join(" ", c.reasons()))));
            JsonObject rule = new JsonObject();
            rule.addProperty("id", c.ruleId());
            Integer index = ruleIndex.get(c.ruleId());
            if (index != null) {
                rule.addProperty("index", index);
            }
            note.add("associatedRule", rule);
            notifications.add(note);
        }
        o.add("toolExecutionNotifications", notifications);
        o.add("toolConfigurationNotifications", policyWarnings(report));
        return o;
    }

    /** What in the policy weakened this run (disabled rules, broad or lasting exemptions): configuration, not results. */
    private static JsonArray policyWarnings(ScanReport report) {
        JsonArray out = new JsonArray();
        for (String w : report.policyWarnings()) {
            JsonObject note = new JsonObject();
            note.addProperty("level", "warning");
            note.add("message", text("Policy: " + w));
            JsonObject descriptor = new JsonObject();
            descriptor.addProperty("id", "byokwatch-policy");
            note.add("descriptor", descriptor);
            out.add(note);
        }
        return out;
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
