package io.byokwatch.render.kpi;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.byokwatch.domain.Severity;
import io.byokwatch.kpi.ComplianceFigures;
import io.byokwatch.kpi.CostFigures;
import io.byokwatch.kpi.KeyInUse;
import io.byokwatch.kpi.KpiReport;
import io.byokwatch.kpi.PriceTable;
import io.byokwatch.kpi.RemediationFigures;
import io.byokwatch.kpi.RotationFigures;
import io.byokwatch.kpi.Stats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The KPI report as the public JSON contract {@code schemaVersion: 1} (schema/kpi-report.v1.schema.json): durations
 * in seconds, times ISO-8601 UTC, amounts in the price table's currency. Absent values are left out, never null.
 */
public final class KpiJsonRenderer {
    private KpiJsonRenderer() {
    }

    public static String render(KpiReport r) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(tree(r)) + "\n";
    }

    public static JsonObject tree(KpiReport r) {
        JsonObject o = new JsonObject();
        o.addProperty("schemaVersion", 1);
        o.addProperty("generatedAt", r.generatedAt().toString());
        JsonObject window = new JsonObject();
        window.addProperty("from", r.from().toString());
        window.addProperty("to", r.to().toString());
        o.add("window", window);
        JsonObject history = new JsonObject();
        history.addProperty("entries", r.historyEntries());
        time(history, "since", r.historySince());
        o.add("history", history);
        if (r.inventory() != null) {
            o.addProperty("inventory", r.inventory());
        }
        o.add("headline", headline(r));
        o.add("compliance", compliance(r.compliance()));
        o.add("remediation", remediation(r.remediation()));
        o.add("rotation", rotation(r.rotation()));
        o.add("cost", cost(r.cost()));
        o.add("notes", strings(r.notes()));
        return o;
    }

    private static JsonObject headline(KpiReport r) {
        KpiReport.Headline h = r.headline();
        JsonObject o = new JsonObject();
        number(o, "compliantPercent", round(h.compliantPercent()));
        number(o, "meanHoursToRemediate", round(h.meanHoursToRemediate()));
        number(o, "rotatedWithinPolicyPercent", round(h.rotatedWithinPolicyPercent()));
        number(o, "costEstimate", h.costEstimate() == null ? null : cents(h.costEstimate()));
        o.addProperty("currency", r.cost().prices().currency());
        return o;
    }

    private static JsonObject compliance(ComplianceFigures c) {
        JsonObject o = new JsonObject();
        o.add("days", days(c.days()));
        if (c.grouping().label() != null) {
            o.addProperty("groupedBy", c.grouping().label());
            JsonArray groups = new JsonArray();
            for (Map.Entry<String, List<ComplianceFigures.Day>> g : c.byGroup().entrySet()) {
                JsonObject go = new JsonObject();
                go.addProperty("name", g.getKey());
                go.add("days", days(g.getValue()));
                groups.add(go);
            }
            o.add("groups", groups);
        }
        return o;
    }

    private static JsonArray days(List<ComplianceFigures.Day> days) {
        JsonArray a = new JsonArray();
        for (ComplianceFigures.Day d : days) {
            JsonObject o = new JsonObject();
            o.addProperty("date", d.date().toString());
            o.addProperty("inScope", d.inScope());
            o.addProperty("compliant", d.compliant());
            o.addProperty("noncompliant", d.noncompliant());
            o.addProperty("unknown", d.unknown());
            o.addProperty("exempt", d.exempt());
            o.addProperty("notRequired", d.notRequired());
            number(o, "percent", round(d.percent()));
            a.add(o);
        }
        return a;
    }

    private static JsonObject remediation(RemediationFigures r) {
        JsonObject o = new JsonObject();
        o.add("overall", stats(r.overall()));
        JsonObject bySeverity = new JsonObject();
        r.bySeverity().forEach((s, st) -> bySeverity.add(s.label(), stats(st)));
        o.add("bySeverity", bySeverity);
        JsonArray byRule = new JsonArray();
        for (RemediationFigures.RuleStats rs : r.byRule()) {
            JsonObject ro = stats(rs.stats());
            ro.addProperty("ruleId", rs.ruleId());
            ro.addProperty("severity", rs.severity().label());
            byRule.add(ro);
        }
        o.add("byRule", byRule);
        JsonObject open = new JsonObject();
        open.addProperty("total", r.open().size());
        JsonArray byAge = new JsonArray();
        for (int i = 0; i < RemediationFigures.AGE_LABELS.size(); i++) {
            JsonObject b = new JsonObject();
            b.addProperty("age", RemediationFigures.AGE_LABELS.get(i));
            for (Severity s : Severity.values()) {
                b.addProperty(s.label(), r.openByAge().get(s)[i]);
            }
            byAge.add(b);
        }
        open.add("byAge", byAge);
        JsonArray findings = new JsonArray();
        for (RemediationFigures.OpenFinding f : r.open()) {
            JsonObject fo = new JsonObject();
            fo.addProperty("clusterId", f.clusterId().toString());
            fo.addProperty("clusterName", f.clusterName());
            if (f.resourceId() != null) {
                fo.addProperty("resourceId", f.resourceId());
            }
            fo.addProperty("ruleId", f.ruleId());
            fo.addProperty("severity", f.severity().label());
            if (f.keyUse() != null) {
                fo.addProperty("keyUse", f.keyUse());
            }
            fo.addProperty("since", f.since().toString());
            fo.addProperty("ageSeconds", f.age().toSeconds());
            findings.add(fo);
        }
        open.add("findings", findings);
        o.add("open", open);
        JsonObject closed = new JsonObject();
        closed.addProperty("waived", r.waived());
        closed.addProperty("deleted", r.deleted());
        o.add("closedWithoutFix", closed);
        RemediationFigures.DetectionLatency d = r.detection();
        JsonObject latency = stats(d.stats());
        latency.addProperty("budgetSeconds", d.budget().toSeconds());
        latency.addProperty("withinBudget", d.withinBudget());
        number(latency, "withinBudgetPercent", round(d.withinBudgetPercent()));
        latency.addProperty("fromSweeps", d.fromSweeps());
        o.add("detectionLatency", latency);
        return o;
    }

    private static JsonObject rotation(RotationFigures r) {
        JsonObject o = new JsonObject();
        o.addProperty("keyMaxAgeDays", r.maxAgeDays());
        o.addProperty("keysInUse", r.keys().size());
        o.addProperty("keysJudged", r.judged());
        o.addProperty("keysWithinPolicy", r.withinPolicy());
        number(o, "withinPolicyPercent", round(r.withinPolicyPercent()));
        o.addProperty("consumersCompared", r.consumers());
        o.addProperty("consumersOnNewest", r.onNewest());
        number(o, "onNewestPercent", round(r.onNewestPercent()));
        JsonArray keys = new JsonArray();
        for (RotationFigures.KeyRotation k : r.keys()) {
            JsonObject ko = new JsonObject();
            ko.addProperty("key", k.key().toString());
            ko.addProperty("vault", k.key().vaultName());
            ko.addProperty("name", k.key().name());
            if (k.keyType() != null) {
                ko.addProperty("keyType", k.keyType());
            }
            ko.addProperty("hsm", k.hsm());
            number(ko, "versionsLastYear", k.versionsLastYear());
            number(ko, "daysSinceNewest", k.daysSinceNewest());
            number(ko, "medianIntervalDays", round(k.medianIntervalDays()));
            if (k.newestVersion() != null) {
                ko.addProperty("newestVersion", k.newestVersion());
            }
            ko.addProperty("rotationPolicy", k.policy());
            if (k.withinPolicy() != null) {
                ko.addProperty("withinPolicy", k.withinPolicy());
            }
            number(ko, "rotateOperations", k.rotateOps());
            if (k.unknown() != null) {
                ko.addProperty("unknown", k.unknown());
            }
            JsonArray consumers = new JsonArray();
            for (RotationFigures.ConsumerState cs : k.consumers()) {
                KeyInUse.Consumer c = cs.consumer();
                JsonObject co = new JsonObject();
                co.addProperty("kind", c.kind());
                co.addProperty("id", c.id().toString());
                co.addProperty("name", c.name());
                if (c.usedVersion() != null) {
                    co.addProperty("usedVersion", c.usedVersion());
                }
                co.addProperty("followsLatest", c.followsLatest());
                if (cs.onNewest() != null) {
                    co.addProperty("onNewest", cs.onNewest());
                }
                time(co, "lastRotation", c.lastRotation());
                if (c.rotationError() != null) {
                    co.addProperty("rotationError", c.rotationError());
                }
                co.add("clusters", strings(c.clusters()));
                consumers.add(co);
            }
            ko.add("consumers", consumers);
            keys.add(ko);
        }
        o.add("keys", keys);
        return o;
    }

    private static JsonObject cost(CostFigures c) {
        JsonObject o = new JsonObject();
        o.addProperty("estimate", true);
        o.addProperty("currency", c.prices().currency());
        o.addProperty("source", c.source());
        o.addProperty("total", cents(c.total()));
        PriceTable p = c.prices();
        JsonObject prices = new JsonObject();
        prices.addProperty("asOf", p.asOf().toString());
        prices.addProperty("source", p.source());
        prices.addProperty("standardOpsPer10k", p.standardOpsPer10k());
        prices.addProperty("advancedOpsPer10k", p.advancedOpsPer10k());
        prices.addProperty("hsmOpsPer10k", p.hsmOpsPer10k());
        prices.addProperty("hsmAdvancedOpsPer10k", p.hsmAdvancedOpsPer10k());
        prices.addProperty("hsmKeyPerMonth", p.hsmKeyPerMonth());
        prices.addProperty("hsmAdvancedKeyPerMonth", p.hsmAdvancedKeyPerMonth());
        prices.addProperty("scheduledRotation", p.scheduledRotation());
        o.add("prices", prices);
        JsonArray byVault = new JsonArray();
        c.byVault().forEach((v, total) -> {
            JsonObject vo = new JsonObject();
            vo.addProperty("vault", v);
            vo.addProperty("total", cents(total));
            byVault.add(vo);
        });
        o.add("byVault", byVault);
        JsonArray lines = new JsonArray();
        for (CostFigures.Line l : c.lines()) {
            JsonObject lo = new JsonObject();
            lo.addProperty("vault", l.vault());
            if (l.key() != null) {
                lo.addProperty("key", l.key());
            }
            lo.addProperty("month", l.month().toString());
            lo.addProperty("operations", l.operations());
            lo.addProperty("operationsCost", cents(l.operationsCost()));
            lo.addProperty("rotations", l.rotations());
            lo.addProperty("rotationsCost", cents(l.rotationsCost()));
            lo.addProperty("keyMonths", Math.round(l.keyMonths() * 1000) / 1000.0);
            lo.addProperty("keyCost", cents(l.keyCost()));
            lo.addProperty("total", cents(l.total()));
            lines.add(lo);
        }
        o.add("lines", lines);
        o.add("notes", strings(c.notes()));
        return o;
    }

    private static JsonObject stats(Stats s) {
        JsonObject o = new JsonObject();
        o.addProperty("count", s.count());
        seconds(o, "meanSeconds", s.mean());
        seconds(o, "p50Seconds", s.p50());
        seconds(o, "p90Seconds", s.p90());
        seconds(o, "maxSeconds", s.max());
        return o;
    }

    private static void seconds(JsonObject o, String name, Duration d) {
        if (d != null) {
            o.addProperty(name, d.toSeconds());
        }
    }

    private static void time(JsonObject o, String name, Instant t) {
        if (t != null) {
            o.addProperty(name, t.toString());
        }
    }

    private static void number(JsonObject o, String name, Number n) {
        if (n != null) {
            o.addProperty(name, n);
        }
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    private static Double round(Double x) {
        return x == null ? null : Math.round(x * 10) / 10.0;
    }

    private static double cents(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
