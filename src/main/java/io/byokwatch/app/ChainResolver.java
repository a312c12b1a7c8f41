package io.byokwatch.app;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;
import io.byokwatch.rules.Chain;
import io.byokwatch.rules.RuleSettings;

import java.time.Instant;
import java.util.List;

/** Walks cluster → disk encryption set → vault → key (+ role assignments at the key) through the inventory. */
public final class ChainResolver {

    public Chain resolve(ManagedCluster cluster, Inventory inventory, Instant now, RuleSettings settings) {
        if (cluster.diskEncryptionSetId() == null) {
            return new Chain(cluster, null, null, null, null, now, settings);
        }
        Lookup<DiskEncryptionSet> set = inventory.diskEncryptionSet(cluster.diskEncryptionSetId());
        DiskEncryptionSet des = set.orNull();
        if (des == null || des.activeKey() == null) {
            return new Chain(cluster, set, null, null, null, now, settings);
        }
        KeyRef ref = des.activeKey();
        Lookup<KeyVault> vault = inventory.vaultByHost(ref.vaultHost());
        if (vault instanceof Lookup.Absent<KeyVault> a) {
            return new Chain(cluster, set, vault, Lookup.absent(a.evidence()), null, now, settings);
        }
        Lookup<VaultKey> key = inventory.key(ref);
        Lookup<List<RoleAssignment>> roles = null;
        KeyVault kv = vault.orNull();
        if (kv != null && kv.usesRbac() && !kv.managedHsm()) {
            ResourceId keyScope = kv.id().child("keys", ref.name());
            roles = inventory.roleAssignmentsAt(keyScope);
        }
        return new Chain(cluster, set, vault, key, roles, now, settings);
    }
}
