package io.byokwatch.cli.serve;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A request as the routes see it, free of the network library: the head (method, path, query, headers) and, once
 * read, the body.
 *
 * @param headers a header's first value by name, case-insensitively; null when absent
 */
public record ServeRequest(String method, String path, String rawQuery, Function<String, String> headers, byte[] body) {
    public ServeRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    /** The request line's target split into path and raw query. */
    public static ServeRequest of(String method, String target, Function<String, String> headers) {
        int q = target.indexOf('?');
        return new ServeRequest(method, q < 0 ? target : target.substring(0, q), q < 0 ? null : target.substring(q + 1),
                headers, null);
    }

    public ServeRequest withBody(byte[] b) {
        return new ServeRequest(method, path, rawQuery, headers, b);
    }

    public String header(String name) {
        return headers.apply(name);
    }

    /**
     * The query's parameters, percent-decoded; a repeated name keeps its last value.
     *
     * @throws IllegalArgumentException for percent-encoding that decodes to nothing (a 400, never a 500)
     */
    public Map<String, String> query() {
        Map<String, String> q = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return q;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }
}
