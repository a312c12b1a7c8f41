package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ResourceId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed, null-tolerant reads from one JSON object, remembering where it sits so that a wrong value is reported as
 * {@code properties.agentPoolProfiles[1].count: expected a whole number, got "three"}. Missing, JSON null and ""
 * all read as null; names match case-insensitively because REST and az spell some of them differently
 * ({@code diskEncryptionSetID} / {@code diskEncryptionSetId}).
 */
final class JsonView {
    private final JsonObject object;
    private final String path;

    private JsonView(JsonObject object, String path) {
        this.object = object;
        this.path = path;
    }

    static JsonView of(JsonObject object) {
        return new JsonView(object, "");
    }

    /** ARM wraps resource fields in {@code properties}; az flattens them. Either way, this is where they are. */
    JsonView body() {
        JsonView properties = object("properties");
        return properties == null ? this : properties;
    }

    /** The element, or null when missing, JSON null or the empty string. */
    JsonElement raw(String name) {
        JsonElement e = object.get(name);
        if (e == null) {
            for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    e = entry.getValue();
                    break;
                }
            }
        }
        if (e == null || e.isJsonNull() || (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() && e.getAsString().isEmpty())) {
            return null;
        }
        return e;
    }

    boolean has(String name) {
        return raw(name) != null;
    }

    /**
     * Whether the object names the field at all, even as JSON null: {@code az ... show} prints every field its model
     * knows (null when unset), so a field printed as null is known to be unset, while a missing one may be unknown to
     * the tool that wrote the record.
     */
    boolean declares(String name) {
        if (object.has(name)) {
            return true;
        }
        return object.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name));
    }

    String text(String name) {
        JsonElement e = raw(name);
        if (e == null) {
            return null;
        }
        if (!e.isJsonPrimitive()) {
            throw wrong(name, "a string", e);
        }
        return e.getAsString();
    }

    String requiredText(String name) {
        String value = text(name);
        if (value == null || value.isBlank()) {
            throw new SnapshotFormatException(where(name) + ": required, but missing");
        }
        return value;
    }

    Boolean bool(String name) {
        JsonElement e = raw(name);
        if (e == null) {
            return null;
        }
        Boolean b = e.isJsonPrimitive() && !e.getAsJsonPrimitive().isNumber() ? Scalars.bool(e.getAsString()) : null;
        if (b == null) {
            throw wrong(name, "true or false", e);
        }
        return b;
    }

    Integer integer(String name) {
        JsonElement e = raw(name);
        if (e == null) {
            return null;
        }
        Integer i = e.isJsonPrimitive() && !e.getAsJsonPrimitive().isBoolean() ? Scalars.integer(e.getAsString()) : null;
        if (i == null) {
            throw wrong(name, "a whole number", e);
        }
        return i;
    }

    /** An ISO-8601 date-time string, or epoch seconds as a number or numeric string. */
    Instant instant(String name) {
        JsonElement e = raw(name);
        if (e == null) {
            return null;
        }
        Instant t = null;
        if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            t = p.isNumber() ? Scalars.epochSeconds(Scalars.decimal(p.getAsString()))
                    : p.isString() ? Scalars.instant(p.getAsString()) : null;
        }
        if (t == null) {
            throw wrong(name, "an ISO-8601 date-time or epoch seconds", e);
        }
        return t;
    }

    /** The first of the names that is present, read as an instant. */
    Instant instant(String name, String alternative) {
        return has(name) ? instant(name) : instant(alternative);
    }

    ResourceId resourceId(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        ResourceId id = ResourceId.orNull(text);
        if (id == null) {
            throw wrong(name, "an Azure resource id (/subscriptions/...)", raw(name));
        }
        return id;
    }

    ResourceId requiredResourceId(String name) {
        requiredText(name);
        return resourceId(name);
    }

    KeyRef keyUrl(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        KeyRef ref = Scalars.keyUrl(text);
        if (ref == null) {
            throw wrong(name, "a key URL https://<vault>.vault.azure.net/keys/<name>[/<version>]", raw(name));
        }
        return ref;
    }

    /** The host of a URL field, lower-cased and without port. */
    String host(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        String host = Scalars.host(text);
        if (host == null) {
            throw wrong(name, "an https URL", raw(name));
        }
        return host;
    }

    JsonView object(String name) {
        JsonElement e = raw(name);
        if (e == null) {
            return null;
        }
        if (!e.isJsonObject()) {
            throw wrong(name, "a JSON object", e);
        }
        return new JsonView(e.getAsJsonObject(), where(name));
    }

    /** The objects of an array field; empty when the field is missing. */
    List<JsonView> objects(String name) {
        JsonArray array = array(name);
        List<JsonView> views = new ArrayList<>();
        for (int i = 0; array != null && i < array.size(); i++) {
            JsonElement e = array.get(i);
            if (e.isJsonNull()) {
                continue;
            }
            String at = where(name) + "[" + i + "]";
            if (!e.isJsonObject()) {
                throw new SnapshotFormatException(at + ": expected a JSON object, got " + e);
            }
            views.add(new JsonView(e.getAsJsonObject(), at));
        }
        return views;
    }

    /** The strings of an array field; empty when the field is missing. */
    List<String> texts(String name) {
        JsonArray array = array(name);
        List<String> values = new ArrayList<>();
        for (int i = 0; array != null && i < array.size(); i++) {
            JsonElement e = array.get(i);
            if (e.isJsonNull()) {
                continue;
            }
            if (!e.isJsonPrimitive()) {
                throw new SnapshotFormatException(where(name) + "[" + i + "]: expected a string, got " + e);
            }
            values.add(e.getAsString());
        }
        return values;
    }

    /** Each member of an object field as a view (members whose value is null or {} included as empty views). */
    Map<String, JsonView> members(String name) {
        JsonView container = object(name);
        Map<String, JsonView> members = new LinkedHashMap<>();
        if (container == null) {
            return members;
        }
        for (Map.Entry<String, JsonElement> entry : container.object.entrySet()) {
            JsonElement v = entry.getValue();
            String at = container.where(entry.getKey());
            if (v.isJsonNull()) {
                members.put(entry.getKey(), new JsonView(new JsonObject(), at));
            } else if (v.isJsonObject()) {
                members.put(entry.getKey(), new JsonView(v.getAsJsonObject(), at));
            } else {
                throw new SnapshotFormatException(at + ": expected a JSON object, got " + v);
            }
        }
        return members;
    }

    /** Each member of an object field as text; JSON null becomes "". */
    Map<String, String> textMembers(String name) {
        JsonView container = object(name);
        Map<String, String> members = new LinkedHashMap<>();
        if (container == null) {
            return members;
        }
        for (Map.Entry<String, JsonElement> entry : container.object.entrySet()) {
            JsonElement v = entry.getValue();
            if (!v.isJsonNull() && !v.isJsonPrimitive()) {
                throw new SnapshotFormatException(container.where(entry.getKey()) + ": expected a string, got " + v);
            }
            members.put(entry.getKey(), v.isJsonNull() ? "" : v.getAsString());
        }
        return members;
    }

    String where(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private JsonArray array(String name) {
        JsonElement e = raw(name);
        if (e == null) {
            return null;
        }
        if (!e.isJsonArray()) {
            throw wrong(name, "a JSON array", e);
        }
        return e.getAsJsonArray();
    }

    private SnapshotFormatException wrong(String name, String expected, JsonElement got) {
        String shown = got.toString();
        if (shown.length() > 120) {
            shown = shown.substring(0, 117) + "...";
        }
        return new SnapshotFormatException(where(name) + ": expected " + expected + ", got " + shown);
    }
}
