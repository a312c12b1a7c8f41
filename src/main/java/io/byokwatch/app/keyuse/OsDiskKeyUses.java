package io.byokwatch.app.keyuse;

import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.rules.KeyUse;

import java.util.List;

/** The node OS disks: one key use through the cluster's disk encryption set, none when it names no set. */
public final class OsDiskKeyUses implements KeyUseBuilder {
    @Override
    public KeyPurpose purpose() {
        return KeyPurpose.OS_DISK;
    }

    @Override
    public List<KeyUse> build(ClusterScope scope) {
        ManagedCluster c = scope.cluster();
        if (c.diskEncryptionSetId() == null) {
            return List.of();
        }
        return List.of(scope.throughSet(KeyPurpose.OS_DISK, List.of(KeyConsumer.of(c)), c.diskEncryptionSetId()));
    }
}
