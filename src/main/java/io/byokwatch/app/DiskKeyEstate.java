package io.byokwatch.app;

import io.byokwatch.access.ByokEstate;
import io.byokwatch.domain.DiskEncryption;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads from the inventory what the access detectors need: every disk encryption set behind a cluster (its node disks'
 * and its persistent volumes'), every other set
 * on the same vaults (standalone VMs use sets too, and their identities are legitimate callers), the clusters each
 * serves, and the keys clusters use for KMS with the cluster identities their KMS plugin calls the vault as.
 */
final class DiskKeyEstate {
    private DiskKeyEstate() {
    }

    static ByokEstate from(Inventory inventory) {
        Map<ResourceId, DiskEncryptionSet> sets = new LinkedHashMap<>();
        Map<ResourceId, List<ManagedCluster>> clustersBySet = new LinkedHashMap<>();
        List<ByokEstate.KmsUse> kms = new ArrayList<>();
        for (ManagedCluster c : inventory.clusters()) {
            if (c.kms().keyInUse() != null) {
                kms.add(new ByokEstate.KmsUse(c.kms().keyInUse(), c));
            }
            Set<ResourceId> used = new LinkedHashSet<>();
            if (c.diskEncryptionSetId() != null) {
                used.add(c.diskEncryptionSetId());
            }
            // sets only persistent volumes use are as legitimate callers of their keys as the node disks' set
            List<ManagedDisk> disks = inventory.dataDisksOf(c).orNull();
            if (disks != null) {
                disks.forEach(d -> addSet(used, d.encryption()));
            }
            List<DiskSnapshot> snapshots = inventory.dataDiskSnapshotsOf(c).orNull();
            if (snapshots != null) {
                snapshots.forEach(s -> addSet(used, s.encryption()));
            }
            for (ResourceId id : used) {
                DiskEncryptionSet set = inventory.diskEncryptionSet(id).orNull();
                if (set != null) {
                    sets.putIfAbsent(set.id(), set);
                    clustersBySet.computeIfAbsent(set.id(), k -> new ArrayList<>()).add(c);
                }
            }
        }
        Set<String> hosts = new LinkedHashSet<>();
        sets.values().stream().filter(s -> s.activeKey() != null).forEach(s -> hosts.add(s.activeKey().vaultHost()));
        for (String host : hosts) {
            inventory.diskEncryptionSetsUsingVault(host).forEach(s -> sets.putIfAbsent(s.id(), s));
        }
        Map<DiskEncryptionSet, List<ManagedCluster>> withClusters = new LinkedHashMap<>();
        sets.forEach((id, s) -> withClusters.put(s, clustersBySet.getOrDefault(id, List.of())));
        return ByokEstate.withKms(withClusters, kms);
    }

    private static void addSet(Set<ResourceId> used, DiskEncryption encryption) {
        if (encryption.usesCustomerKey() && encryption.diskEncryptionSetId() != null) {
            used.add(encryption.diskEncryptionSetId());
        }
    }
}
