package io.byokwatch.domain;

import java.util.List;

/** An AKS cluster as the rules see it: no nulls to chase except the optional disk encryption set. */
public record ManagedCluster(ResourceId id, String name, String location, Tags tags,
                             ResourceId diskEncryptionSetId, KmsProfile kms, List<AgentPool> agentPools,
                             String provisioningState) {
    public ManagedCluster {
        agentPools = List.copyOf(agentPools);
        tags = tags == null ? Tags.NONE : tags;
        kms = kms == null ? KmsProfile.NONE : kms;
    }

    public String subscriptionId() {
        return id.subscriptionId();
    }

    public String resourceGroup() {
        return id.resourceGroup();
    }

    public ManagedCluster withAgentPools(List<AgentPool> pools) {
        return new ManagedCluster(id, name, location, tags, diskEncryptionSetId, kms, pools, provisioningState);
    }
}
