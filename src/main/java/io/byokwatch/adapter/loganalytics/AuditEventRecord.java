package io.byokwatch.adapter.loganalytics;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Caller;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One Key Vault or Managed HSM {@code AuditEvent} record as diagnostic settings write it to a storage account or an
 * event hub. Vaults: camelCase top-level fields, {@code identity.claim} with short ({@code oid}, {@code upn}) or long
 * (schema URL) claim names, and {@code properties} holding the object URL and HTTP status. Managed HSMs (azure docs,
 * "Managed HSM logging"): {@code identity} is a JSON <em>string</em> whose claims nest the schema URL as objects
 * ({@code http_schemas_microsoft_com_identity.claims.objectidentifier}), {@code requestUri} and {@code httpStatusCode}
 * sit at the top level, and there is no {@code properties.id}. Field names are matched ignoring case, since
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
        String op = text(r, "operationName");
        if (!AuditFields.relevant(op) || !auditEvent(r)) {
            return null;
        }
        String timeText = text(r, "time");
        Instant time = AuditFields.time(timeText);
        if (time == null) {
            throw new IllegalArgumentException("time '" + timeText + "' is not a date and time");
        }
        JsonObject properties = object(r, "properties");
        // the docs promise properties.id only where an object is returned: unwraps may carry just the request URI
        String url = firstText(properties, "id", "requestUri");
        if (url == null) {
            url = text(r, "requestUri");
        }
        String vault = AuditFields.vault(text(r, "resourceId"), url);
        if (vault == null) {
            throw new IllegalArgumentException("no vault: the record has neither a Key Vault resourceId nor an object or"
                    + " request URL");
        }
        JsonObject claims = claims(r);
        Caller caller = claims == null ? Caller.ANONYMOUS
                : new Caller(objectId(claims), claim(claims, APPID), upn(claims));
        String httpStatus = firstText(properties, "httpStatusCode");
        int status = AuditFields.status(httpStatus != null ? httpStatus : text(r, "httpStatusCode"),
                text(r, "resultSignature"));
        return AccessRecord.event(time, vault, AuditFields.key(url), op, caller, text(r, "callerIpAddress"), status);
    }

    /** An audit record at all (an operation, category AuditEvent or unnamed), whether or not it concerns keys. */
    static boolean auditEvent(JsonObject r) {
        String category = text(r, "category");
        return text(r, "operationName") != null && (category == null || category.equalsIgnoreCase("AuditEvent"));
    }

    /** The {@code identity.claim} object, whether {@code identity} is an object or, as Managed HSMs write it, JSON text. */
    private static JsonObject claims(JsonObject r) {
        JsonElement identity = member(r, "identity");
        if (identity != null && identity.isJsonPrimitive() && identity.getAsJsonPrimitive().isString()) {
            try {
                identity = JsonParser.parseString(identity.getAsString());
            } catch (JsonParseException unreadable) {
                return null; // an unreadable identity leaves the caller anonymous, as the KQL does
            }
        }
        if (identity == null || !identity.isJsonObject()) {
            return null;
        }
        return object(identity.getAsJsonObject(), "claim");
    }

    /** The caller's object id: a short or schema-URL claim name, or the schema URL nested as objects (Managed HSM). */
    static String objectId(JsonObject claims) {
        String flat = claim(claims, OID);
        return flat != null ? flat : nested(claims, "http_schemas_microsoft_com_identity", "objectidentifier");
    }

    static String upn(JsonObject claims) {
        String flat = claim(claims, UPN);
        return flat != null ? flat : nested(claims, "http_schemas_xmlsoap_org_ws_2005_05_identity", "upn");
    }

    private static String nested(JsonObject claims, String namespace, String name) {
        JsonObject ns = object(claims, namespace);
        JsonObject inner = ns == null ? null : object(ns, "claims");
        return inner == null ? null : text(inner, name);
    }

    private static String firstText(JsonObject o, String... names) {
        if (o == null) {
            return null;
        }
        for (String n : names) {
            String v = text(o, n);
            if (v != null) {
                return v;
            }
        }
        return null;
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
