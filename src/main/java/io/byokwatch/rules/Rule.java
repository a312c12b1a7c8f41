package io.byokwatch.rules;

/**
 * One check. A {@link KeyUseRule} judges one key use at a time (the set, vault, key and grants a cluster's data
 * reaches), whatever its purpose; a {@link ClusterRule} judges the cluster as a whole (does it name a set at all,
 * which volumes are on the platform key). Implementations are stateless.
 */
public sealed interface Rule permits KeyUseRule, ClusterRule {
    RuleMeta meta();
}
