package io.byokwatch.render.access;

import io.byokwatch.render.PrettyJson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.byokwatch.access.AccessReport;
import io.byokwatch.access.Anomaly;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The access report as JSON: the contract described by {@code schema/access-report.v1.schema.json}. Keys come in a
 * fixed order; absent values (a vault operation's key, an anonymous caller's ids, a missing address) are left out
 * rather than written as null. Any change here is a contract change: bump {@link #SCHEMA_VERSION} and the schema.
 */
public final class AccessJsonRenderer implements AccessReportRenderer {
    public static final int SCHEMA_VERSION = 1;
    public static final String SCHEMA_RESOURCE = "schema/access-report.v1.schema.json";

    @Override
    public String render(AccessReport report) {
        return PrettyJson.write(toJson(report));
    }

    public JsonObject toJson(AccessReport report) {
        JsonObject root = new JsonObject();
        root.addProperty("schemaVersion", SCHEMA_VERSION);
        JsonObject window = new JsonObject();
        window.addProperty("start", time(report.windowStart()));
        window.addProperty("end", time(report.windowEnd()));
        root.add("window", window);
        root.addProperty("baselineDays", report.baselineDays());
        root.addProperty("records", report.records());
        root.addProperty("vaults", report.vaults());
        root.addProperty("keys", report.keys());
        JsonArray anomalies = new JsonArray();
        report.anomalies().forEach(a -> anomalies.add(anomaly(a)));
        root.add("anomalies", anomalies);
        return root;
    }

    static JsonObject anomaly(Anomaly a) {
        JsonObject o = new JsonObject();
        o.addProperty("detector", a.detector());
        o.addProperty("severity", a.severity().label());
        o.addProperty("score", a.score());
        o.addProperty("vault", a.vault());
        put(o, "key", a.key());
        o.addProperty("operation", a.operation());
        JsonObject caller = new JsonObject();
        put(caller, "objectId", a.caller().objectId());
        put(caller, "appId", a.caller().appId());
        put(caller, "upn", a.caller().upn());
        o.add("caller", caller);
        put(o, "sourceIp", a.sourceIp());
        o.addProperty("count", a.count());
        o.addProperty("baseline", Math.round(a.baseline() * 100) / 100.0);
        o.addProperty("firstSeen", time(a.firstSeen()));
        o.addProperty("lastSeen", time(a.lastSeen()));
        o.addProperty("explanation", a.explanation());
        o.addProperty("kql", a.kql());
        o.addProperty("action", AccessActions.of(a));
        if (!a.evidence().failuresByStatus().isEmpty()) {
            JsonObject failures = new JsonObject();
            a.evidence().failuresByStatus().forEach((status, n) -> failures.addProperty(String.valueOf(status), n));
            o.add("failuresByStatus", failures);
        }
        if (!a.evidence().expectedCallers().isEmpty()) {
            JsonArray expected = new JsonArray();
            a.evidence().expectedCallers().forEach((principal, name) -> {
                JsonObject e = new JsonObject();
                e.addProperty("principalId", principal);
                e.addProperty("name", name);
                expected.add(e);
            });
            o.add("expectedCallers", expected);
        }
        put(o, "callersUnknown", a.evidence().callersUnknown());
        return o;
    }

    private static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    private static void put(JsonObject o, String key, String value) {
        if (value != null) {
            o.addProperty(key, value);
        }
    }
}
