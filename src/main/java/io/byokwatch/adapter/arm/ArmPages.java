package io.byokwatch.adapter.arm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.adapter.snapshot.SnapshotFormatException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every page of an ARM-style list ({@code {"value": [...], "nextLink"}}), each item through the mapper. The answer is
 * all items or why not: a status that is not 200 (with that response, for the caller to word), a body without a value
 * array, or an item the mapper refused, since a short list must never pass for the whole.
 */
final class ArmPages {
    private ArmPages() {
    }

    /** Exactly one of {@code items}, {@code refused} (a non-200 response) or {@code problem} is set. */
    record Result<T>(List<T> items, ArmResponse refused, String problem, boolean unreadable) {
    }

    static <T> Result<T> readAll(ArmTransport transport, ArmResponse first, Function<JsonObject, T> mapper) {
        List<T> all = new ArrayList<>();
        ArmResponse response = first;
        while (true) {
            if (!response.ok()) {
                return new Result<>(null, response, null, false);
            }
            JsonObject json = response.json();
            JsonElement value = json == null ? null : json.get("value");
            if (value == null || !value.isJsonArray()) {
                return new Result<>(null, null, "the answer has no value array", false);
            }
            for (JsonElement e : (JsonArray) value) {
                try {
                    if (!e.isJsonObject()) {
                        throw new SnapshotFormatException("an item is not a JSON object");
                    }
                    all.add(mapper.apply(e.getAsJsonObject()));
                } catch (SnapshotFormatException unreadable) {
                    return new Result<>(null, null, unreadable.getMessage(), true);
                }
            }
            String next = JsonText.of(json, "nextLink");
            if (next == null) {
                return new Result<>(List.copyOf(all), null, null, false);
            }
            response = transport.getNextLink(next);
        }
    }
}
