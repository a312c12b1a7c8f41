package io.byokwatch.render;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonIOException;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.io.Writer;

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

    /** A streaming writer that formats exactly as {@link #write(JsonElement)} does. */
    public static JsonWriter writer(Writer out) {
        JsonWriter w = new JsonWriter(out);
        w.setFormattingStyle(FormattingStyle.PRETTY);
        w.setHtmlSafe(false);
        return w;
    }

    /** One value into a document being streamed through {@link #writer}. */
    public static void write(JsonElement element, JsonWriter to) throws IOException {
        try {
            GSON.toJson(element, to);
        } catch (JsonIOException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    public static String compact(JsonElement element) {
        return COMPACT.toJson(element);
    }
}
