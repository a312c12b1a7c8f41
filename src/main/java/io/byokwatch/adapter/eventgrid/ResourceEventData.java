package io.byokwatch.adapter.eventgrid;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.domain.Actor;
import io.byokwatch.domain.ResourceId;

/**
 * The {@code data} of a {@code Microsoft.Resources.Resource*} event. Read with gson rather than the SDK's
 * ResourceWriteSuccessEventData and friends: those fail or lose information on the legacy shape where claims,
 * authorization and httpRequest are JSON-encoded strings, and their getters differ across SDK versions.
 */
record ResourceEventData(ResourceId resourceId, String operationName, String status, Actor actor) {

    /** {@code subject} is the resource id too, and stands in when resourceUri is missing or not an ARM id. */
    static ResourceEventData read(JsonElement data, String subject) {
        JsonObject d = Fields.objectOrEncoded(data);
        ResourceId id = ResourceId.orNull(Fields.text(d, "resourceUri"));
        if (id == null) {
            id = ResourceId.orNull(subject);
        }
        if (id == null) {
            throw new BadEvent("no resource id: 'data.resourceUri' is "
                    + describe(d == null ? null : d.get("resourceUri")) + " and 'subject' is "
                    + (subject == null ? "missing" : "'" + Fields.quote(subject) + "'")
                    + "; an ARM resource event names the changed resource as /subscriptions/…/providers/…");
        }
        JsonObject claims = Fields.objectOrEncoded(d == null ? null : d.get("claims"));
        JsonObject authorization = Fields.objectOrEncoded(d == null ? null : d.get("authorization"));
        return new ResourceEventData(id, trimmed(Fields.text(d, "operationName")), trimmed(Fields.text(d, "status")),
                ClaimsActor.from(claims, authorization));
    }

    private static String describe(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "missing";
        }
        return Fields.isString(e) ? "'" + Fields.quote(e.getAsString()) + "'" : Fields.kind(e);
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
