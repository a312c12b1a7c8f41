package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RotationPolicy;
import io.byokwatch.domain.RotationPolicy.LifetimeAction;
import io.byokwatch.domain.VaultKey;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Keys and their rotation policies. ARM {@code vaults/keys} omits {@code rotationPolicy} when there is none, so for
 * that shape "no policy" is a fact; data-plane key output never carries the policy, so there it is unknown.
 */
final class KeyMapping {
    private KeyMapping() {
    }

    static VaultKey key(JsonView root) {
        return root.has("key") || root.has("kid") ? dataPlaneKey(root) : armKey(root);
    }

    /**
     * One version of a key. ARM {@code vaults/keys/versions/{v}} (the version is the id's last segment and
     * {@code keyUriWithVersion}'s), {@code az keyvault key list-versions} items (versioned {@code kid}, no key
     * material, so no type) and a data-plane {@code GET keys/{name}/{version}} body. The record's
     * {@code currentVersion} is the version it describes; the rotation policy belongs to the key, never to a version.
     */
    static VaultKey keyVersion(JsonView root) {
        if (root.has("key") || root.has("kid")) {
            VaultKey k = dataPlaneKey(root);
            if (k.currentVersion() == null) {
                throw new SnapshotFormatException("kid: expected a versioned key URL .../keys/<name>/<version>");
            }
            return k;
        }
        ResourceId id = root.requiredResourceId("id");
        JsonView body = root.body();
        KeyRef withVersion = body.keyUrl("keyUriWithVersion");
        String version = withVersion != null ? withVersion.version() : id.name();
        ResourceId keyId = parentKey(id);
        KeyRef ref = withVersion != null ? withVersion.versionless() : fromArmId(keyId, body);
        JsonView attributes = orEmpty(body.object("attributes"));
        return new VaultKey(keyId, ref, version, attributes.bool("enabled"), attributes.instant("nbf", "notBefore"),
                attributes.instant("exp", "expires"), body.text("kty"), body.integer("keySize"),
                attributes.text("recoveryLevel"), null, false, null, attributes.instant("created"), keyOps(body));
    }

    /**
     * ARM {@code vaults/keys}: the single GET carries the current version ({@code keyUriWithVersion}), the key type
     * and the rotation policy, which it omits when the key has none; the list ({@code GET vaults/{v}/keys}) carries
     * only attributes and {@code keyUri}, so there the policy and the type are unknown, not absent.
     */
    private static VaultKey armKey(JsonView root) {
        ResourceId id = root.requiredResourceId("id");
        JsonView body = root.body();
        KeyRef latest = body.keyUrl("keyUriWithVersion");
        KeyRef uri = body.keyUrl("keyUri");
        KeyRef ref = uri != null ? uri : latest != null ? latest : fromArmId(id, body);
        String version = latest != null ? latest.version() : ref.version();
        boolean detailed = latest != null || body.has("kty") || body.has("rotationPolicy");
        JsonView attributes = orEmpty(body.object("attributes"));
        JsonView policy = body.object("rotationPolicy");
        return new VaultKey(id, ref.versionless(), version, attributes.bool("enabled"),
                attributes.instant("nbf", "notBefore"), attributes.instant("exp", "expires"), body.text("kty"),
                body.integer("keySize"), attributes.text("recoveryLevel"),
                policy == null ? null : rotationPolicy(policy), detailed, root.instant("deletedDate"),
                version == null ? null : attributes.instant("created"), keyOps(body));
    }

    /**
     * {@code az keyvault key show/list/list-deleted} or the data-plane REST body: the key URL is {@code kid}, versioned
     * in a show (its attributes are that version's) and versionless in list items (the current version's).
     */
    private static VaultKey dataPlaneKey(JsonView root) {
        JsonView material = root.object("key");
        KeyRef kid = material != null && material.has("kid") ? material.keyUrl("kid") : root.keyUrl("kid");
        if (kid == null) {
            throw new SnapshotFormatException("key.kid: required, but missing");
        }
        JsonView attributes = orEmpty(root.object("attributes"));
        String keyType = material != null && material.has("kty") ? material.text("kty") : root.text("kty");
        Integer keySize = root.has("keySize") ? root.integer("keySize")
                : material == null ? null : modulusBits(material.text("n"));
        return new VaultKey(null, kid.versionless(), kid.version(), attributes.bool("enabled"),
                attributes.instant("notBefore", "nbf"), attributes.instant("expires", "exp"), keyType, keySize,
                attributes.text("recoveryLevel"), null, false, root.instant("deletedDate", "deletedOn"),
                kid.version() == null ? null : attributes.instant("created"), material == null ? keyOps(root) : keyOps(material));
    }

