package io.byokwatch.adapter.loganalytics;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Caller;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One Key Vault {@code AuditEvent} record as diagnostic settings write it to a storage account or an event hub:
 * camelCase top-level fields, {@code identity.claim} with short ({@code oid}, {@code upn}) or long (schema URL) claim
 * names, and {@code properties} holding the object URL and HTTP status. Field names are matched ignoring case, since
 * re-exported logs are often PascalCase.
 */
final class AuditEventRecord {
    static final List<String> OID = List.of("oid", "http://schemas.microsoft.com/identity/claims/objectidentifier");
    static final List<String> APPID = List.of("appid", "azp");
    static final List<String> UPN = List.of("upn", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
            "unique_name");

    private AuditEventRecord() {
    }

    /**
     * The record as one event; null when it is not a key or vault audit event.
     *
     * @throws IllegalArgumentException naming what is missing from a record that should be one
     */
    static AccessRecord toRecord(JsonObject r) {
        String category = text(r, "category");
        String op = text(r, "operationName");
        if (!AuditFields.relevant(op) || (category != null && !category.equalsIgnoreCase("AuditEvent"))) {
            return null;
        }
        String timeText = text(r, "time");
        Instant time = AuditFields.time(timeText);
        if (time == null) {
            throw new IllegalArgumentException("time '" + timeText + "' is not a date and time");
        }
        JsonObject properties = object(r, "properties");
        String url = properties == null ? null : text(properties, "id");
        String vault = AuditFields.vault(text(r, "resourceId"), url);
        if (vault == null) {
            throw new IllegalArgumentException("no vault: the record has neither a Key Vault resourceId nor properties.id");
        }
        JsonObject identity = object(r, "identity");
        JsonObject claims = identity == null ? null : object(identity, "claim");
        Caller caller = claims == null ? Caller.ANONYMOUS
                : new Caller(claim(claims, OID), claim(claims, APPID), claim(claims, UPN));
        int status = AuditFields.status(properties == null ? null : text(properties, "httpStatusCode"),
                text(r, "resultSignature"));
        return AccessRecord.event(time, vault, AuditFields.key(url), op, caller, text(r, "callerIpAddress"), status);
    }

    /** The first of the claim names present, as text. */
    static String claim(JsonObject claims, List<String> names) {
        for (String n : names) {
            String v = text(claims, n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    static JsonElement member(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e != null) {
            return e;
        }
        for (Map.Entry<String, JsonElement> m : o.entrySet()) {
            if (m.getKey().equalsIgnoreCase(name)) {
                return m.getValue();
            }
        }
        return null;
    }

    private static JsonObject object(JsonObject o, String name) {
        JsonElement e = member(o, name);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    private static String text(JsonObject o, String name) {
        JsonElement e = member(o, name);
        if (e == null || e.isJsonNull() || !e.isJsonPrimitive()) {
            return null;
        }
        String s = e.getAsString().trim();
        return s.isEmpty() ? null : s;
    }
}
