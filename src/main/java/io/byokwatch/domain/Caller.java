package io.byokwatch.domain;

import java.util.Locale;

/**
 * Who made a Key Vault request, as the audit log's token claims say: the principal's object id ({@code oid}), the
 * application id ({@code appid}) and, for people, the user principal name. Any part may be null: a request without a
 * token (the 401 challenge every client receives first) carries none. Ids are lower-cased so that the GUID spellings
 * of AzureDiagnostics ({@code _g} columns) and AZKVAuditLogs ({@code Identity} claims) compare equal.
 */
public record Caller(String objectId, String appId, String upn) {
    public static final Caller ANONYMOUS = new Caller(null, null, null);

    public Caller {
        objectId = clean(objectId);
        appId = clean(appId);
        upn = clean(upn);
    }

    /** The most specific identifier: object id, else application id, else UPN, else "" for an anonymous request. */
    public String id() {
        return objectId != null ? objectId : appId != null ? appId : upn != null ? upn : "";
    }

    public boolean anonymous() {
        return objectId == null && appId == null && upn == null;
    }

    /** A person signed in (a UPN claim), as opposed to a managed identity or an application. */
    public boolean human() {
        return upn != null;
    }

    /** True when the text names this caller by object id, application id or UPN, ignoring case. */
    public boolean matches(String principal) {
        String p = clean(principal);
        return p != null && (p.equals(objectId) || p.equals(appId) || p.equals(upn));
    }

    /** How a sentence names the caller: "user ada@contoso.com (oid)", "principal oid", "application appid". */
    public String label() {
        if (anonymous()) {
            return "an anonymous caller";
        }
        if (upn != null) {
            return "user " + upn + (objectId != null ? " (" + objectId + ")" : "");
        }
        return objectId != null ? "principal " + objectId : "application " + appId;
    }

    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t.toLowerCase(Locale.ROOT);
    }
}
