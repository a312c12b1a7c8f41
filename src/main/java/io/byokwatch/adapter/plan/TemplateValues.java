package io.byokwatch.adapter.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Values of template evaluation that are not plain JSON. An unknown value (a resource outside the template, a
 * function of the deployment's time) is a string with a NUL-prefixed marker and the reason, which no template can
 * contain. A value fixed only at deployment but the same every time it is computed from the same inputs (the
 * subscription and resource group when not given, {@code uniqueString}, {@code guid}) is an ordinary string holding
 * {@link #DEPLOYMENT} and a digest of its inputs, so that every reference to it yields the same text.
 */
final class TemplateValues {
    static final String DEPLOYMENT = "known-at-deployment";
    private static final String UNKNOWN = "\u0000unknown:";

    private TemplateValues() {
    }

    static JsonPrimitive unknown(String reason) {
        return new JsonPrimitive(UNKNOWN + reason);
    }

    static boolean isUnknown(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() && e.getAsString().startsWith(UNKNOWN);
    }

    static String reason(JsonElement e) {
        return isUnknown(e) ? e.getAsString().substring(UNKNOWN.length()) : null;
    }

    /** A stand-in derived from the inputs: the same inputs give the same text. */
    static String standIn(String function, String inputs) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((function + "|" + inputs).getBytes(StandardCharsets.UTF_8));
            return DEPLOYMENT + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static boolean isStandIn(String text) {
        return text != null && (text.contains(DEPLOYMENT) || text.contains(TfResolver.UNKNOWN_SEGMENT));
    }
}
