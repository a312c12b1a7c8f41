package io.byokwatch.render.alert;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.byokwatch.domain.Actor;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.PersistentVolumeClaimRef;
import io.byokwatch.domain.VolumeSnapshotRef;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.Tags;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the alert JSON contract back into an {@link Alert}: the notifier gets alerts from the outbox as text and
 * renders them for people. Strict about what a renderer needs (ids, kind, times), tolerant of what it does not.
 */
public final class AlertReader {
    private AlertReader() {
    }

    static Alert read(String body) {
        JsonObject o;
        try {
            JsonElement root = JsonParser.parseString(body);
            if (!root.isJsonObject()) {
                throw new IllegalArgumentException("an alert is a JSON object, this is " + kindOf(root));
            }
            o = root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        try {
            int version = o.get("schemaVersion").getAsInt();
            if (version != 1) {
                throw new IllegalArgumentException("alert schemaVersion " + version + " is not 1");
            }
            JsonObject cluster = o.getAsJsonObject("cluster");
            List<String> resolved = new ArrayList<>();
            if (o.has("resolvedFindings") && o.get("resolvedFindings").isJsonArray()) {
                o.getAsJsonArray("resolvedFindings").forEach(e -> resolved.add(e.getAsString()));
            }
            return new Alert(text(o, "alertId"), kind(text(o, "kind")), ResourceId.parse(text(cluster, "id")),
                    text(cluster, "name"), optional(cluster, "subscriptionId"), status(optional(cluster, "status")),
                    status(optional(o, "previousStatus")), findings(o.getAsJsonArray("findings")), resolved,
                    trigger(o.getAsJsonObject("trigger")), Instant.parse(text(o, "detectedAt")),
                    instant(optional(o, "openSince")), o.get("sequence").getAsLong(),
                    cluster.has("tags") && cluster.get("tags").isJsonObject() ? tags(cluster.getAsJsonObject("tags")) : Tags.NONE);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // NullPointerException, ClassCastException, DateTimeParseException: all mean a field is missing or wrong
            throw new IllegalArgumentException("not an alert of schemaVersion 1 (" + e + ")", e);
        }
    }

    static Tags tags(JsonObject o) {
        Map<String, String> values = new LinkedHashMap<>();
        o.entrySet().forEach(e -> values.put(e.getKey(), e.getValue().isJsonNull() ? "" : e.getValue().getAsString()));
        return new Tags(values);
    }

    static List<Finding> findings(JsonArray array) {
        List<Finding> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        for (JsonElement e : array) {
            JsonObject f = e.getAsJsonObject();
            Map<String, Object> evidence = new LinkedHashMap<>();
            if (f.has("evidence") && f.get("evidence").isJsonObject()) {
                f.getAsJsonObject("evidence").entrySet().forEach(x -> evidence.put(x.getKey(), plain(x.getValue())));
            }
            List<String> references = new ArrayList<>();
            if (f.has("references") && f.get("references").isJsonArray()) {
                f.getAsJsonArray("references").forEach(r -> references.add(r.getAsString()));
            }
            List<String> keyUse = new ArrayList<>();
            if (f.has("keyUse") && f.get("keyUse").isJsonArray()) {
                f.getAsJsonArray("keyUse").forEach(u -> keyUse.add(u.getAsString()));
            }
            List<KeyConsumer> volumes = new ArrayList<>();
            if (f.has("volumes") && f.get("volumes").isJsonArray()) {
                f.getAsJsonArray("volumes").forEach(v -> volumes.add(volume(v.getAsJsonObject())));
            }
            out.add(new Finding(text(f, "ruleId"), Severity.parse(text(f, "severity")), ResourceId.parse(text(f, "resourceId")),
                    optionalOr(f, "title", ""), text(f, "message"), optionalOr(f, "remediation", ""), evidence, references,
                    keyUse, volumes));
        }
        return out;
    }

    /** A volume as {@code JsonReportRenderer} writes it; names its tags did not give stay null. */
    private static KeyConsumer volume(JsonObject v) {
        KeyConsumer.Kind kind = KeyConsumer.Kind.parse(text(v, "kind"));
        String namespace = optional(v, "namespace");
        PersistentVolumeClaimRef claim = kind == KeyConsumer.Kind.DISK && (namespace != null
                || optional(v, "pvcName") != null || optional(v, "pvName") != null)
                ? new PersistentVolumeClaimRef(optional(v, "pvName"), optional(v, "pvcName"), namespace) : null;
        VolumeSnapshotRef snapshot = kind == KeyConsumer.Kind.SNAPSHOT && (namespace != null
                || optional(v, "volumeSnapshotName") != null)
                ? new VolumeSnapshotRef(optional(v, "volumeSnapshotName"), namespace) : null;
        return new KeyConsumer(ResourceId.parse(text(v, "resourceId")), kind, text(v, "name"), claim, snapshot);
    }

    private static Alert.Trigger trigger(JsonObject t) {
        if (t == null) {
            return new Alert.Trigger(null, null, null, null, null, Actor.UNKNOWN, null);
        }
        JsonObject a = t.has("actor") && t.get("actor").isJsonObject() ? t.getAsJsonObject("actor") : new JsonObject();
        Actor actor = new Actor(optional(a, "upn"), optional(a, "name"), optional(a, "appId"), optional(a, "objectId"));
        return new Alert.Trigger(optional(t, "eventId"), optional(t, "eventType"), optional(t, "operationName"),
                ResourceId.orNull(optional(t, "resourceId")), instant(optional(t, "eventTime")), actor, optional(t, "route"));
    }

    private static Alert.Kind kind(String label) {
        try {
            return Alert.Kind.valueOf(label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("alert kind '" + label + "' is not opened, changed, resolved or deleted");
        }
    }

    /** Null for "deleted" and for labels this version does not know, which renderers show as they are told. */
    private static ClusterStatus status(String label) {
        for (ClusterStatus s : ClusterStatus.values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        return null;
    }

    private static Object plain(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonArray()) {
            List<Object> list = new ArrayList<>();
            e.getAsJsonArray().forEach(x -> list.add(plain(x)));
            return list;
        }
        if (e.isJsonObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            e.getAsJsonObject().entrySet().forEach(x -> map.put(x.getKey(), plain(x.getValue())));
            return map;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            BigDecimal d = p.getAsBigDecimal();
            return d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0 ? (Object) d.longValue() : (Object) d.doubleValue();
        }
        return p.getAsString();
    }

    private static String text(JsonObject o, String field) {
        String v = optional(o, field);
        if (v == null) {
            throw new IllegalArgumentException("alert field '" + field + "' is missing");
        }
        return v;
    }

    private static String optional(JsonObject o, String field) {
        JsonElement e = o == null ? null : o.get(field);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static String optionalOr(JsonObject o, String field, String dflt) {
        String v = optional(o, field);
        return v == null ? dflt : v;
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static String kindOf(JsonElement e) {
        return e.isJsonArray() ? "an array" : e.isJsonNull() ? "null" : "a " + e.getClass().getSimpleName();
    }
}
