package io.byokwatch.app.keyuse;

import io.byokwatch.domain.DiskEncryption;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.rules.KeyUse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The persistent-volume disks and VolumeSnapshot snapshots on a customer key: one key use per disk encryption set
 * they name, its consumers every volume on that set. Volumes on the platform key, or whose encryption the record does
 * not show, reach no key; {@code pv-disk-platform-key} judges them.
 */
public final class DataDiskKeyUses implements KeyUseBuilder {
    @Override
    public KeyPurpose purpose() {
        return KeyPurpose.DATA_DISK;
    }

    @Override
    public List<KeyUse> build(ClusterScope scope) {
        Map<ResourceId, List<KeyConsumer>> bySet = new LinkedHashMap<>();
        List<ManagedDisk> disks = scope.dataDisks().orNull();
        if (disks != null) {
            for (ManagedDisk d : disks) {
                add(bySet, d.encryption(), KeyConsumer.of(d));
            }
        }
        List<DiskSnapshot> snapshots = scope.dataDiskSnapshots().orNull();
        if (snapshots != null) {
            for (DiskSnapshot s : snapshots) {
                add(bySet, s.encryption(), KeyConsumer.of(s));
            }
        }
        List<KeyUse> uses = new ArrayList<>(bySet.size());
        bySet.forEach((set, consumers) -> uses.add(scope.throughSet(KeyPurpose.DATA_DISK, consumers, set)));
        return uses;
    }

    private static void add(Map<ResourceId, List<KeyConsumer>> bySet, DiskEncryption encryption, KeyConsumer consumer) {
        if (encryption.usesCustomerKey() && encryption.diskEncryptionSetId() != null) {
            bySet.computeIfAbsent(encryption.diskEncryptionSetId(), k -> new ArrayList<>()).add(consumer);
        }
    }
}
