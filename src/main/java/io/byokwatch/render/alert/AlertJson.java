package io.byokwatch.render.alert;

import io.byokwatch.render.report.JsonReportRenderer;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.app.AlertCodec;
import io.byokwatch.app.KmsKeyMemory;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.Actor;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Tags;

import java.util.ArrayList;
import java.util.List;

/**
 * The generic alert JSON contract (schemaVersion 1) and the stored verdict detail. Alert fields:
 * {@code schemaVersion, alertId, kind, cluster{id,name,subscriptionId,status,tags{}}, previousStatus, findings[],
 * resolvedFindings[], trigger{eventId,eventType,operationName,resourceId,eventTime,actor{upn,name,appId,objectId},route},
 * detectedAt, openSince, sequence}. Absent values are JSON null so consumers see every field; {@code cluster.tags} was
 * added within version 1 (an empty object when the cluster has none), as fields only ever are. Every id in one alert
 * is spelled one way ({@link AlertIds}); the JSON Schema is {@link #SCHEMA_RESOURCE}.
 */
public final class AlertJson implements AlertCodec {
    /** The contract as a JSON Schema, on the classpath and in the source tree. */
    public static final String SCHEMA_RESOURCE = "schema/alert.v1.schema.json";
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    @Override
    public String encode(Alert a) {
        List<ResourceId> preferred = new ArrayList<>();
        preferred.add(a.clusterId());
        a.findings().forEach(f -> preferred.add(f.resourceId()));
        AlertIds ids = new AlertIds(preferred);
        JsonObject o = new JsonObject();
        o.addProperty("schemaVersion", 1);
        o.addProperty("alertId", a.alertId());
        o.addProperty("kind", a.kind().label());
        JsonObject cluster = new JsonObject();
        cluster.addProperty("id", ids.spell(a.clusterId()));
        cluster.addProperty("name", a.clusterName());
        cluster.addProperty("subscriptionId", a.subscriptionId());
        cluster.addProperty("status", a.status() == null ? "deleted" : a.status().label());
        cluster.add("tags", tags(a.clusterTags()));
        o.add("cluster", cluster);
        o.addProperty("previousStatus", a.previousStatus() == null ? null : a.previousStatus().label());
        JsonArray findings = new JsonArray();
        for (Finding f : a.findings()) {
            JsonObject finding = JsonReportRenderer.finding(f, null);
            finding.addProperty("resourceId", ids.spell(f.resourceId()));
            findings.add(finding);
        }
        o.add("findings", findings);
        JsonArray resolved = new JsonArray();
        a.resolvedFindingKeys().forEach(k -> resolved.add(ids.spellKey(k)));
        o.add("resolvedFindings", resolved);
        o.add("trigger", trigger(a.trigger(), ids));
        o.addProperty("detectedAt", a.detectedAt().toString());
        o.addProperty("openSince", a.openSince() == null ? null : a.openSince().toString());
        o.addProperty("sequence", a.sequence());
        return GSON.toJson(o);
    }

    private static JsonObject trigger(Alert.Trigger t, AlertIds ids) {
        JsonObject o = new JsonObject();
        o.addProperty("eventId", t.eventId());
        o.addProperty("eventType", t.eventType());
        o.addProperty("operationName", t.operationName());
        o.addProperty("resourceId", ids.spell(t.resourceId()));
        o.addProperty("eventTime", t.eventTime() == null ? null : t.eventTime().toString());
        Actor actor = t.actor() == null ? Actor.UNKNOWN : t.actor();
        JsonObject who = new JsonObject();
        who.addProperty("upn", actor.upn());
        who.addProperty("name", actor.name());
        who.addProperty("appId", actor.appId());
        who.addProperty("objectId", actor.objectId());
        o.add("actor", who);
        o.addProperty("route", t.route());
        return o;
    }

    private static JsonObject tags(Tags tags) {
        JsonObject o = new JsonObject();
        tags.values().forEach(o::addProperty);
        return o;
    }

