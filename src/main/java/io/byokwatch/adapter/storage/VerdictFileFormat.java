package io.byokwatch.adapter.storage;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.StoredVerdict;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The JSON layout of one verdict file. Times are ISO-8601 so that a person can read the state folder. */
final class VerdictFileFormat {
    static final int SCHEMA = 1;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private VerdictFileFormat() {
    }

    static String write(StoredVerdict v, String version) {
        JsonObject o = new JsonObject();
        o.addProperty("schema", SCHEMA);
        o.addProperty("version", version);
        o.addProperty("clusterId", v.clusterId().toString());
        o.addProperty("clusterName", v.clusterName());
        o.addProperty("subscriptionId", v.subscriptionId());
        o.addProperty("status", v.status());
        JsonArray keys = new JsonArray();
        v.findingKeys().forEach(keys::add);
        o.add("findingKeys", keys);
        o.addProperty("since", v.since().toString());
        o.addProperty("evaluatedAt", v.evaluatedAt().toString());
        o.addProperty("lastAlertAt", v.lastAlertAt() == null ? null : v.lastAlertAt().toString());
        o.addProperty("lastAlertKind", v.lastAlertKind());
        // kept as a string, not embedded: storage must hand back exactly the text it was given
        o.addProperty("detailJson", v.detailJson());
        return GSON.toJson(o);
    }

    /** Parses a verdict file; any problem becomes a {@link BadRecordException} naming what is wrong. */
    static StoredVerdict read(String text) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new BadRecordException("not a JSON object");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new BadRecordException("not valid JSON (" + rootMessage(e) + ")");
        }
        int schema = integer(o, "schema");
        if (schema != SCHEMA) {
            throw new BadRecordException("schema " + schema + " is not " + SCHEMA
                    + "; it was written by another byokwatch version");
        }
        ResourceId id = ResourceId.orNull(string(o, "clusterId"));
        if (id == null) {
            throw new BadRecordException("clusterId is not an Azure resource id");
        }
        List<String> keys = new ArrayList<>();
        JsonElement arr = o.get("findingKeys");
        if (arr == null || !arr.isJsonArray()) {
            throw new BadRecordException("findingKeys is missing or not an array");
        }
        for (JsonElement k : arr.getAsJsonArray()) {
            keys.add(k.getAsString());
        }
        return new StoredVerdict(id, string(o, "clusterName"), string(o, "subscriptionId"), string(o, "status"), keys,
                string(o, "detailJson"), instant(o, "since"), instant(o, "evaluatedAt"),
                optionalInstant(o, "lastAlertAt"), optionalString(o, "lastAlertKind"), string(o, "version"));
    }

    private static String string(JsonObject o, String name) {
        String s = optionalString(o, name);
        if (s == null) {
            throw new BadRecordException(name + " is missing");
        }
        return s;
    }

    private static String optionalString(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonPrimitive()) {
            throw new BadRecordException(name + " is not a string");
        }
        return e.getAsString();
    }

    private static int integer(JsonObject o, String name) {
        try {
            return Integer.parseInt(string(o, name));
        } catch (NumberFormatException e) {
            throw new BadRecordException(name + " is not a number");
        }
    }

    private static Instant instant(JsonObject o, String name) {
        return parseInstant(name, string(o, name));
    }

    private static Instant optionalInstant(JsonObject o, String name) {
        String s = optionalString(o, name);
        return s == null ? null : parseInstant(name, s);
    }

    private static Instant parseInstant(String name, String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeException e) {
            throw new BadRecordException(name + " '" + s + "' is not an ISO-8601 instant");
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        // gson appends a troubleshooting link on a second line; the first says what is wrong
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
