package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Lookup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reverse look-ups a change to a key's access path needs, over the records of the files: who uses a user-assigned
 * identity (clusters, disk encryption sets), which clusters reach a vault privately for KMS, and which vaults a private
 * endpoint is connected to. A summary or an unreadable record of the kind asked about could be the one, so with one
 * present a miss is unknown rather than "none".
 */
final class KmsPathIndex {
    private final Collection<ManagedCluster> clusters;
    private final Map<ResourceId, List<ManagedCluster>> clustersByIdentity = new HashMap<>();
    private final Map<ResourceId, List<DiskEncryptionSet>> setsByIdentity = new HashMap<>();
    private final int sets;
    private final Collection<KeyVault> vaults;
    private final Snapshot snapshot;

    KmsPathIndex(Collection<ManagedCluster> clusters, Collection<DiskEncryptionSet> sets, Collection<KeyVault> vaults,
                 Snapshot snapshot) {
        this.clusters = clusters;
        this.vaults = vaults.stream().filter(v -> !v.managedHsm()).toList();
        this.snapshot = snapshot;
        this.sets = sets.size();
        for (ManagedCluster c : clusters) {
            c.identity().userAssigned().keySet().forEach(id ->
                    clustersByIdentity.computeIfAbsent(id, k -> new ArrayList<>()).add(c));
        }
        for (DiskEncryptionSet s : sets) {
            s.identity().userAssigned().keySet().forEach(id ->
                    setsByIdentity.computeIfAbsent(id, k -> new ArrayList<>()).add(s));
        }
    }

    Lookup<List<ManagedCluster>> clustersUsingIdentity(ResourceId identity) {
        List<ManagedCluster> found = sorted(clustersByIdentity.getOrDefault(identity, List.of()));
        String blocking = found.isEmpty() ? blocking(ResourceKind.MANAGED_CLUSTER, "AKS cluster") : null;
        return blocking != null ? Lookup.unknown(blocking + ", so the clusters using identity " + identity.name()
                + " cannot all be told") : Lookup.found(found);
    }

    Lookup<List<DiskEncryptionSet>> setsUsingIdentity(ResourceId identity) {
        List<DiskEncryptionSet> found = setsByIdentity.getOrDefault(identity, List.of()).stream()
                .sorted((a, b) -> a.id().compareTo(b.id())).toList();
        if (!found.isEmpty()) {
            return Lookup.found(found);
        }
        String blocking = blocking(ResourceKind.DISK_ENCRYPTION_SET, "disk encryption set");
        if (blocking == null && sets == 0) {
            blocking = "no disk encryption sets are in the inventory (add the output of az disk-encryption-set list)";
        }
        return blocking != null ? Lookup.unknown(blocking + ", so the sets using identity " + identity.name()
                + " cannot be told") : Lookup.found(List.of());
    }

    Lookup<List<ManagedCluster>> clustersWithPrivateKmsVault(ResourceId vault) {
        List<ManagedCluster> found = sorted(clusters.stream().filter(c -> c.kms().privateVaultIs(vault)).toList());
        String blocking = found.isEmpty() ? blocking(ResourceKind.MANAGED_CLUSTER, "AKS cluster") : null;
        return blocking != null ? Lookup.unknown(blocking + ", so the clusters reaching vault " + vault.name()
                + " privately cannot all be told") : Lookup.found(found);
    }

    Lookup<List<KeyVault>> vaultsConnectedTo(ResourceId privateEndpoint) {
        List<KeyVault> found = vaults.stream().filter(v -> v.network().connects(privateEndpoint))
                .sorted((a, b) -> a.id().compareTo(b.id())).toList();
        if (!found.isEmpty()) {
            return Lookup.found(found);
        }
        String blocking = blocking(ResourceKind.KEY_VAULT, "key vault");
        if (blocking == null && vaults.isEmpty()) {
            blocking = "no key vaults are in the inventory (add the output of az keyvault show for each vault)";
        }
        if (blocking == null) {
            blocking = vaults.stream().filter(v -> !v.network().known()).map(v -> v.network().unread()).findFirst()
                    .orElse(null);
        }
        return blocking != null ? Lookup.unknown(blocking + ", so the vaults private endpoint " + privateEndpoint.name()
                + " was connected to cannot be told") : Lookup.found(List.of());
    }

    /** Why a miss cannot mean none: a summary, or an unreadable record, of this kind. Null when nothing stands in. */
    private String blocking(ResourceKind kind, String what) {
        for (Summary s : snapshot.summaries()) {
            if (s.kind() == kind) {
                return s.describe();
            }
        }
        for (Unreadable u : snapshot.unreadable()) {
            if (u.kind() == kind) {
                return u.describe();
            }
        }
        return null;
    }

    private static List<ManagedCluster> sorted(List<ManagedCluster> clusters) {
        return clusters.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }
}