    /**
     * The permitted operations: {@code keyOps} in ARM bodies and az output, {@code key_ops} in data-plane REST bodies;
     * null when neither is there (ARM list items and az list output leave them out).
     */
    private static List<String> keyOps(JsonView view) {
        if (view.has("keyOps") && view.raw("keyOps") != null && view.raw("keyOps").isJsonArray()) {
            return view.texts("keyOps");
        }
        if (view.has("key_ops") && view.raw("key_ops") != null && view.raw("key_ops").isJsonArray()) {
            return view.texts("key_ops");
        }
        return null;
    }

    static RotationPolicy rotationPolicy(JsonView policy) {
        List<LifetimeAction> actions = new ArrayList<>();
        for (JsonView entry : policy.objects("lifetimeActions")) {
            JsonView action = entry.raw("action") != null && entry.raw("action").isJsonObject() ? entry.object("action") : null;
            String type = action != null ? action.requiredText("type") : entry.requiredText("action");
            // az prints the trigger durations flattened next to the action; REST nests them in "trigger".
            JsonView trigger = entry.object("trigger") != null ? entry.object("trigger") : entry;
            actions.add(new LifetimeAction(type, trigger.text("timeAfterCreate"), trigger.text("timeBeforeExpiry")));
        }
        JsonView attributes = orEmpty(policy.object("attributes"));
        String expiry = attributes.text("expiryTime") != null ? attributes.text("expiryTime")
                : policy.text("expiryTime") != null ? policy.text("expiryTime") : policy.text("expiresIn");
        return new RotationPolicy(actions, expiry);
    }

    /** The versionless key a policy's {@code id} names, or null for the default policy, which has no id. */
    static KeyRef rotationPolicyKey(JsonView policy) {
        String id = policy.text("id");
        if (id == null) {
            return null;
        }
        KeyRef ref = Scalars.keyUrl(id);
        if (ref == null) {
            throw new SnapshotFormatException("id: expected https://<vault>/keys/<name>/rotationpolicy, got \"" + id + "\"");
        }
        return ref.versionless();
    }

    /** {@code .../keys/{k}/versions/{v}} without the version part. */
    private static ResourceId parentKey(ResourceId versionId) {
        String text = versionId.toString();
        int cut = text.toLowerCase(Locale.ROOT).lastIndexOf("/versions/");
        return cut < 0 ? versionId : ResourceId.parse(text.substring(0, cut));
    }

    private static KeyRef fromArmId(ResourceId id, JsonView body) {
        String type = id.type();
        boolean hsm = type.equals("microsoft.keyvault/managedhsms/keys");
        if (!hsm && !type.equals("microsoft.keyvault/vaults/keys")) {
            throw new SnapshotFormatException(body.where("keyUri") + ": required when id is not a vaults/keys id, but missing");
        }
        String vault = id.topLevel().name().toLowerCase(Locale.ROOT);
        return new KeyRef(vault + (hsm ? ".managedhsm.azure.net" : ".vault.azure.net"), id.name(), null);
    }

    /** RSA key size from the public modulus; null when there is none or it is not base64. */
    private static Integer modulusBits(String modulus) {
        if (modulus == null) {
            return null;
        }
        try {
            String urlSafe = modulus.trim().replace('+', '-').replace('/', '_').replaceAll("=+$", "");
            return new BigInteger(1, Base64.getUrlDecoder().decode(urlSafe)).bitLength();
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static JsonView orEmpty(JsonView view) {
        return view != null ? view : JsonView.of(new com.google.gson.JsonObject());
    }
}
