package io.byokwatch.render;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.Map;

/**
 * Converts evidence values to JSON. Numbers and booleans stay typed so that tools can compare them; nested lists and
 * maps keep their order; anything else (dates, ids, key URLs) is written as its text. Null entries are dropped,
 * because the outputs promise never to print null as a fact.
 */
public final class JsonValues {
    private JsonValues() {
    }

    public static JsonElement of(Object value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof JsonElement e) {
            return e;
        }
        if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (value instanceof Number n) {
            // NaN and infinities are not JSON numbers; their text is still worth showing.
            if ((n instanceof Double d && !Double.isFinite(d)) || (n instanceof Float f && !Float.isFinite(f))) {
                return new JsonPrimitive(n.toString());
            }
            return new JsonPrimitive(n);
        }
        if (value instanceof Map<?, ?> map) {
            return object(map);
        }
        if (value instanceof Iterable<?> items) {
            JsonArray array = new JsonArray();
            for (Object item : items) {
                if (item != null) {
                    array.add(of(item));
                }
            }
            return array;
        }
        if (value instanceof Object[] items) {
            return of(java.util.Arrays.asList(items));
        }
        return new JsonPrimitive(value.toString());
    }

    public static JsonObject object(Map<?, ?> map) {
        JsonObject object = new JsonObject();
        map.forEach((k, v) -> {
            if (k != null && v != null) {
                object.add(k.toString(), of(v));
            }
        });
        return object;
    }
}
