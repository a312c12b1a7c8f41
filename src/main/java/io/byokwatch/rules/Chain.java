package io.byokwatch.rules;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Lookup;

import java.time.Instant;
import java.util.List;

/**
 * One cluster's encryption chain, already resolved: cluster → disk encryption set → vault → key (+ role assignments at
 * the key). A link is null when the link before it does not lead there (no set id, set not found, set without a key).
 */
public record Chain(ManagedCluster cluster, Lookup<DiskEncryptionSet> set, Lookup<KeyVault> vault,
                    Lookup<VaultKey> key, Lookup<List<RoleAssignment>> roleAssignments, Instant now,
                    RuleSettings settings) {

    /** The set, when it was found. */
    public DiskEncryptionSet foundSet() {
        return set == null ? null : set.orNull();
    }

    public KeyVault foundVault() {
        return vault == null ? null : vault.orNull();
    }

    public VaultKey foundKey() {
        return key == null ? null : key.orNull();
    }
}
