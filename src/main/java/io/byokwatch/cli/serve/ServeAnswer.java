package io.byokwatch.cli.serve;

import com.google.gson.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of {@code serve}: JSON (or empty) unless its headers name another Content-Type (the KPI page). {@code close}: end the connection after it, for answers given
 * before the body was read (the rest of it is not worth reading) and for clients that broke the protocol.
 */
public record ServeAnswer(int status, Map<String, String> headers, String body, boolean close) {
    public ServeAnswer {
        headers = Map.copyOf(headers);
    }

    public static ServeAnswer json(int status, String body) {
        return new ServeAnswer(status, Map.of(), body, false);
    }

    public static ServeAnswer error(int status, String message) {
        JsonObject o = new JsonObject();
        o.addProperty("error", message);
        return new ServeAnswer(status, Map.of(), o.toString(), false);
    }

    public ServeAnswer withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ServeAnswer(status, h, body, close);
    }

    public ServeAnswer closing() {
        return new ServeAnswer(status, headers, body, true);
    }
}
