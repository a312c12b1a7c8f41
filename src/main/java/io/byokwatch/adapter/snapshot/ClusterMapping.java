package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Tags;

import java.util.ArrayList;
import java.util.List;

/**
 * AKS clusters, their inline and separately read node pools, their identity and their KMS (etcd) settings. Whether a
 * record can show KMS data encryption depends on the API version it was read with ({@link KmsApiVersions}): the
 * caller's when it read the cluster itself, else the record's own {@code apiVersion} field (the README's
 * {@code az rest} recipe adds it), else the record's shape: {@code az aks show} prints every field its model knows,
 * null when unset, so a printed {@code kubernetesResourceObjectEncryptionProfile} is known even when null.
 */
final class ClusterMapping {
    private static final String OBJECT_ENCRYPTION = "kubernetesResourceObjectEncryptionProfile";

    private ClusterMapping() {
    }

    static ManagedCluster cluster(JsonView root) {
        return cluster(root, null);
    }

    /** @param readWithApiVersion the API version the caller read the record with; null when it does not know */
    static ManagedCluster cluster(JsonView root, String readWithApiVersion) {
        ResourceId id = root.requiredResourceId("id");
        JsonView body = root.body();
        List<AgentPool> pools = new ArrayList<>();
        for (JsonView profile : body.objects("agentPoolProfiles")) {
            String poolName = profile.requiredText("name");
            pools.add(pool(id.child("agentPools", poolName), poolName, profile));
        }
        String apiVersion = readWithApiVersion != null ? readWithApiVersion : root.text("apiVersion");
        return new ManagedCluster(id, ArmMapper.nameOf(root, id), root.text("location"), new Tags(root.textMembers("tags")),
                body.resourceId("diskEncryptionSetID"), kms(body.object("securityProfile"), apiVersion), pools,
                body.text("provisioningState"), body.text("nodeResourceGroup"),
                IdentityMapping.identity(root.object("identity")));
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

    private static KmsProfile kms(JsonView security, String apiVersion) {
        String unread = security != null && security.declares(OBJECT_ENCRYPTION) ? null
                : KmsApiVersions.showsObjectEncryption(apiVersion) ? null : objectEncryptionUnread(apiVersion);
        if (security == null) {
            return new KmsProfile(false, null, null, null, null, unread);
        }
        JsonView vaultKms = security.object("azureKeyVaultKms");
        JsonView objectEncryption = security.object(OBJECT_ENCRYPTION);
        String infrastructure = objectEncryption == null ? null : objectEncryption.text("infrastructureEncryption");
        if (vaultKms == null) {
            return new KmsProfile(false, null, null, null, infrastructure, unread);
        }
        return new KmsProfile(Boolean.TRUE.equals(vaultKms.bool("enabled")), vaultKms.keyUrl("keyId"),
                vaultKms.text("keyVaultNetworkAccess"), vaultKms.resourceId("keyVaultResourceId"), infrastructure, unread);
    }

    /**
     * Why the record cannot show KMS data encryption, and what export can. The same words for every shape, so that an
     * az output and an ARM body of one cluster map to the same record.
     */
    private static String objectEncryptionUnread(String apiVersion) {
        String field = "securityProfile." + OBJECT_ENCRYPTION;
        if (apiVersion != null) {
            return "the record was read with API version " + apiVersion + ", which does not return " + field
                    + " (KMS data encryption); read it with " + KmsApiVersions.FIRST_STABLE + " or later";
        }
        return "the record does not show " + field + " (KMS data encryption), and cannot show it unset: ARM leaves"
                + " it out when unset and before API version " + KmsApiVersions.FIRST_STABLE + ", az aks output lacks"
                + " it when az does not know the field, and this record does not say which API version it was read"
                + " with; export with az rest and api-version " + KmsApiVersions.FIRST_STABLE + " as the README shows,"
                + " or with az aks show and the aks-preview extension";
    }
}
