package io.byokwatch.domain;

import java.util.List;

/**
 * An AKS cluster as the rules see it: no nulls to chase except the optional disk encryption set. {@code nodeResourceGroup}
 * is the group AKS keeps the nodes in ({@code MC_...}), always in the cluster's subscription; null when the record does
 * not say.
 */
public record ManagedCluster(ResourceId id, String name, String location, Tags tags,
                             ResourceId diskEncryptionSetId, KmsProfile kms, List<AgentPool> agentPools,
                             String provisioningState, String nodeResourceGroup) {
    public ManagedCluster {
        agentPools = List.copyOf(agentPools);
        tags = tags == null ? Tags.NONE : tags;
        kms = kms == null ? KmsProfile.NONE : kms;
        nodeResourceGroup = nodeResourceGroup == null || nodeResourceGroup.isBlank() ? null : nodeResourceGroup.trim();
    }

    /** A cluster whose node resource group is not known. */
    public ManagedCluster(ResourceId id, String name, String location, Tags tags, ResourceId diskEncryptionSetId,
                          KmsProfile kms, List<AgentPool> agentPools, String provisioningState) {
        this(id, name, location, tags, diskEncryptionSetId, kms, agentPools, provisioningState, null);
    }

    public String subscriptionId() {
        return id.subscriptionId();
    }

    public String resourceGroup() {
        return id.resourceGroup();
    }

    /** {@code /subscriptions/<cluster's subscription>/resourceGroups/<nodeResourceGroup>}, or null when not known. */
    public ResourceId nodeResourceGroupId() {
        if (nodeResourceGroup == null || subscriptionId() == null) {
            return null;
        }
        return ResourceId.orNull("/subscriptions/" + subscriptionId() + "/resourceGroups/" + nodeResourceGroup);
    }

    public ManagedCluster withAgentPools(List<AgentPool> pools) {
        return new ManagedCluster(id, name, location, tags, diskEncryptionSetId, kms, pools, provisioningState,
                nodeResourceGroup);
    }
}
