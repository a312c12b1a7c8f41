package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KeyVersion;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RotationPolicy;
import io.byokwatch.domain.VaultKey;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything read from a set of inventory files, as loaded (duplicates and all): {@link SnapshotInventory} decides
 * how records combine. {@code rotationPolicies} are the separately exported data-plane policies, by versionless key;
 * {@code skippedTypes} counts objects of types byokwatch does not use, by lower-cased type. {@code disks} and
 * {@code diskSnapshots} are every managed disk and snapshot in the files, persistent-volume or not.
 */
public record Snapshot(List<ManagedCluster> clusters, List<AgentPool> agentPools,
                       List<DiskEncryptionSet> diskEncryptionSets, List<KeyVault> vaults, List<VaultKey> keys,
                       Map<KeyRef, RotationPolicy> rotationPolicies, List<RoleAssignment> roleAssignments,
                       List<LoadProblem> problems, Map<String, Integer> skippedTypes, int files,
                       List<ManagedDisk> disks, List<DiskSnapshot> diskSnapshots, List<KeyVersion> keyVersions) {
    public Snapshot {
        disks = List.copyOf(disks);
        diskSnapshots = List.copyOf(diskSnapshots);
        keyVersions = List.copyOf(keyVersions);
        clusters = List.copyOf(clusters);
        agentPools = List.copyOf(agentPools);
        diskEncryptionSets = List.copyOf(diskEncryptionSets);
        vaults = List.copyOf(vaults);
        keys = List.copyOf(keys);
        rotationPolicies = Collections.unmodifiableMap(new LinkedHashMap<>(rotationPolicies));
        roleAssignments = List.copyOf(roleAssignments);
        problems = List.copyOf(problems);
        skippedTypes = Collections.unmodifiableMap(new TreeMap<>(skippedTypes));
    }

    /** A snapshot without managed disks or disk snapshots (an export made before byokwatch read them). */
    public Snapshot(List<ManagedCluster> clusters, List<AgentPool> agentPools, List<DiskEncryptionSet> diskEncryptionSets,
                    List<KeyVault> vaults, List<VaultKey> keys, Map<KeyRef, RotationPolicy> rotationPolicies,
                    List<RoleAssignment> roleAssignments, List<LoadProblem> problems, Map<String, Integer> skippedTypes,
                    int files) {
        this(clusters, agentPools, diskEncryptionSets, vaults, keys, rotationPolicies, roleAssignments, problems,
                skippedTypes, files, List.of(), List.of(), List.of());
    }

    /** A snapshot without key versions. */
    public Snapshot(List<ManagedCluster> clusters, List<AgentPool> agentPools, List<DiskEncryptionSet> diskEncryptionSets,
                    List<KeyVault> vaults, List<VaultKey> keys, Map<KeyRef, RotationPolicy> rotationPolicies,
                    List<RoleAssignment> roleAssignments, List<LoadProblem> problems, Map<String, Integer> skippedTypes,
                    int files, List<ManagedDisk> disks, List<DiskSnapshot> diskSnapshots) {
        this(clusters, agentPools, diskEncryptionSets, vaults, keys, rotationPolicies, roleAssignments, problems,
                skippedTypes, files, disks, diskSnapshots, List.of());
    }

    /** How many resources were mapped, of every kind. */
    public int resourceCount() {
        return clusters.size() + agentPools.size() + diskEncryptionSets.size() + vaults.size() + keys.size()
                + rotationPolicies.size() + roleAssignments.size() + disks.size() + diskSnapshots.size()
                + keyVersions.size();
    }
}
