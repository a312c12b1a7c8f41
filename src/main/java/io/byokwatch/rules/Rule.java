package io.byokwatch.rules;

/** One check on a cluster's encryption chain. Implementations are stateless and read only the {@link Chain}. */
public interface Rule {
    RuleMeta meta();

    void check(Chain chain, Outcome out);
}
