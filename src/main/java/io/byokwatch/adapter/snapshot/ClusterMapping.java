package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Tags;

import java.util.ArrayList;
import java.util.List;

/** AKS clusters, their inline and separately read node pools, and their KMS (etcd) settings. */
final class ClusterMapping {
    private ClusterMapping() {
    }

    static ManagedCluster cluster(JsonView root) {
        ResourceId id = root.requiredResourceId("id");
        JsonView body = root.body();
        List<AgentPool> pools = new ArrayList<>();
        for (JsonView profile : body.objects("agentPoolProfiles")) {
            String poolName = profile.requiredText("name");
            pools.add(pool(id.child("agentPools", poolName), poolName, profile));
        }
        return new ManagedCluster(id, ArmMapper.nameOf(root, id), root.text("location"), new Tags(root.textMembers("tags")),
                body.resourceId("diskEncryptionSetID"), kms(body.object("securityProfile")), pools,
                body.text("provisioningState"), body.text("nodeResourceGroup"));
    }

    static AgentPool agentPool(JsonView root) {
        ResourceId id = root.requiredResourceId("id");
        if (!id.isType("Microsoft.ContainerService/managedClusters/agentPools")) {
            throw new SnapshotFormatException("id: expected an agent pool id"
                    + " .../providers/Microsoft.ContainerService/managedClusters/<cluster>/agentPools/<pool>, got " + id);
        }
        return pool(id, ArmMapper.nameOf(root, id), root.body());
    }

    private static AgentPool pool(ResourceId id, String name, JsonView p) {
        return new AgentPool(id, name, p.bool("enableEncryptionAtHost"), p.text("osDiskType"), p.text("mode"),
                p.integer("count"), p.text("vmSize"), p.text("osType"));
    }

    private static KmsProfile kms(JsonView security) {
        if (security == null) {
            return KmsProfile.NONE;
        }
        JsonView vaultKms = security.object("azureKeyVaultKms");
        JsonView objectEncryption = security.object("kubernetesResourceObjectEncryptionProfile");
        String infrastructure = objectEncryption == null ? null : objectEncryption.text("infrastructureEncryption");
        if (vaultKms == null) {
            return infrastructure == null ? KmsProfile.NONE : new KmsProfile(false, null, null, null, infrastructure);
        }
        return new KmsProfile(Boolean.TRUE.equals(vaultKms.bool("enabled")), vaultKms.keyUrl("keyId"),
                vaultKms.text("keyVaultNetworkAccess"), vaultKms.resourceId("keyVaultResourceId"), infrastructure);
    }
}
