package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Turns the older Resource Graph table output ({@code {"columns": [{"name"}], "rows": [[...]]}}) into objects. */
final class GraphTable {
    private GraphTable() {
    }

    static JsonArray rows(JsonObject table) {
        JsonView view = JsonView.of(table);
        JsonArray objects = new JsonArray();
        var columns = view.objects("columns").stream().map(c -> c.requiredText("name")).toList();
        JsonElement rows = view.raw("rows");
        if (rows == null || !rows.isJsonArray()) {
            return objects;
        }
        for (JsonElement row : rows.getAsJsonArray()) {
            if (!row.isJsonArray()) {
                objects.add(row);
                continue;
            }
            JsonObject object = new JsonObject();
            JsonArray cells = row.getAsJsonArray();
            for (int i = 0; i < columns.size() && i < cells.size(); i++) {
                object.add(columns.get(i), cells.get(i));
            }
            objects.add(object);
        }
        return objects;
    }
}
