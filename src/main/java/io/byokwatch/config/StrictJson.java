package io.byokwatch.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;

/**
 * RFC 8259 JSON for the configuration files (policy, notify config, allowlist), where leniency is a hazard: gson's
 * default reader takes {@code {'byokRequired': false}}, comments and trailing text, and lets a second
 * {@code "requireHsm": false} or {@code "expires"} silently replace the first. Each of those could switch off a check or
 * stretch an exception nobody meant to, so each is an error here, with its JSON path.
 */
public final class StrictJson {
    private StrictJson() {
    }

    /**
     * Parses one JSON value (a leading byte-order mark is ignored: Windows editors write one).
     *
     * @throws ConfigSyntaxException with a one-line reason and where, never gson's advice to turn leniency on
     */
    public static JsonElement parse(String text) {
        try {
            return read(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (IOException | NumberFormatException | IllegalStateException e) {
            String msg = String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    .replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON",
                            "not strict JSON (no comments, single quotes, unquoted names or NaN)");
            throw new ConfigSyntaxException("not valid JSON (" + msg + ")");
        }
    }

    private static JsonElement read(String text) throws IOException {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        JsonElement root = read(reader);
        if (reader.peek() != JsonToken.END_DOCUMENT) {
            throw new MalformedJsonException("more text after the end of the JSON value at " + reader.getPath());
        }
        return root;
    }

    private static JsonElement read(JsonReader reader) throws IOException {
        switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                JsonObject o = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    if (o.has(name)) {
                        throw new MalformedJsonException("'" + name + "' is given twice at " + reader.getPath()
                                + "; keep one (the second would silently replace the first)");
                    }
                    o.add(name, read(reader));
                }
                reader.endObject();
                return o;
            }
            case BEGIN_ARRAY -> {
                JsonArray a = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    a.add(read(reader));
                }
                reader.endArray();
                return a;
            }
            case STRING -> {
                return new JsonPrimitive(reader.nextString());
            }
            case NUMBER -> {
                return new JsonPrimitive(new BigDecimal(reader.nextString()));
            }
            case BOOLEAN -> {
                return new JsonPrimitive(reader.nextBoolean());
            }
            case NULL -> {
                reader.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw new MalformedJsonException("unexpected " + reader.peek() + " at " + reader.getPath());
        }
    }
}
