package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RotationPolicy;
import io.byokwatch.domain.Tags;
import io.byokwatch.domain.VaultKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small estates for inventory tests: records made directly, no JSON in between. */
final class Estate {
    private final List<ManagedCluster> clusters = new ArrayList<>();
    private final List<AgentPool> pools = new ArrayList<>();
    private final List<DiskEncryptionSet> sets = new ArrayList<>();
    private final List<KeyVault> vaults = new ArrayList<>();
    private final List<VaultKey> keys = new ArrayList<>();
    private final Map<KeyRef, RotationPolicy> policies = new LinkedHashMap<>();
    private final List<RoleAssignment> assignments = new ArrayList<>();

    static ResourceId id(String sub, String rg, String typeAndName) {
        return ResourceId.parse("/subscriptions/" + sub + "/resourceGroups/" + rg + "/providers/" + typeAndName);
    }

    static ResourceId clusterId(String sub, String name) {
        return id(sub, "rg-aks", "Microsoft.ContainerService/managedClusters/" + name);
    }

    static ResourceId setId(String sub, String name) {
        return id(sub, "rg-aks", "Microsoft.Compute/diskEncryptionSets/" + name);
    }

    static ResourceId vaultId(String sub, String name) {
        return id(sub, "rg-keys", "Microsoft.KeyVault/vaults/" + name);
    }

    static ResourceId hsmId(String sub, String name) {
        return id(sub, "rg-keys", "Microsoft.KeyVault/managedHSMs/" + name);
    }

    Estate cluster(ResourceId id, ResourceId setId, KmsProfile kms, AgentPool... inlinePools) {
        clusters.add(new ManagedCluster(id, id.name(), "westeurope", Tags.NONE, setId, kms, List.of(inlinePools),
                "Succeeded"));
        return this;
    }

    Estate cluster(ResourceId id, ResourceId setId) {
        return cluster(id, setId, KmsProfile.NONE);
    }

    static AgentPool pool(ResourceId clusterId, String name, Boolean encryptionAtHost) {
        return new AgentPool(clusterId.child("agentPools", name), name, encryptionAtHost, "Managed", "System", 3,
                "Standard_D4s_v5");
    }

    Estate separatePool(AgentPool pool) {
        pools.add(pool);
        return this;
    }

    Estate set(ResourceId id, String keyUrl, ResourceId sourceVault) {
        sets.add(new DiskEncryptionSet(id, id.name(), "westeurope", "EncryptionAtRestWithCustomerKey",
                KeyRef.orNull(keyUrl), sourceVault, false, null, null, null,
                new ManagedIdentity("SystemAssigned", "p-" + id.name(), "t", Map.of()), null, "Succeeded"));
        return this;
    }

    Estate vault(ResourceId id, String host) {
        vaults.add(new KeyVault(id, id.name(), host, id.isType("Microsoft.KeyVault/managedHSMs"), true, true, 90, true,
                List.of(), "standard", "Enabled", "t"));
        return this;
    }

    Estate vault(ResourceId id) {
        boolean hsm = id.isType("Microsoft.KeyVault/managedHSMs");
        return vault(id, id.name() + (hsm ? ".managedhsm.azure.net" : ".vault.azure.net"));
    }

    Estate key(VaultKey key) {
        keys.add(key);
        return this;
    }

    static VaultKey armKey(ResourceId vault, String name, String version) {
        return new VaultKey(vault.child("keys", name), new KeyRef(vault.name() + ".vault.azure.net", name, null), version,
                true, null, null, "RSA-HSM", 3072, "Recoverable+Purgeable", null, true, null);
    }

    static VaultKey dataPlaneKey(String url, Instant deletedOn) {
        KeyRef ref = KeyRef.parse(url);
        return new VaultKey(null, ref.versionless(), ref.version(), true, null, null, "RSA", 2048, "Recoverable",
                null, false, deletedOn);
    }

    Estate rotationPolicy(String keyUrl, RotationPolicy policy) {
        policies.put(KeyRef.parse(keyUrl), policy);
        return this;
    }

    Estate assignment(String guid, String scope, String principal) {
        assignments.add(new RoleAssignment(scope + "/providers/Microsoft.Authorization/roleAssignments/" + guid, principal,
                "ServicePrincipal", "e147488a-f6f5-4113-8e2d-b22465e65bf6", null, ResourceId.parse(scope)));
        return this;
    }

    Snapshot snapshot() {
        return new Snapshot(clusters, pools, sets, vaults, keys, policies, assignments, List.of(), Map.of(), 0);
    }

    SnapshotInventory inventory() {
        return new SnapshotInventory(snapshot());
    }
}
