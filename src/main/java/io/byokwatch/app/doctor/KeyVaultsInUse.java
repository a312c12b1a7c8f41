package io.byokwatch.app.doctor;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The vaults that hold a key the watched clusters depend on, found the way the rules find them: each cluster's disk
 * encryption set and its active key's vault, and the vault of its KMS key. A link that cannot be followed is kept as
 * a reason, so the checks can say which vault they could not see rather than pass over it.
 */
final class KeyVaultsInUse {

    /** A vault and what it holds keys for: {@code disk} (OS disks through a set) and/or {@code kms} (etcd secrets). */
    record VaultUse(KeyVault vault, Set<String> purposes) {
    }

    /** A link that could not be followed, and the vault's id when a set or cluster named it. */
    record Unseen(String what, ResourceId vault) {
    }

    /**
     * @param vaults   every vault found, by id
     * @param unseen   links that could not be followed
     * @param failure  why the clusters could not be listed at all, or null
     */
    record Found(List<VaultUse> vaults, List<Unseen> unseen, String failure, int clusters) {
    }

    private KeyVaultsInUse() {
    }

    static Found find(Inventory inventory) {
        List<ManagedCluster> clusters;
        try {
            clusters = inventory.clusters();
        } catch (RuntimeException e) {
            // an inventory that cannot list (Resource Graph refused, a cut-off answer) says so in its message
            return new Found(List.of(), List.of(), e.getMessage(), 0);
        }
        Map<ResourceId, KeyVault> vaults = new TreeMap<>();
        Map<ResourceId, Set<String>> purposes = new LinkedHashMap<>();
        Map<String, Unseen> unseen = new LinkedHashMap<>();
        Map<String, Lookup<KeyVault>> byHost = new LinkedHashMap<>();
        Map<ResourceId, Lookup<DiskEncryptionSet>> sets = new LinkedHashMap<>();
        for (ManagedCluster c : clusters) {
            if (c.diskEncryptionSetId() != null) {
                Lookup<DiskEncryptionSet> set = sets.computeIfAbsent(c.diskEncryptionSetId(), inventory::diskEncryptionSet);
                if (set.orNull() == null) {
                    String what = "disk encryption set " + c.diskEncryptionSetId() + " of cluster " + c.name() + ": " + reason(set);
                    unseen.putIfAbsent(what, new Unseen(what, null));
                } else if (set.orNull().activeKey() != null) {
                    add(set.orNull().activeKey(), set.orNull().sourceVaultId(), "disk", inventory, byHost, vaults, purposes, unseen);
                }
            }
            if (c.kms().enabled() && c.kms().key() != null) {
                add(c.kms().key(), c.kms().keyVaultResourceId(), "kms", inventory, byHost, vaults, purposes, unseen);
            }
        }
        List<VaultUse> out = new ArrayList<>();
        vaults.forEach((id, v) -> out.add(new VaultUse(v, Set.copyOf(purposes.get(id)))));
        return new Found(List.copyOf(out), List.copyOf(unseen.values()), null, clusters.size());
    }

    /** @param named the vault's id as a set or cluster names it, or null */
    private static void add(KeyRef key, ResourceId named, String purpose, Inventory inventory, Map<String, Lookup<KeyVault>> byHost,
                            Map<ResourceId, KeyVault> vaults, Map<ResourceId, Set<String>> purposes, Map<String, Unseen> unseen) {
        Lookup<KeyVault> vault = byHost.computeIfAbsent(key.vaultHost(), inventory::vaultByHost);
        KeyVault v = vault.orNull();
        if (v == null) {
            String what = "the vault serving " + key.vaultHost() + ": " + reason(vault);
            Unseen known = unseen.get(what);
            unseen.put(what, new Unseen(what, named != null ? named : known == null ? null : known.vault()));
            return;
        }
        vaults.putIfAbsent(v.id(), v);
        purposes.computeIfAbsent(v.id(), k -> new java.util.TreeSet<>()).add(purpose);
    }

    private static String reason(Lookup<?> l) {
        if (l instanceof Lookup.Absent<?> a) {
            return a.evidence();
        }
        return l instanceof Lookup.Unknown<?> u ? u.reason() : "found";
    }
}
