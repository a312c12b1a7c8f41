package io.byokwatch.domain;

import java.time.Instant;

/** A disk encryption set: which key it wraps disk keys with, as which identity, and how it follows key versions. */
public record DiskEncryptionSet(ResourceId id, String name, String location, String encryptionType, KeyRef activeKey,
                                ResourceId sourceVaultId, boolean rotationToLatestKeyVersion,
                                Instant lastKeyRotation, String rotationErrorCode, String rotationErrorMessage,
                                ManagedIdentity identity, String federatedClientId, String provisioningState) {
    public DiskEncryptionSet {
        identity = identity == null ? ManagedIdentity.NONE : identity;
    }

    public boolean hasRotationError() {
        return rotationErrorCode != null || rotationErrorMessage != null;
    }
}
