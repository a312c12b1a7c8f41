package io.byokwatch.adapter.eventgrid;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * The parts of a Content-Type header the parser uses: whether it names CloudEvents (a tie-breaker only, the body
 * decides) and the charset for byte bodies.
 */
record ContentType(String mediaType, Charset charset) {
    static final ContentType NONE = new ContentType(null, StandardCharsets.UTF_8);

    static ContentType parse(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        // limit -1: a header of just ";" must give an empty media type, not an empty array
        String[] parts = header.split(";", -1);
        String media = parts[0].trim().toLowerCase(Locale.ROOT);
        Charset charset = StandardCharsets.UTF_8;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                charset = charset(p.substring(eq + 1).trim().replace("\"", ""));
            }
        }
        return new ContentType(media, charset);
    }

    /** CloudEvents structured mode: {@code application/cloudevents+json} or {@code application/cloudevents-batch+json}. */
    EnvelopeSchema schemaHint() {
        return mediaType != null && mediaType.startsWith("application/cloudevents") ? EnvelopeSchema.CLOUD_EVENTS : null;
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new EventFormatException("The Content-Type header names charset '" + Fields.quote(name)
                    + "', which is not supported here; Event Grid sends charset=utf-8, send that.");
        }
    }
}
