package io.byokwatch.adapter.eventgrid;

import com.google.gson.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The replies that prove to Event Grid that this endpoint wants its events: the Event Grid schema handshake (answer
 * the validation event's POST with HTTP 200 and the code) and the CloudEvents abuse-protection handshake (answer an
 * HTTP OPTIONS request with HTTP 200 and these headers).
 */
public final class ValidationHandshake {
    public static final String REQUEST_ORIGIN_HEADER = "WebHook-Request-Origin";
    public static final String ALLOWED_ORIGIN_HEADER = "WebHook-Allowed-Origin";
    public static final String ALLOWED_RATE_HEADER = "WebHook-Allowed-Rate";
    public static final String ALLOW_HEADER = "Allow";

    /** A host name, optionally with a port: anything else would be echoed into a response header. */
    private static final Pattern ORIGIN = Pattern.compile("[A-Za-z0-9.-]{1,253}(:\\d{1,5})?");

    private ValidationHandshake() {
    }

    /** The body for the HTTP 200 reply to a validation event: {@code {"validationResponse":"<code>"}}. */
    public static String eventGridResponseBody(String validationCode) {
        if (validationCode == null || validationCode.isBlank()) {
            throw new IllegalArgumentException("validation code is empty; answer only batches where"
                    + " ParsedBatch.validationRequest() is true");
        }
        JsonObject o = new JsonObject();
        o.addProperty("validationResponse", validationCode);
        return o.toString();
    }

    /**
     * The headers for the HTTP 200 reply to a CloudEvents OPTIONS request, echoing the origin Event Grid sent
     * ({@code eventgrid.azure.net} in public Azure).
     */
    public static Map<String, String> cloudEventsOptionsHeaders(String requestOrigin) {
        if (requestOrigin == null || requestOrigin.isBlank()) {
            throw new EventFormatException("The OPTIONS request has no " + REQUEST_ORIGIN_HEADER + " header, so it is"
                    + " not an Event Grid CloudEvents validation request; Event Grid sends"
                    + " '" + REQUEST_ORIGIN_HEADER + ": eventgrid.azure.net'.");
        }
        String origin = requestOrigin.trim();
        if (!ORIGIN.matcher(origin).matches()) {
            throw new EventFormatException("The " + REQUEST_ORIGIN_HEADER + " header is '" + Fields.quote(origin)
                    + "', which is not a host name; Event Grid sends a host such as eventgrid.azure.net.");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ALLOWED_ORIGIN_HEADER, origin);
        headers.put(ALLOWED_RATE_HEADER, "*");
        headers.put(ALLOW_HEADER, "POST, OPTIONS");
        return headers;
    }
}
