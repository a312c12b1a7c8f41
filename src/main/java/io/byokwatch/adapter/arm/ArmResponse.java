package io.byokwatch.adapter.arm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * One answer from ARM or Resource Graph after retries: an HTTP status and body, or (status 0) the reason no
 * response came (budget spent, network down, no token). {@code subscriptionLimitHit} is Resource Graph saying it
 * looked at only the first 10,000 subscriptions of the scope.
 */
record ArmResponse(int status, String body, String retryAfter, String failure, boolean subscriptionLimitHit) {

    ArmResponse(int status, String body, String retryAfter, String failure) {
        this(status, body, retryAfter, failure, false);
    }

    static ArmResponse failed(String reason) {
        return new ArmResponse(0, "", null, reason);
    }

    boolean ok() {
        return status == 200;
    }

    /** The body as a JSON object, or null when it is not one. */
    JsonObject json() {
        try {
            JsonElement e = JsonParser.parseString(body);
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    /** "Status Phrase (code: message)" from an ARM error body, or the failure reason when nothing came back. */
    String describe() {
        if (status == 0) {
            return failure;
        }
        StringBuilder sb = new StringBuilder().append(status).append(' ').append(phrase(status));
        JsonObject json = json();
        JsonElement error = json == null ? null : json.get("error");
        if (error != null && error.isJsonObject()) {
            String code = JsonText.of(error.getAsJsonObject(), "code");
            String message = JsonText.of(error.getAsJsonObject(), "message");
            if (code != null || message != null) {
                sb.append(" (").append(code == null ? "" : code)
                        .append(code != null && message != null ? ": " : "")
                        .append(message == null ? "" : Transient.oneLine(message)).append(')');
            }
        }
        return sb.toString();
    }

    static String phrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP status";
        };
    }
}
