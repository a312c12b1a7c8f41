package io.byokwatch.domain;

import java.time.Instant;

/**
 * A key in a vault, from ARM ({@code Microsoft.KeyVault/vaults/keys}) or the data plane ({@code az keyvault key show}).
 * {@code ref} is versionless; {@code currentVersion} is the newest version when the payload names it.
 * {@code rotationPolicy} is null when unknown, {@link #rotationPolicyKnown} says whether "none" is a fact.
 */
public record VaultKey(ResourceId id, KeyRef ref, String currentVersion, Boolean enabled, Instant notBefore,
                       Instant expires, String keyType, Integer keySize, String recoveryLevel,
                       RotationPolicy rotationPolicy, boolean rotationPolicyKnown, Instant deletedOn) {

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
