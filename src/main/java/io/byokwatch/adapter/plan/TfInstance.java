package io.byokwatch.adapter.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.port.PlannedResource.Action;

import java.util.List;

/**
 * One resource instance of a plan: from {@code resource_changes} (with its action, the values after the change and
 * which of them are unknown until apply) or, for what the plan leaves alone, from {@code prior_state}.
 *
 * @param values       the values the instance will have (after), or has (no-op, data), or had (delete)
 * @param afterUnknown the {@code after_unknown} tree: true where a value is known only after apply
 * @param before       the values before the change, null for a create
 * @param replacePaths the attribute paths that force a replacement, as the plan lists them
 */
record TfInstance(TfAddress address, String type, Action action, JsonObject values, JsonObject afterUnknown,
                  JsonObject before, List<List<Object>> replacePaths, String providerName) {

    boolean data() {
        return address.data();
    }

    /** True when the value at the path, or a block or list containing it, is known only after apply. */
    boolean unknownAt(List<Object> path) {
        JsonElement e = afterUnknown;
        for (Object step : path) {
            if (e == null || e.isJsonNull()) {
                return false;
            }
            if (e.isJsonPrimitive()) {
                return Boolean.TRUE.equals(Json.bool(e));
            }
            if (step instanceof Integer i) {
                if (!e.isJsonArray() || i >= e.getAsJsonArray().size()) {
                    return false;
                }
                e = e.getAsJsonArray().get(i);
            } else {
                if (!e.isJsonObject()) {
                    return false;
                }
                e = e.getAsJsonObject().get(step instanceof TfReference.Key k ? k.value() : step.toString());
            }
        }
        return e != null && e.isJsonPrimitive() && Boolean.TRUE.equals(Json.bool(e));
    }

    /** The known value at the path, or null (absent, JSON null, or unknown). */
    JsonElement known(List<Object> path) {
        return Json.at(values, path);
    }

    @Override
    public String toString() {
        return address.toString();
    }
}
