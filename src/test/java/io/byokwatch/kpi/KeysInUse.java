package io.byokwatch.kpi;

import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RotationPolicy;
import io.byokwatch.domain.VaultKey;

import java.time.Instant;
import java.util.List;

/** Keys in use for KPI tests, with versions created on dates the test chooses. */
final class KeysInUse {
    private KeysInUse() {
    }

    static VaultKey key(String url, String keyType, int size, boolean rotates) {
        KeyRef ref = KeyRef.parse(url);
        RotationPolicy policy = rotates ? new RotationPolicy(List.of(new RotationPolicy.LifetimeAction("rotate", "P180D", null)), "P1Y") : null;
        return new VaultKey(null, ref.versionless(), ref.version(), true, null, null, keyType, size, "Recoverable", policy,
                true, null);
    }

    static VaultKey version(String url, String created) {
        KeyRef ref = KeyRef.parse(url);
        return new VaultKey(null, ref.versionless(), ref.version(), true, null, null, null, null, null, null, false, null,
                created == null ? null : Instant.parse(created));
    }

    static KeyInUse.Consumer des(String name, String version, boolean followsLatest, String... clusters) {
        return new KeyInUse.Consumer(KeyInUse.Consumer.DISK_ENCRYPTION_SET, ResourceId.parse(
                "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/" + name),
                name, version, followsLatest, null, null, List.of(clusters));
    }

    static KeyInUse.Consumer kms(String cluster, String version) {
        return new KeyInUse.Consumer(KeyInUse.Consumer.KMS, ResourceId.parse(
                "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/" + cluster),
                cluster, version, false, null, null, List.of(cluster));
    }
}
