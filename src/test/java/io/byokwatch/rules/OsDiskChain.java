package io.byokwatch.rules;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RoleDefinition;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Lookup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Test builder for the node OS disks' key use, link by link: cluster → set → vault → key (+ role assignments at the
 * key). A cluster without a set id has no key use, so key-use rules do not run for it, as in the evaluator.
 */
public record OsDiskChain(ManagedCluster cluster, Lookup<DiskEncryptionSet> set, Lookup<KeyVault> vault,
                          Lookup<VaultKey> key, Lookup<List<RoleAssignment>> roleAssignments, Instant now,
                          RuleSettings settings, Lookup<VaultKey> usedKeyVersion,
                          Map<String, Lookup<RoleDefinition>> roleDefinitions) {

    public OsDiskChain(ManagedCluster cluster, Lookup<DiskEncryptionSet> set, Lookup<KeyVault> vault, Lookup<VaultKey> key,
                       Lookup<List<RoleAssignment>> roleAssignments, Instant now, RuleSettings settings) {
        this(cluster, set, vault, key, roleAssignments, now, settings, key, Map.of());
    }

    /** The key uses the evaluator would build: one through the cluster's set, none without a set id. */
    public List<KeyUse> keyUses() {
        if (cluster.diskEncryptionSetId() == null) {
            return List.of();
        }
        return List.of(KeyUse.throughSet(KeyPurpose.OS_DISK, cluster, List.of(KeyConsumer.of(cluster)),
                cluster.diskEncryptionSetId(), set, vault, key, usedKeyVersion, roleAssignments, roleDefinitions));
    }

    public ClusterFacts facts() {
        return new ClusterFacts(cluster, keyUses());
    }

    public RuleContext context() {
        return new RuleContext(now, settings);
    }
}
