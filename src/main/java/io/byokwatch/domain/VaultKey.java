package io.byokwatch.domain;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A key in a vault, from ARM ({@code Microsoft.KeyVault/vaults/keys}) or the data plane ({@code az keyvault key show}).
 * {@code ref} is versionless; {@code currentVersion} is the newest version when the payload names it.
 * {@code rotationPolicy} is null when unknown, {@link #rotationPolicyKnown} says whether "none" is a fact.
 * {@code created} is when the version this record describes was created (what rotation age is measured from), or null
 * when the payload did not say. {@code keyOps} are the operations the key permits ({@code key_ops}: encrypt, decrypt,
 * wrapKey, unwrapKey, sign, verify...), null when the payload does not list them.
 */
public record VaultKey(ResourceId id, KeyRef ref, String currentVersion, Boolean enabled, Instant notBefore,
                       Instant expires, String keyType, Integer keySize, String recoveryLevel,
                       RotationPolicy rotationPolicy, boolean rotationPolicyKnown, Instant deletedOn, Instant created,
                       List<String> keyOps) {

    public VaultKey {
        keyOps = keyOps == null ? null : List.copyOf(keyOps);
    }

    /** A key whose permitted operations the payload did not list. */
    public VaultKey(ResourceId id, KeyRef ref, String currentVersion, Boolean enabled, Instant notBefore, Instant expires,
                    String keyType, Integer keySize, String recoveryLevel, RotationPolicy rotationPolicy,
                    boolean rotationPolicyKnown, Instant deletedOn, Instant created) {
        this(id, ref, currentVersion, enabled, notBefore, expires, keyType, keySize, recoveryLevel, rotationPolicy,
                rotationPolicyKnown, deletedOn, created, null);
    }

    /** A key whose version's creation time the payload did not give. */
    public VaultKey(ResourceId id, KeyRef ref, String currentVersion, Boolean enabled, Instant notBefore, Instant expires,
                    String keyType, Integer keySize, String recoveryLevel, RotationPolicy rotationPolicy,
                    boolean rotationPolicyKnown, Instant deletedOn) {
        this(id, ref, currentVersion, enabled, notBefore, expires, keyType, keySize, recoveryLevel, rotationPolicy,
                rotationPolicyKnown, deletedOn, null);
    }

    /** Whether the key permits this operation (case-insensitive); null when its operations are not in the record. */
    public Boolean permits(String operation) {
        return keyOps == null ? null : keyOps.stream().anyMatch(o -> o.trim().equalsIgnoreCase(operation));
    }

    public boolean deleted() {
        return deletedOn != null;
    }

    public String name() {
        return ref.name();
    }

    /** HSM-protected: an {@code -HSM} key type or a Managed HSM pool. */
    public boolean hsmBacked() {
        return (keyType != null && keyType.toUpperCase(java.util.Locale.ROOT).endsWith("-HSM")) || ref.inManagedHsm();
    }
}
