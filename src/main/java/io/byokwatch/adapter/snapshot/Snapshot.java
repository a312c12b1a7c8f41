package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RoleDefinition;
import io.byokwatch.domain.RotationPolicy;
import io.byokwatch.domain.VaultKey;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything read from a set of inventory files, as loaded (duplicates and all): {@link SnapshotInventory} decides
 * how records combine. {@code rotationPolicies} are the separately exported data-plane policies, by versionless key
 * (a name-only reference, host without a domain, for a default policy its file name attributes);
 * {@code skippedTypes} counts objects of types byokwatch does not use, by lower-cased type. {@code disks} and
 * {@code diskSnapshots} are every managed disk and snapshot in the files, persistent-volume or not.
 *
 * @param keyVersions               records of single key versions (their {@code currentVersion} is the version)
 * @param roleDefinitions           Azure RBAC and Managed HSM role definitions
 * @param managedHsmRoleAssignments Managed HSM local role assignments by lower-cased HSM name; an HSM whose export
 *                                  held none maps to an empty list, which is a fact ("no assignments")
 * @param summaries                 resources seen only as summaries without properties, which carry no facts
 * @param origins                   where each record above was read, by identity, to tell differing copies apart
 * @param unreadable                records of a known kind that could not be mapped (also among {@code problems})
 */
public record Snapshot(List<ManagedCluster> clusters, List<AgentPool> agentPools,
                       List<DiskEncryptionSet> diskEncryptionSets, List<KeyVault> vaults, List<VaultKey> keys,
                       Map<KeyRef, RotationPolicy> rotationPolicies, List<RoleAssignment> roleAssignments,
                       List<LoadProblem> problems, Map<String, Integer> skippedTypes, int files,
                       List<ManagedDisk> disks, List<DiskSnapshot> diskSnapshots,
                       List<VaultKey> keyVersions, List<RoleDefinition> roleDefinitions,
                       Map<String, List<RoleAssignment>> managedHsmRoleAssignments, List<Summary> summaries,
                       Map<Object, Origin> origins, List<Unreadable> unreadable) {
    public Snapshot {
        disks = List.copyOf(disks);
        diskSnapshots = List.copyOf(diskSnapshots);
        clusters = List.copyOf(clusters);
        agentPools = List.copyOf(agentPools);
        diskEncryptionSets = List.copyOf(diskEncryptionSets);
        vaults = List.copyOf(vaults);
        keys = List.copyOf(keys);
        rotationPolicies = Collections.unmodifiableMap(new LinkedHashMap<>(rotationPolicies));
        roleAssignments = List.copyOf(roleAssignments);
        problems = List.copyOf(problems);
        skippedTypes = Collections.unmodifiableMap(new TreeMap<>(skippedTypes));
        keyVersions = List.copyOf(keyVersions);
        roleDefinitions = List.copyOf(roleDefinitions);
        Map<String, List<RoleAssignment>> hsm = new LinkedHashMap<>();
        managedHsmRoleAssignments.forEach((k, v) -> hsm.put(k, List.copyOf(v)));
        managedHsmRoleAssignments = Collections.unmodifiableMap(hsm);
        summaries = List.copyOf(summaries);
        origins = Collections.unmodifiableMap(new IdentityHashMap<>(origins));
        unreadable = List.copyOf(unreadable);
    }

    /** A snapshot of clusters, sets, vaults, keys, role assignments and disks only, for callers that build one by hand. */
    public Snapshot(List<ManagedCluster> clusters, List<AgentPool> agentPools, List<DiskEncryptionSet> diskEncryptionSets,
                    List<KeyVault> vaults, List<VaultKey> keys, Map<KeyRef, RotationPolicy> rotationPolicies,
                    List<RoleAssignment> roleAssignments, List<LoadProblem> problems, Map<String, Integer> skippedTypes,
                    int files, List<ManagedDisk> disks, List<DiskSnapshot> diskSnapshots) {
        this(clusters, agentPools, diskEncryptionSets, vaults, keys, rotationPolicies, roleAssignments, problems,
                skippedTypes, files, disks, diskSnapshots, List.of(), List.of(), Map.of(), List.of(), Map.of(), List.of());
    }

    /** A snapshot without managed disks or disk snapshots (an export made before byokwatch read them). */
    public Snapshot(List<ManagedCluster> clusters, List<AgentPool> agentPools, List<DiskEncryptionSet> diskEncryptionSets,
                    List<KeyVault> vaults, List<VaultKey> keys, Map<KeyRef, RotationPolicy> rotationPolicies,
                    List<RoleAssignment> roleAssignments, List<LoadProblem> problems, Map<String, Integer> skippedTypes,
                    int files) {
        this(clusters, agentPools, diskEncryptionSets, vaults, keys, rotationPolicies, roleAssignments, problems,
                skippedTypes, files, List.of(), List.of());
    }

    /** How many resources were mapped, of every kind (summaries included: they were read, if not judged). */
    public int resourceCount() {
        return clusters.size() + agentPools.size() + diskEncryptionSets.size() + vaults.size() + keys.size()
                + rotationPolicies.size() + roleAssignments.size() + disks.size() + diskSnapshots.size()
                + keyVersions.size() + roleDefinitions.size()
                + managedHsmRoleAssignments.values().stream().mapToInt(List::size).sum() + summaries.size();
    }

    /** Where a record was read, or null for one built by hand. */
    public Origin origin(Object record) {
        return origins.get(record);
    }
}
