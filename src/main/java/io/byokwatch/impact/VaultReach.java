package io.byokwatch.impact;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Inventory;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * From a vault (or one key in it) to the clusters that depend on it: through the disk encryption sets whose key lives
 * there (for the clusters' OS disks and their persistent-volume disks), and directly through KMS etcd keys. Both look-ups go from the referencing side, so they still answer after
 * the vault or key itself was deleted.
 */
final class VaultReach {

    private VaultReach() {
    }

    /** {@code keyName} null means every key of the vault. */
    static Impact reach(String label, Collection<String> hosts, String keyName, Inventory inv) {
        Set<ResourceId> sets = new TreeSet<>();
        Set<ResourceId> kmsClusters = new TreeSet<>();
        for (String host : hosts) {
            for (DiskEncryptionSet des : inv.diskEncryptionSetsUsingVault(host)) {
                if (keyName == null || names(des.activeKey(), host, keyName) || onlyPreviousKeyHere(des, host)) {
                    sets.add(des.id());
                }
            }
            for (ManagedCluster c : inv.clustersWithKmsKeyIn(host)) {
                if (keyName == null || names(c.kms().key(), host, keyName)) {
                    kmsClusters.add(c.id());
                }
            }
        }
        Set<ResourceId> desClusters = new TreeSet<>();
        if (!sets.isEmpty()) {
            inv.clustersUsingDiskEncryptionSets(sets).forEach(c -> desClusters.add(c.id()));
        }
        Set<ResourceId> dataDiskClusters = DataDiskReach.clustersUsing(sets, inv);
        Set<ResourceId> all = new TreeSet<>(desClusters);
        all.addAll(dataDiskClusters);
        all.addAll(kmsClusters);
        String route = label + " -> " + count(sets.size(), "disk encryption set") + " -> "
                + count(desClusters.size(), "cluster") + dataDisks(dataDiskClusters)
                + (kmsClusters.isEmpty() ? "" : "; KMS -> " + count(kmsClusters.size(), "cluster"));
        return Impact.reaches(all, route);
    }

    /** The route's part for clusters reached through persistent-volume disks; empty when there are none. */
    static String dataDisks(Set<ResourceId> clusters) {
        return clusters.isEmpty() ? "" : "; PV disks -> " + count(clusters.size(), "cluster");
    }

    /**
     * The inventory lists a set under this host although its active key is elsewhere (or unknown): a previous key it
     * is still rotating away from lives here. The domain does not say which key that is, so the set is kept rather
     * than risk missing it.
     */
    private static boolean onlyPreviousKeyHere(DiskEncryptionSet des, String host) {
        return des.activeKey() == null || !des.activeKey().vaultHost().equals(host);
    }

    private static boolean names(KeyRef key, String host, String keyName) {
        return key != null && key.vaultHost().equals(host) && key.name().equalsIgnoreCase(keyName);
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
