package io.byokwatch.rules.plan;

import io.byokwatch.domain.KubernetesStorageClass;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleMeta;

/**
 * A check that only a plan can make, because what it reads never reaches Azure as a resource byokwatch inventories:
 * a Kubernetes object declared next to the cluster. Same metadata and outcome as the chain rules.
 */
public interface PlanRule {
    RuleMeta meta();

    /**
     * @param clusterSet the disk encryption set of the cluster the class lands in, when known, for the remediation
     */
    void check(KubernetesStorageClass storageClass, ResourceId clusterSet, Outcome out);
}
