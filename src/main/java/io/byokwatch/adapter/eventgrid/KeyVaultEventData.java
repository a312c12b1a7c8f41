package io.byokwatch.adapter.eventgrid;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The {@code data} of a {@code Microsoft.KeyVault.*} event. Keys are matched ignoring case and stray spaces and every
 * value is trimmed: the wire names are PascalCase ({@code Id}, {@code NBF}), the 2018 schema camelCase, and the
 * published sample has {@code "ObjectName "} and {@code " ee05…"}. The SDK's KeyVault*EventData classes match names
 * exactly, so they would drop those fields; hence gson.
 *
 * @param notBefore {@code NBF}, epoch seconds as a number or a numeric string; null when absent or unreadable
 * @param expires   {@code EXP}, likewise
 */
record KeyVaultEventData(String id, String vaultName, String objectType, String objectName, String version,
                         Instant notBefore, Instant expires) {
    /** Up to 12 integer digits keeps every value inside Instant's range. */
    private static final Pattern EPOCH = Pattern.compile("-?\\d{1,12}(\\.\\d+)?");

    static KeyVaultEventData read(JsonElement data) {
        JsonObject d = Fields.objectOrEncoded(data);
        return new KeyVaultEventData(value(d, "Id"), value(d, "VaultName"), value(d, "ObjectType"),
                value(d, "ObjectName"), value(d, "Version"), epoch(d, "NBF"), epoch(d, "EXP"));
    }

    private static String value(JsonObject d, String name) {
        String s = Fields.text(Fields.getLoose(d, name));
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    /**
     * Whole or fractional epoch seconds. Anything else gives null rather than a rejected event: routing does not need
     * the dates, only people reading the event do.
     */
    private static Instant epoch(JsonObject d, String name) {
        String s = value(d, name);
        if (s == null || !EPOCH.matcher(s).matches()) {
            return null;
        }
        int dot = s.indexOf('.');
        return Instant.ofEpochSecond(Long.parseLong(dot < 0 ? s : s.substring(0, dot)));
    }
}
