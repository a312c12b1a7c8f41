package io.byokwatch.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.domain.ResourceId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/**
 * Event Grid deliveries as Azure sends them, made from the documented samples in the corpus (Event Grid schema) with
 * the resource, operation, time and id filled in. Ids are numbered, so a test can deliver one event twice by
 * keeping the object, or a distinct event about the same resource by building another.
 */
public final class Events {
    public static final String ACTOR_UPN = "dana.ops@contoso.example";
    private static final String WRITE_SAMPLE = "eg_resource_write_success_eventgridschema_docs.json";
    private static final String DELETE_SAMPLE = "eg_resource_delete_success_eventgridschema_docs.json";
    private static final String KEY_VAULT_SAMPLE = "eg_keyvault_secret_new_version_eventgridschema_docs.json";

    private final Clock clock;
    private int next;

    public Events(Clock clock) {
        this.clock = clock;
    }

    /** {@code Microsoft.Resources.ResourceWriteSuccess} for an ARM write of {@code id}. */
    public JsonObject write(ResourceId id, String operationName) {
        return resourceEvent(WRITE_SAMPLE, id, operationName);
    }

    public JsonObject delete(ResourceId id, String operationName) {
        return resourceEvent(DELETE_SAMPLE, id, operationName);
    }

    /**
     * A vault's own event ({@code Microsoft.KeyVault.KeyExpired} and the like) about one of its objects: topic is the
     * vault, subject the object name, data.Id the object URL with a version.
     */
    public JsonObject keyVault(String eventType, ResourceId vault, String objectType, String objectName) {
        JsonObject e = sample(KEY_VAULT_SAMPLE);
        stamp(e, eventType);
        e.addProperty("topic", vault.toString());
        e.addProperty("subject", objectName);
        String collection = objectType.toLowerCase(Locale.ROOT) + "s";
        JsonObject data = new JsonObject();
        data.addProperty("Id", "https://" + vault.name() + ".vault.azure.net/" + collection + "/" + objectName
                + "/fedcba9876543210fedcba9876543210");
        data.addProperty("VaultName", vault.name());
        data.addProperty("ObjectType", objectType);
        data.addProperty("ObjectName", objectName);
        data.addProperty("Version", "fedcba9876543210fedcba9876543210");
        data.addProperty("NBF", clock.instant().getEpochSecond() - 60);
        data.addProperty("EXP", clock.instant().getEpochSecond() + 86_400 * 365);
        e.add("data", data);
        return e;
    }

    public JsonObject key(String eventType, ResourceId vault, String keyName) {
        return keyVault("Microsoft.KeyVault." + eventType, vault, "Key", keyName);
    }

    /** {@code VaultAccessPolicyChanged}: the vault's own event, with no object in it. */
    public JsonObject vaultAccessPolicyChanged(ResourceId vault) {
        JsonObject e = keyVault("Microsoft.KeyVault.VaultAccessPolicyChanged", vault, "Vault", vault.name());
        JsonObject data = e.getAsJsonObject("data");
        data.addProperty("Id", "https://" + vault.name() + ".vault.azure.net/");
        data.remove("Version");
        data.remove("NBF");
        data.remove("EXP");
        return e;
    }

    /** The documented storage-account write sample with only its placeholders filled in. */
    public JsonObject storageAccountWrite(String subscription) {
        JsonObject e = sample(WRITE_SAMPLE);
        String text = e.toString().replace("{subscription-id}", subscription).replace("{resource-group}", "rg-data")
                .replace("{storage-name}", "stlogs01");
        JsonObject filled = JsonParser.parseString(text).getAsJsonObject();
        stamp(filled, "Microsoft.Resources.ResourceWriteSuccess");
        return filled;
    }

    /** The documented secret event, placed in a watched vault. */
    public JsonObject secretNewVersion(ResourceId vault) {
        JsonObject e = sample(KEY_VAULT_SAMPLE);
        stamp(e, "Microsoft.KeyVault.SecretNewVersionCreated");
        e.addProperty("topic", vault.toString());
        return e;
    }

    public static String delivery(JsonObject... events) {
        JsonArray array = new JsonArray();
        for (JsonObject e : events) {
            array.add(e);
        }
        return array.toString();
    }

    private JsonObject resourceEvent(String sampleFile, ResourceId id, String operationName) {
        JsonObject e = sample(sampleFile);
        stamp(e, e.get("eventType").getAsString());
        String sub = id.subscriptionId();
        e.addProperty("subject", id.toString());
        e.addProperty("topic", "/subscriptions/" + sub + (id.resourceGroup() == null ? ""
                : "/resourceGroups/" + id.resourceGroup()));
        JsonObject data = e.getAsJsonObject("data");
        data.getAsJsonObject("authorization").addProperty("scope", id.toString());
        data.getAsJsonObject("authorization").addProperty("action", operationName);
        JsonObject claims = data.getAsJsonObject("claims");
        claims.addProperty("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", ACTOR_UPN);
        claims.addProperty("name", "Dana Ops");
        data.addProperty("resourceProvider", operationName.substring(0, operationName.indexOf('/')));
        data.addProperty("resourceUri", id.toString());
        data.addProperty("operationName", operationName);
        data.addProperty("subscriptionId", sub);
        data.addProperty("correlationId", "c0000000-0000-4000-8000-" + String.format("%012d", next));
        return e;
    }

    /** Each event gets the next id and the time it was published: now on the test's clock. */
    private void stamp(JsonObject e, String eventType) {
        next++;
        e.addProperty("id", String.format("e0000000-0000-4000-8000-%012d", next));
        e.addProperty("eventType", eventType);
        e.addProperty("eventTime", clock.instant().toString());
    }

    private static JsonObject sample(String file) {
        try {
            return JsonParser.parseString(Files.readString(Path.of("src/test/resources/corpus", file)))
                    .getAsJsonArray().get(0).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
