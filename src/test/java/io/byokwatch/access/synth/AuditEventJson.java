package io.byokwatch.access.synth;

import com.google.gson.JsonObject;
import io.byokwatch.domain.AccessRecord;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes one audit event as Key Vault writes an {@code AuditEvent} record to a storage account (one JSON object per
 * line of a {@code PT1H.json} blob): upper-case resource id, {@code durationMs} as a string, claims under
 * {@code identity.claim}, the object URL and HTTP status under {@code properties}. Shape from the documented sample
 * in the test corpus ({@code kv_auditevent_storage_blob_record_docs.json}).
 */
public final class AuditEventJson {
    private final Map<String, String> resourceIds;
    private final Map<String, String> hosts;

    /**
     * @param resourceIds vault name to its ARM id
     * @param hosts       vault name to its data-plane host (vault.azure.net or managedhsm.azure.net)
     */
    public AuditEventJson(Map<String, String> resourceIds, Map<String, String> hosts) {
        this.resourceIds = resourceIds;
        this.hosts = hosts;
    }

    public String line(AccessRecord e, SplittableRandom rnd) {
        JsonObject o = new JsonObject();
        String host = hosts.getOrDefault(e.vault(), e.vault() + ".vault.azure.net");
        o.addProperty("time", DateTimeFormatter.ISO_INSTANT.format(e.firstSeen()));
        o.addProperty("resourceId", resourceIds.get(e.vault()).toUpperCase(Locale.ROOT));
        o.addProperty("operationName", e.operation());
        o.addProperty("operationVersion", "7.5");
        o.addProperty("category", "AuditEvent");
        o.addProperty("resultType", e.succeeded() ? "Success" : "Failure");
        o.addProperty("resultSignature", signature(e.status()));
        o.addProperty("resultDescription", "");
        o.addProperty("durationMs", Integer.toString(3 + rnd.nextInt(40)));
        o.addProperty("callerIpAddress", e.sourceIp());
        o.addProperty("correlationId", new UUID(rnd.nextLong(), rnd.nextLong()).toString());
        JsonObject claim = new JsonObject();
        if (e.caller().upn() != null) {
            // User tokens in the documented sample carry the long claim names.
            claim.addProperty("http://schemas.microsoft.com/identity/claims/objectidentifier", e.caller().objectId());
            claim.addProperty("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", e.caller().upn());
        } else if (e.caller().objectId() != null) {
            claim.addProperty("oid", e.caller().objectId());
        }
        if (e.caller().appId() != null) {
            claim.addProperty("appid", e.caller().appId());
        }
        JsonObject identity = new JsonObject();
        identity.add("claim", claim);
        o.add("identity", identity);
        JsonObject p = new JsonObject();
        String object = e.key() == null ? "https://" + host + "/" : "https://" + host + "/keys/" + e.key() + "/"
                + Long.toHexString(e.key().hashCode() & 0xffffffffL) + "0a1b2c3d4e5f60718293a4b5";
        p.addProperty("id", object);
        p.addProperty("clientInfo", e.caller().upn() != null ? "azsdk-python-keyvault-keys/4.9.0 Python/3.12"
                : "Microsoft.Azure.Compute.DiskEncryption/1.0");
        p.addProperty("requestUri", object + (e.key() == null ? "" : "/" + e.operation().substring(3).toLowerCase(Locale.ROOT) + "key")
                + "?api-version=7.5");
        p.addProperty("httpStatusCode", e.status());
        p.addProperty("tlsVersion", "TLS1_2");
        o.add("properties", p);
        return o.toString();
    }

    private static String signature(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 429 -> "TooManyRequests";
            default -> Integer.toString(status);
        };
    }
}
