package io.byokwatch.adapter.arm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** A non-blank string member of an ARM or Resource Graph JSON object, or null. */
final class JsonText {
    private JsonText() {
    }

    static String of(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() && !e.getAsString().isBlank() ? e.getAsString() : null;
    }
}