    @Override
    public String verdictDetail(ClusterVerdict verdict, Tags clusterTags, String pendingAlertBody) {
        JsonObject o = new JsonObject();
        o.add("verdict", verdict == null ? JsonNull.INSTANCE : JsonReportRenderer.cluster(verdict));
        o.add("clusterTags", tags(clusterTags == null ? Tags.NONE : clusterTags));
        if (pendingAlertBody != null) {
            o.add("pendingAlert", JsonParser.parseString(pendingAlertBody));
        }
        return GSON.toJson(o);
    }

    @Override
    public String pendingAlert(String verdictDetail) {
        JsonElement p = parse(verdictDetail).get("pendingAlert");
        return p == null || p.isJsonNull() ? null : GSON.toJson(p);
    }

    @Override
    public String withoutPending(String verdictDetail) {
        JsonObject o = parse(verdictDetail);
        o.remove("pendingAlert");
        return GSON.toJson(o);
    }

    @Override
    public String withSequence(String verdictDetail, long sequence) {
        JsonObject o = parse(verdictDetail);
        o.addProperty("lastAlertSequence", sequence);
        return GSON.toJson(o);
    }

    @Override
    public long storedSequence(String verdictDetail) {
        JsonObject o = parse(verdictDetail);
        long kept = number(o.get("lastAlertSequence"));
        JsonElement pending = o.get("pendingAlert");
        return pending != null && pending.isJsonObject() ? Math.max(kept, number(pending.getAsJsonObject().get("sequence"))) : kept;
    }

    private static long number(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsLong() : -1;
    }

    @Override
    public String alertId(String alertBody) {
        return parse(alertBody).get("alertId").getAsString();
    }

    @Override
    public KmsKeyMemory storedKmsKeys(String verdictDetail) {
        JsonElement k = parse(verdictDetail).get("kmsKeys");
        if (k == null || !k.isJsonObject()) {
            return KmsKeyMemory.NONE;
        }
        return new KmsKeyMemory(keyRef(k.getAsJsonObject().get("last")), keyRef(k.getAsJsonObject().get("previous")));
    }

    private static KeyRef keyRef(JsonElement url) {
        return url == null || !url.isJsonPrimitive() ? null : KeyRef.orNull(url.getAsString());
    }

    @Override
    public String withKmsKeys(String verdictDetail, KmsKeyMemory keys) {
        JsonObject o = parse(verdictDetail);
        o.remove("kmsKeys");
        if (keys.last() != null || keys.previous() != null) {
            JsonObject k = new JsonObject();
            if (keys.last() != null) {
                k.addProperty("last", keys.last().toString());
            }
            if (keys.previous() != null) {
                k.addProperty("previous", keys.previous().toString());
            }
            o.add("kmsKeys", k);
        }
        return GSON.toJson(o);
    }

    @Override
    public Tags storedTags(String verdictDetail) {
        JsonElement t = parse(verdictDetail).get("clusterTags");
        return t == null || !t.isJsonObject() ? Tags.NONE : AlertReader.tags(t.getAsJsonObject());
    }

    @Override
    public List<Finding> storedFindings(String verdictDetail) {
        JsonElement v = storedVerdict(verdictDetail);
        if (v == null || !v.isJsonObject() || !v.getAsJsonObject().has("findings")) {
            return List.of();
        }
        return AlertReader.findings(v.getAsJsonObject().getAsJsonArray("findings"));
    }

    @Override
    public Alert decode(String alertBody) {
        return AlertReader.read(alertBody);
    }

    /** The verdict part of a stored detail, for the compliance endpoint; null for a deleted cluster. */
    public static JsonElement storedVerdict(String verdictDetail) {
        JsonElement v = parse(verdictDetail).get("verdict");
        return v == null || v.isJsonNull() ? null : v;
    }

    private static JsonObject parse(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }
}
