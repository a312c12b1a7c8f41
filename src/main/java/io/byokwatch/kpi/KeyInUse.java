package io.byokwatch.kpi;

import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.VaultKey;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A key that in-scope clusters depend on, with what the inventory says about it and who consumes it. Gathered from
 * the inventory by the application; the figures are computed from this alone.
 *
 * @param key            versionless
 * @param vaultKey       the key as read, or null when it could not be (then {@code unknownReason} says why)
 * @param versions       every version (each record's {@code currentVersion} is the version it describes, {@code created}
 *                       when it was made), or null when the inventory does not hold them ({@code versionsUnknown} says why)
 * @param rotateOps      successful KeyRotate and KeyRotateIfDue audit events in the window, or null without logs
 */
public record KeyInUse(KeyRef key, VaultKey vaultKey, String unknownReason, List<VaultKey> versions,
                       String versionsUnknown, List<Consumer> consumers, Long rotateOps) {
    public KeyInUse {
        Objects.requireNonNull(key, "key");
        versions = versions == null ? null : List.copyOf(versions);
        consumers = List.copyOf(consumers);
    }

    /**
     * One consumer of the key: a disk encryption set (OS and data disks) or a cluster's KMS etcd encryption.
     *
     * @param kind         {@value #DISK_ENCRYPTION_SET} or {@value #KMS}
     * @param usedVersion  the version it uses now (a set's active key, the KMS key id), or null when its URL names none
     * @param followsLatest true for a set with rotationToLatestKeyVersionEnabled
     * @param lastRotation a set's lastKeyRotationTimestamp, or null
     * @param rotationError a set's autoKeyRotationError, or null
     * @param clusters     names of the clusters that depend on it through this consumer
     */
    public record Consumer(String kind, ResourceId id, String name, String usedVersion, boolean followsLatest,
                           Instant lastRotation, String rotationError, List<String> clusters) {
        public static final String DISK_ENCRYPTION_SET = "disk-encryption-set";
        public static final String KMS = "kms";

        public Consumer {
            clusters = List.copyOf(clusters);
        }
    }
}
