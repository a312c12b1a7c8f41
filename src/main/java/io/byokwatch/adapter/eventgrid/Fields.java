package io.byokwatch.adapter.eventgrid;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.Locale;
import java.util.Map;

/**
 * Field access that never throws on an unexpected JSON type, except where a missing or mistyped field makes the event
 * unusable ({@code required*}), which raises {@link BadEvent} naming the field.
 */
final class Fields {
    private static final int MAX_QUOTED = 80;

    private Fields() {
    }

    static String requiredString(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            throw new BadEvent("field '" + name + "' is missing");
        }
        if (!isString(e)) {
            throw new BadEvent("field '" + name + "' must be a string, but is " + kind(e));
        }
        String s = e.getAsString();
        if (s.isBlank()) {
            throw new BadEvent("field '" + name + "' is empty");
        }
        return s;
    }

    /** Null when absent or JSON null; a {@link BadEvent} when present with another type than string. */
    static String optionalString(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!isString(e)) {
            throw new BadEvent("field '" + name + "' must be a string, but is " + kind(e));
        }
        return e.getAsString();
    }

    /** The value as text when it is a string, number or boolean; null otherwise. Never throws. */
    static String text(JsonObject o, String name) {
        return o == null ? null : text(o.get(name));
    }

    static String text(JsonElement e) {
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    /** Looks a key up ignoring case and surrounding spaces, for publishers that do not agree on spelling. */
    static JsonElement getLoose(JsonObject o, String name) {
        if (o == null) {
            return null;
        }
        JsonElement exact = o.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonElement> entry : o.entrySet()) {
            if (entry.getKey().trim().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /**
     * The element as an object: directly, or decoded from a string holding a JSON object (the legacy shape of
     * {@code claims}, {@code authorization} and {@code httpRequest}). Null for anything else, including a string that
     * is not JSON: those parts only enrich an event, so their damage must not cost the event itself.
     */
    static JsonObject objectOrEncoded(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            return e.getAsJsonObject();
        }
        if (isString(e)) {
            String s = e.getAsString().trim();
            if (s.startsWith("{")) {
                try {
                    JsonElement decoded = JsonBody.parse(s);
                    return decoded.isJsonObject() ? decoded.getAsJsonObject() : null;
                } catch (EventFormatException notJson) {
                    return null;
                }
            }
        }
        return null;
    }

    static boolean isString(JsonElement e) {
        return e instanceof JsonPrimitive p && p.isString();
    }

    /** "a number", "an array"…, for messages. */
    static String kind(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return "a boolean (" + p.getAsBoolean() + ")";
        }
        if (p.isNumber()) {
            return "a number (" + quote(p.getAsString()) + ")";
        }
        return "a string";
    }

    /** Caps echoed input so a hostile value cannot flood a log line. */
    static String quote(String s) {
        String flat = s.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= MAX_QUOTED ? flat : flat.substring(0, MAX_QUOTED) + "…";
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
