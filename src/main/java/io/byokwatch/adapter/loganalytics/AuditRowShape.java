package io.byokwatch.adapter.loganalytics;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Caller;

import java.time.Instant;
import java.util.List;

/**
 * Where each audit field sits in a table's columns: the bins the hourly queries return, or raw rows of AzureDiagnostics
 * or AZKVAuditLogs (a Log Analytics response saved to a file, or the portal's CSV export). Column names are matched
 * ignoring case, since AzureDiagnostics renamed {@code CallerIpAddress} to {@code CallerIPAddress} and CSV headers carry
 * suffixes such as {@code " [UTC]"}.
 */
final class AuditRowShape {
    /** Far above any hour of real Key Vault traffic (the service throttles at a few thousand requests per 10 s). */
    private static final double MAX_COUNT = 1e12;
    private final int time;
    private final int count;
    private final int first;
    private final int last;
    private final int operation;
    private final int vault;
    private final int resourceId;
    private final int[] objectUrl;
    private final int key;
    private final int[] objectId;
    private final int[] appId;
    private final int[] upn;
    private final int identity;
    private final int ip;
    private final int status;
    private final int signature;
    private final int category;

    private AuditRowShape(List<String> columns) {
        String[] names = columns.stream().map(c -> c.replaceAll("\\s*\\[[^]]*]\\s*$", "").trim()).toArray(String[]::new);
        time = find(names, "TimeBin", "TimeGenerated", "time");
        count = find(names, "Count");
        first = find(names, "FirstSeen");
        last = find(names, "LastSeen");
        operation = find(names, "OperationName");
        vault = find(names, "Vault", "Resource");
        resourceId = find(names, "_ResourceId", "ResourceId");
        // the docs promise Id only where an object is returned: unwrap rows may carry just the request URI
        objectUrl = all(names, "Id", "id_s", "ObjectUri", "RequestUri", "requestUri_s");
        key = find(names, "Key");
        objectId = all(names, "ObjectId", "identity_claim_oid_g",
                "identity_claim_http_schemas_microsoft_com_identity_claims_objectidentifier_g");
        appId = all(names, "AppId", "identity_claim_appid_g");
        upn = all(names, "Upn", "identity_claim_upn_s", "identity_claim_http_schemas_xmlsoap_org_ws_2005_05_identity_claims_upn_s");
        identity = find(names, "Identity");
        ip = find(names, "CallerIp", "CallerIPAddress");
        status = find(names, "Status", "HttpStatusCode", "httpStatusCode_d");
        signature = find(names, "ResultSignature");
        category = find(names, "Category");
    }

    /** The shape of these columns, or null when they are not Key Vault audit rows (no time or operation column). */
    static AuditRowShape of(List<String> columns) {
        AuditRowShape s = new AuditRowShape(columns);
        return s.time < 0 || s.operation < 0 || (s.vault < 0 && s.resourceId < 0 && s.objectUrl.length == 0) ? null : s;
    }

    /** A Key Vault audit row at all (an operation of category AuditEvent), whether or not it concerns keys. */
    boolean auditRow(String[] cells) {
        return cell(cells, operation) != null && (category < 0 || cell(cells, category) == null
                || "AuditEvent".equalsIgnoreCase(cell(cells, category)));
    }

    /**
     * The row as a record; null for rows that are not key or vault operations (secrets, other categories).
     *
     * @throws IllegalArgumentException naming what is wrong with a row that should be one
     */
    AccessRecord record(String[] cells) {
        String op = cell(cells, operation);
        if (!AuditFields.relevant(op) || (category >= 0 && cell(cells, category) != null
                && !"AuditEvent".equalsIgnoreCase(cell(cells, category)))) {
            return null;
        }
        Instant at = AuditFields.time(cell(cells, time));
        if (at == null) {
            throw new IllegalArgumentException("time '" + cell(cells, time) + "' is not a date and time");
        }
        String url = firstOf(cells, objectUrl);
        String v = cell(cells, vault);
        if (v == null) {
            v = AuditFields.vault(cell(cells, resourceId), url);
        }
        if (v == null) {
            throw new IllegalArgumentException("no vault: neither a vault name, a resource id nor an object URL");
        }
        String k = key >= 0 ? cell(cells, key) : AuditFields.key(url);
        Caller caller = caller(cells);
        int st = AuditFields.status(cell(cells, status), cell(cells, signature));
        long n = 1;
        if (count >= 0 && cell(cells, count) != null) {
            n = eventCount(cell(cells, count));
        }
        Instant f = first >= 0 ? AuditFields.time(cell(cells, first)) : at;
        Instant l = last >= 0 ? AuditFields.time(cell(cells, last)) : at;
        return new AccessRecord(at, v, k, op, caller, cell(cells, ip), st, n, f, l);
    }

    /**
     * A bin's event count: a whole number from 1 up. Saved bins are hand-editable files, and a negative, fractional or
     * astronomically large count would quietly skew every baseline it feeds.
     */
    private static long eventCount(String text) {
        double d;
        try {
            d = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("count '" + AuditFields.clip(text, 40) + "' is not a number");
        }
        if (!(d >= 1 && d <= MAX_COUNT) || d != Math.rint(d)) {
            throw new IllegalArgumentException("count '" + AuditFields.clip(text, 40) + "' is not a whole number from 1 to "
                    + (long) MAX_COUNT);
        }
        return (long) d;
    }

    private Caller caller(String[] cells) {
        String oid = firstOf(cells, objectId);
        String app = firstOf(cells, appId);
        String user = firstOf(cells, upn);
        if (identity >= 0 && cell(cells, identity) != null) {
            JsonObject claims = claims(cell(cells, identity));
            if (claims != null) {
                oid = oid != null ? oid : AuditEventRecord.objectId(claims);
                app = app != null ? app : AuditEventRecord.claim(claims, AuditEventRecord.APPID);
                user = user != null ? user : AuditEventRecord.upn(claims);
            }
        }
        return new Caller(oid, app, user);
    }

    /** The {@code claim} object of an AZKVAuditLogs {@code Identity} cell (dynamic columns arrive as JSON text). */
    private static JsonObject claims(String json) {
        try {
            JsonElement e = JsonParser.parseString(json);
            if (e.isJsonObject()) {
                JsonElement claim = AuditEventRecord.member(e.getAsJsonObject(), "claim");
                return claim != null && claim.isJsonObject() ? claim.getAsJsonObject() : null;
            }
        } catch (JsonParseException ignored) {
            // an unreadable identity leaves the caller anonymous, as the KQL does
        }
        return null;
    }

    private static String firstOf(String[] cells, int[] indexes) {
        for (int i : indexes) {
            String v = cell(cells, i);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String cell(String[] cells, int i) {
        if (i < 0 || i >= cells.length || cells[i] == null) {
            return null;
        }
        String v = cells[i].trim();
        return v.isEmpty() ? null : v;
    }

    private static int find(String[] names, String... wanted) {
        for (String w : wanted) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(w)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int[] all(String[] names, String... wanted) {
        return java.util.Arrays.stream(wanted).mapToInt(w -> find(names, w)).filter(i -> i >= 0).toArray();
    }
}
