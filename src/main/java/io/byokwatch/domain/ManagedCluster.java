package io.byokwatch.domain;

import java.util.List;

/**
 * An AKS cluster as the rules see it: no nulls to chase except the optional disk encryption set. {@code nodeResourceGroup}
 * is the group AKS keeps the nodes in ({@code MC_...}), always in the cluster's subscription; null when the record does
 * not say. {@code identity} is the cluster (control plane) identity, the one KMS uses to reach its key:
 * {@link ManagedIdentity#NONE} for a cluster that runs on a service principal.
 */
public record ManagedCluster(ResourceId id, String name, String location, Tags tags,
                             ResourceId diskEncryptionSetId, KmsProfile kms, List<AgentPool> agentPools,
                             String provisioningState, String nodeResourceGroup, ManagedIdentity identity) {
    public ManagedCluster {
        agentPools = List.copyOf(agentPools);
        tags = tags == null ? Tags.NONE : tags;
        kms = kms == null ? KmsProfile.NONE : kms;
        nodeResourceGroup = nodeResourceGroup == null || nodeResourceGroup.isBlank() ? null : nodeResourceGroup.trim();
        identity = identity == null ? ManagedIdentity.NONE : identity;
    }

    /** A cluster whose identity is not part of the record (built by hand, planned). */
    public ManagedCluster(ResourceId id, String name, String location, Tags tags, ResourceId diskEncryptionSetId,
                          KmsProfile kms, List<AgentPool> agentPools, String provisioningState, String nodeResourceGroup) {
        this(id, name, location, tags, diskEncryptionSetId, kms, agentPools, provisioningState, nodeResourceGroup, null);
    }

    /** A cluster whose node resource group is not known. */
    public ManagedCluster(ResourceId id, String name, String location, Tags tags, ResourceId diskEncryptionSetId,
                          KmsProfile kms, List<AgentPool> agentPools, String provisioningState) {
        this(id, name, location, tags, diskEncryptionSetId, kms, agentPools, provisioningState, null, null);
    }

    /** Whether the cluster's identity map names this user-assigned identity (ids compare case-insensitively). */
    public boolean usesIdentity(ResourceId userAssignedIdentityId) {
        return identity.userAssigned().containsKey(userAssignedIdentityId);
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

    public ManagedCluster withKms(KmsProfile profile) {
        return new ManagedCluster(id, name, location, tags, diskEncryptionSetId, profile, agentPools, provisioningState,
                nodeResourceGroup, identity);
    }

    public ManagedCluster withAgentPools(List<AgentPool> pools) {
        return new ManagedCluster(id, name, location, tags, diskEncryptionSetId, kms, pools, provisioningState,
                nodeResourceGroup, identity);
    }
}
