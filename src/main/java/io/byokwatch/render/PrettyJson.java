package io.byokwatch.render;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;

/**
 * The one Gson setup every JSON output uses. HTML escaping is off because these documents are read by tools and
 * people, never embedded in HTML, and {@code '} or {@code <kv-name>} printed as unicode escapes helps neither.
 */
public final class PrettyJson {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().create();

    private PrettyJson() {
    }

    public static String write(JsonElement element) {
        return GSON.toJson(element) + "\n";
    }

    public static String compact(JsonElement element) {
        return COMPACT.toJson(element);
    }
}
