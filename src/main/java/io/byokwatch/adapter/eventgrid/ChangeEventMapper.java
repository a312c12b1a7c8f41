package io.byokwatch.adapter.eventgrid;

import com.azure.messaging.eventgrid.SystemEventNames;
import io.byokwatch.domain.Actor;
import io.byokwatch.domain.ChangeEvent;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ResourceId;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Turns an envelope into a {@link ChangeEvent} according to its event type. */
final class ChangeEventMapper {
    private static final Set<String> RESOURCE_EVENT_TYPES = caseless(
            SystemEventNames.RESOURCE_WRITE_SUCCESS, SystemEventNames.RESOURCE_WRITE_FAILURE,
            SystemEventNames.RESOURCE_WRITE_CANCEL, SystemEventNames.RESOURCE_DELETE_SUCCESS,
            SystemEventNames.RESOURCE_DELETE_FAILURE, SystemEventNames.RESOURCE_DELETE_CANCEL,
            SystemEventNames.RESOURCE_ACTION_SUCCESS, SystemEventNames.RESOURCE_ACTION_FAILURE,
            SystemEventNames.RESOURCE_ACTION_CANCEL);
    private static final String KEY_VAULT_PREFIX = "Microsoft.KeyVault.";
    /** Key Vault object names: letters, digits and dashes. Anything else must not be spliced into an ARM id. */
    private static final Pattern OBJECT_NAME = Pattern.compile("[A-Za-z0-9-]{1,127}");

    private ChangeEventMapper() {
    }

    static ChangeEvent map(Envelope env) {
        if (RESOURCE_EVENT_TYPES.contains(env.type())) {
            return resourceEvent(env);
        }
        if (env.type().regionMatches(true, 0, KEY_VAULT_PREFIX, 0, KEY_VAULT_PREFIX.length())) {
            return keyVaultEvent(env);
        }
        return otherEvent(env);
    }

    static boolean isValidation(Envelope env) {
        return env.type().equalsIgnoreCase(SystemEventNames.EVENT_GRID_SUBSCRIPTION_VALIDATION);
    }

    private static ChangeEvent resourceEvent(Envelope env) {
        ResourceEventData d = ResourceEventData.read(env.data(), env.subject());
        return new ChangeEvent(env.id(), env.type(), env.schema().label(), env.topic(), env.subject(),
                d.resourceId(), d.operationName(), env.time(), d.actor(), d.status(), null, null);
    }

    private static ChangeEvent keyVaultEvent(Envelope env) {
        KeyVaultEventData d = KeyVaultEventData.read(env.data());
        ResourceId vaultId = vaultIdOrNull(env.topic());
        String kind = env.type().substring(KEY_VAULT_PREFIX.length()).toLowerCase(Locale.ROOT);
        KeyRef key = kind.startsWith("key") ? key(d) : null;
        if (vaultId == null && key == null) {
            throw new BadEvent("cannot tell which vault this is about: 'topic' is "
                    + (env.topic() == null ? "missing" : "'" + Fields.quote(env.topic()) + "'")
                    + ", not a Microsoft.KeyVault/vaults id, and 'data.Id' is not a key URL");
        }
        String objectName = d.objectName() != null ? d.objectName() : trimmed(env.subject());
        ResourceId resourceId = vaultId;
        String collection = collection(kind);
        if (vaultId != null && collection != null && objectName != null && OBJECT_NAME.matcher(objectName).matches()) {
            resourceId = vaultId.child(collection, objectName);
        }
        return new ChangeEvent(env.id(), env.type(), env.schema().label(), env.topic(), env.subject(), resourceId,
                null, env.time(), Actor.UNKNOWN, null, key, vaultId);
    }

    private static ChangeEvent otherEvent(Envelope env) {
        return new ChangeEvent(env.id(), env.type(), env.schema().label(), env.topic(), env.subject(),
                ResourceId.orNull(env.subject()), null, env.time(), Actor.UNKNOWN, null, null, null);
    }

    /** The key URL, completed with {@code Version} when the URL itself is versionless. */
    private static KeyRef key(KeyVaultEventData d) {
        KeyRef ref = KeyRef.orNull(d.id());
        if (ref != null && ref.version() == null && d.version() != null) {
            return new KeyRef(ref.vaultHost(), ref.name(), d.version());
        }
        return ref;
    }

    private static ResourceId vaultIdOrNull(String topic) {
        ResourceId id = ResourceId.orNull(topic);
        if (id == null) {
            return null;
        }
        ResourceId top = id.topLevel();
        return top.isType("Microsoft.KeyVault/vaults") || top.isType("Microsoft.KeyVault/managedHSMs") ? top : null;
    }

    private static String collection(String kind) {
        if (kind.startsWith("key")) {
            return "keys";
        }
        if (kind.startsWith("secret")) {
            return "secrets";
        }
        if (kind.startsWith("certificate")) {
            return "certificates";
        }
        return null;
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Set<String> caseless(String... values) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(Set.of(values));
        return set;
    }
}
