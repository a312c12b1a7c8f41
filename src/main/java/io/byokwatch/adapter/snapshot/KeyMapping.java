package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVersion;
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

    private static VaultKey armKey(JsonView root) {
        ResourceId id = root.requiredResourceId("id");
        JsonView body = root.body();
        KeyRef latest = body.keyUrl("keyUriWithVersion");
        KeyRef uri = body.keyUrl("keyUri");
        KeyRef ref = uri != null ? uri : latest != null ? latest : fromArmId(id, body);
        String version = latest != null ? latest.version() : ref.version();
        JsonView attributes = orEmpty(body.object("attributes"));
        JsonView policy = body.object("rotationPolicy");
        return new VaultKey(id, ref.versionless(), version, attributes.bool("enabled"),
                attributes.instant("nbf", "notBefore"), attributes.instant("exp", "expires"), body.text("kty"),
                body.integer("keySize"), attributes.text("recoveryLevel"),
                policy == null ? null : rotationPolicy(policy), true, root.instant("deletedDate"));
    }

    /** {@code az keyvault key show/list/list-deleted} or the data-plane REST body: the key URL is {@code kid}. */
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
                attributes.text("recoveryLevel"), null, false, root.instant("deletedDate", "deletedOn"));
    }

    /**
     * A key version: ARM {@code vaults/keys/versions} (the version in {@code keyUriWithVersion}, else the id's last
     * segment) or a data-plane {@code list-versions} item (the version in {@code kid}).
     */
    static KeyVersion version(JsonView root) {
        KeyRef ref;
        JsonView attributes;
        if (root.has("kid")) {
            ref = root.keyUrl("kid");
            attributes = orEmpty(root.object("attributes"));
        } else {
            ResourceId id = root.requiredResourceId("id");
            JsonView body = root.body();
            KeyRef withVersion = body.keyUrl("keyUriWithVersion");
            KeyRef uri = body.keyUrl("keyUri");
            ResourceId keyId = id.isType("microsoft.keyvault/vaults/keys/versions")
                    || id.isType("microsoft.keyvault/managedhsms/keys/versions") ? parentKey(id) : id;
            KeyRef key = uri != null ? uri : fromArmId(keyId, body);
            ref = withVersion != null ? withVersion : new KeyRef(key.vaultHost(), key.name(), id.name());
            attributes = orEmpty(body.object("attributes"));
        }
        if (ref == null || ref.version() == null) {
            throw new SnapshotFormatException(root.where("kid") + ": expected a versioned key URL"
                    + " https://<vault>/keys/<name>/<version>");
        }
        return new KeyVersion(ref, attributes.instant("created"), attributes.instant("updated"), attributes.bool("enabled"),
                attributes.instant("nbf", "notBefore"), attributes.instant("exp", "expires"));
    }

    /** {@code .../keys/{name}/versions/{version}} to {@code .../keys/{name}}. */
    private static ResourceId parentKey(ResourceId versionId) {
        String text = versionId.toString();
        return ResourceId.parse(text.substring(0, text.toLowerCase(Locale.ROOT).lastIndexOf("/versions/")));
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

    static KeyRef rotationPolicyKey(JsonView policy) {
        String id = policy.requiredText("id");
        KeyRef ref = Scalars.keyUrl(id);
        if (ref == null) {
            throw new SnapshotFormatException("id: expected https://<vault>/keys/<name>/rotationpolicy, got \"" + id + "\"");
        }
        return ref.versionless();
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
