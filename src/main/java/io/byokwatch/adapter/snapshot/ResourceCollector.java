package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Maps each resource object by kind into the growing snapshot; a resource that does not map becomes a problem. */
final class ResourceCollector {
    private final List<ManagedCluster> clusters = new ArrayList<>();
    private final List<AgentPool> agentPools = new ArrayList<>();
    private final List<DiskEncryptionSet> sets = new ArrayList<>();
    private final List<KeyVault> vaults = new ArrayList<>();
    private final List<VaultKey> keys = new ArrayList<>();
    private final List<KeyVersion> keyVersions = new ArrayList<>();
    private final Map<KeyRef, RotationPolicy> rotationPolicies = new LinkedHashMap<>();
    private final List<RoleAssignment> roleAssignments = new ArrayList<>();
    private final List<ManagedDisk> disks = new ArrayList<>();
    private final List<DiskSnapshot> diskSnapshots = new ArrayList<>();
    private final Interner interner = Interner.forLoad();
    private final List<LoadProblem> problems = new ArrayList<>();
    private final Map<String, Integer> skippedTypes = new HashMap<>();

    void add(Path file, String position, JsonObject resource) {
        ResourceKind kind = ArmMapper.kindOf(resource);
        try {
            switch (kind) {
                case MANAGED_CLUSTER -> clusters.add(ArmMapper.cluster(resource));
                case AGENT_POOL -> agentPools.add(ArmMapper.agentPool(resource));
                case DISK_ENCRYPTION_SET -> sets.add(ArmMapper.diskEncryptionSet(resource));
                case KEY_VAULT, MANAGED_HSM -> vaults.add(ArmMapper.vault(resource));
                case VAULT_KEY -> keys.add(ArmMapper.key(resource));
                case KEY_VERSION -> keyVersions.add(ArmMapper.keyVersion(resource));
                case ROTATION_POLICY -> rotationPolicies.put(ArmMapper.rotationPolicyKey(resource),
                        ArmMapper.rotationPolicy(resource));
                case ROLE_ASSIGNMENT -> roleAssignments.add(ArmMapper.roleAssignment(resource));
                case MANAGED_DISK -> disks.add(ArmMapper.disk(resource, interner));
                case DISK_SNAPSHOT -> diskSnapshots.add(ArmMapper.diskSnapshot(resource, interner));
                case UNKNOWN -> skippedTypes.merge(ArmMapper.typeLabel(resource), 1, Integer::sum);
            }
        } catch (SnapshotFormatException e) {
            problems.add(new LoadProblem(file, position, describe(kind, resource) + ": " + e.getMessage()));
        }
    }

    void problem(LoadProblem problem) {
        problems.add(problem);
    }

    Snapshot snapshot(int files) {
        return new Snapshot(clusters, agentPools, sets, vaults, keys, rotationPolicies, roleAssignments, problems,
                skippedTypes, files, disks, diskSnapshots, keyVersions);
    }

    private static String describe(ResourceKind kind, JsonObject resource) {
        String label = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        JsonElement id = JsonView.of(resource).raw("id");
        return id != null && id.isJsonPrimitive() ? label + " " + id.getAsString() : label + " without id";
    }
}
