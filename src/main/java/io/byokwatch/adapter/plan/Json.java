package io.byokwatch.adapter.plan;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Null-tolerant navigation of plan and template JSON: a missing step, JSON null and a wrong shape all read as null. */
final class Json {
    private Json() {
    }

    /** The element at the path (names and list indexes), or null. */
    static JsonElement at(JsonElement root, List<Object> path) {
        JsonElement e = root;
        for (Object step : path) {
            if (e == null || e.isJsonNull()) {
                return null;
            }
            if (step instanceof Integer i) {
                if (!e.isJsonArray() || i < 0 || i >= e.getAsJsonArray().size()) {
                    return null;
                }
                e = e.getAsJsonArray().get(i);
            } else {
                String name = step instanceof TfReference.Key k ? k.value() : step.toString();
                if (!e.isJsonObject()) {
                    return null;
                }
                e = e.getAsJsonObject().get(name);
            }
        }
        return e == null || e.isJsonNull() ? null : e;
    }

    static JsonObject object(JsonElement parent, String name) {
        JsonElement e = parent != null && parent.isJsonObject() ? parent.getAsJsonObject().get(name) : null;
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    static JsonArray array(JsonElement parent, String name) {
        JsonElement e = parent != null && parent.isJsonObject() ? parent.getAsJsonObject().get(name) : null;
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : null;
    }

    /** A string, number or boolean as text; null for anything else. */
    static String text(JsonElement e) {
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    static String text(JsonElement parent, String name) {
        return parent != null && parent.isJsonObject() ? text(parent.getAsJsonObject().get(name)) : null;
    }

    /** A JSON boolean, or the strings true/false as some providers print them; null otherwise. */
    static Boolean bool(JsonElement e) {
        if (e == null || !e.isJsonPrimitive()) {
            return null;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isString() && (p.getAsString().equalsIgnoreCase("true") || p.getAsString().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(p.getAsString());
        }
        return null;
    }

    static List<JsonObject> objects(JsonElement array) {
        List<JsonObject> out = new ArrayList<>();
        if (array != null && array.isJsonArray()) {
            for (JsonElement e : array.getAsJsonArray()) {
                if (e != null && e.isJsonObject()) {
                    out.add(e.getAsJsonObject());
                }
            }
        }
        return out;
    }

    static List<String> texts(JsonElement array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isJsonArray()) {
            for (JsonElement e : array.getAsJsonArray()) {
                String t = text(e);
                if (t != null) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** The string members of an object (tags, parameters); other values are skipped. */
    static Map<String, String> textMap(JsonElement object) {
        Map<String, String> out = new LinkedHashMap<>();
        if (object != null && object.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : object.getAsJsonObject().entrySet()) {
                String t = text(e.getValue());
                if (t != null) {
                    out.put(e.getKey(), t);
                }
            }
        }
        return out;
    }

    static JsonElement orNull(JsonElement e) {
        return e == null ? JsonNull.INSTANCE : e;
    }
}
