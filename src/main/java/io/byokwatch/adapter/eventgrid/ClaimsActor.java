package io.byokwatch.adapter.eventgrid;

import com.google.gson.JsonObject;
import io.byokwatch.domain.Actor;

/**
 * Who acted, from the caller's token claims in an ARM event. v1 tokens use the long SAML-style claim URIs, v2 tokens
 * the short names; ARM passes whichever the caller had. When claims lack the object id, the authorization evidence
 * still names the principal the role assignment matched.
 */
final class ClaimsActor {
    static final String UPN_URI = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";
    static final String OBJECT_ID_URI = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    private ClaimsActor() {
    }

    static Actor from(JsonObject claims, JsonObject authorization) {
        String upn = first(claims, UPN_URI, "upn", "unique_name");
        String name = first(claims, "name");
        // azp is the v2-token spelling of appid
        String appId = first(claims, "appid", "azp");
        String objectId = first(claims, OBJECT_ID_URI, "oid");
        if (objectId == null || objectId.isBlank()) {
            JsonObject evidence = authorization == null ? null : Fields.objectOrEncoded(authorization.get("evidence"));
            objectId = Fields.text(evidence, "principalId");
        }
        return new Actor(upn, name, appId, objectId);
    }

    private static String first(JsonObject claims, String... names) {
        if (claims == null) {
            return null;
        }
        for (String n : names) {
            String v = Fields.text(claims, n);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
