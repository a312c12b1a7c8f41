package io.byokwatch.rules;

import io.byokwatch.domain.KeyPurpose;

import java.util.List;

/** A check of the cluster as a whole, run once per cluster. */
public non-sealed interface ClusterRule extends Rule {
    void check(ClusterFacts cluster, RuleContext context, Outcome out);

    /** The key uses its findings are about, for {@link io.byokwatch.domain.Finding#keyUse()}; empty for none. */
    default List<KeyPurpose> keyUse() {
        return List.of();
    }
}
