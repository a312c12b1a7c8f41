package io.byokwatch.adapter.storage;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.byokwatch.domain.Actor;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.Tags;
import io.byokwatch.domain.Transition;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One history entry as one line of compact JSON, the same text in a JSON-lines file and in a Table entity. Times are
 * ISO-8601 so that a person can read the history with {@code jq}; {@code schema} lets a later version read old lines.
 */
final class TransitionFormat {
    static final int SCHEMA = 1;
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private TransitionFormat() {
    }

    /** The month an entry is filed under: that of its detection time, in UTC. */
    static YearMonth month(Instant detectedAt) {
        return YearMonth.from(detectedAt.atOffset(ZoneOffset.UTC));
    }

    static String write(Transition t) {
        JsonObject o = new JsonObject();
        o.addProperty("schema", SCHEMA);
        o.addProperty("id", t.id());
        o.addProperty("kind", t.kind().label());
        o.addProperty("detectedAt", t.detectedAt().toString());
        o.addProperty("eventTime", t.eventTime() == null ? null : t.eventTime().toString());
        o.addProperty("fromEvent", t.fromEvent());
        o.addProperty("eventType", t.eventType());
        o.addProperty("clusterId", t.clusterId().toString());
        o.addProperty("clusterName", t.clusterName());
        o.addProperty("subscriptionId", t.subscriptionId());
        o.addProperty("status", t.status() == null ? null : t.status().label());
        o.addProperty("previousStatus", t.previousStatus() == null ? null : t.previousStatus().label());
        JsonArray findings = new JsonArray();
        for (Transition.FindingRef f : t.findings()) {
            JsonObject fo = new JsonObject();
            fo.addProperty("key", f.key());
            fo.addProperty("ruleId", f.ruleId());
            fo.addProperty("severity", f.severity().label());
            fo.addProperty("resourceId", f.resourceId());
            fo.addProperty("keyUse", f.keyUse());
            findings.add(fo);
        }
        o.add("findings", findings);
        JsonArray resolved = new JsonArray();
        t.resolvedKeys().forEach(resolved::add);
        o.add("resolvedKeys", resolved);
        JsonObject actor = new JsonObject();
        actor.addProperty("upn", t.actor().upn());
        actor.addProperty("name", t.actor().name());
        actor.addProperty("appId", t.actor().appId());
        actor.addProperty("objectId", t.actor().objectId());
        o.add("actor", actor);
        JsonObject tags = new JsonObject();
        t.tags().values().forEach(tags::addProperty);
        o.add("tags", tags);
        return GSON.toJson(o);
    }

    /** Parses one line; any problem becomes a {@link BadRecordException} naming what is wrong. */
    static Transition read(String line) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(line);
            if (!e.isJsonObject()) {
                throw new BadRecordException("not a JSON object");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new BadRecordException("not valid JSON");
        }
        String schema = text(o, "schema", true);
        if (!String.valueOf(SCHEMA).equals(schema)) {
            throw new BadRecordException("schema " + schema + " is not " + SCHEMA + "; it was written by another byokwatch version");
        }
        try {
            ResourceId cluster = ResourceId.orNull(text(o, "clusterId", true));
            if (cluster == null) {
                throw new BadRecordException("clusterId is not an Azure resource id");
            }
            List<Transition.FindingRef> findings = new ArrayList<>();
            for (JsonElement f : array(o, "findings")) {
                if (!f.isJsonObject()) {
                    throw new BadRecordException("a finding is not an object");
                }
                JsonObject fo = f.getAsJsonObject();
                findings.add(new Transition.FindingRef(text(fo, "key", true), text(fo, "ruleId", true),
                        Severity.parse(text(fo, "severity", true)), text(fo, "resourceId", false), text(fo, "keyUse", false)));
            }
            List<String> resolved = new ArrayList<>();
            for (JsonElement k : array(o, "resolvedKeys")) {
                resolved.add(k.getAsString());
            }
            JsonObject a = o.has("actor") && o.get("actor").isJsonObject() ? o.getAsJsonObject("actor") : new JsonObject();
            Map<String, String> tags = new LinkedHashMap<>();
            if (o.has("tags") && o.get("tags").isJsonObject()) {
                o.getAsJsonObject("tags").entrySet().forEach(en -> tags.put(en.getKey(), en.getValue().isJsonNull() ? null
                        : en.getValue().getAsString()));
            }
            return new Transition(text(o, "id", true), Transition.Kind.parse(text(o, "kind", true)), cluster,
                    text(o, "clusterName", false), text(o, "subscriptionId", false), new Tags(tags),
                    status(text(o, "status", false)), status(text(o, "previousStatus", false)), findings, resolved,
                    instant(o, "detectedAt", true), instant(o, "eventTime", false),
                    Boolean.parseBoolean(text(o, "fromEvent", false)), text(o, "eventType", false),
                    new Actor(text(a, "upn", false), text(a, "name", false), text(a, "appId", false), text(a, "objectId", false)));
        } catch (IllegalArgumentException | NullPointerException | IllegalStateException | UnsupportedOperationException e) {
            // a wrong type inside a finding, a severity or kind this version does not know
            throw new BadRecordException(String.valueOf(e.getMessage()));
        }
    }

    private static ClusterStatus status(String label) {
        if (label == null) {
            return null;
        }
        for (ClusterStatus s : ClusterStatus.values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        throw new BadRecordException("status '" + label + "' is not a cluster status");
    }

    private static JsonArray array(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return new JsonArray();
        }
        if (!e.isJsonArray()) {
            throw new BadRecordException(name + " is not an array");
        }
        return e.getAsJsonArray();
    }

    private static String text(JsonObject o, String name, boolean required) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            if (required) {
                throw new BadRecordException(name + " is missing");
            }
            return null;
        }
        if (!e.isJsonPrimitive()) {
            throw new BadRecordException(name + " is not a string");
        }
        return e.getAsString();
    }

    private static Instant instant(JsonObject o, String name, boolean required) {
        String s = text(o, name, required);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeException e) {
            throw new BadRecordException(name + " '" + s + "' is not an ISO-8601 instant");
        }
    }
}
