package io.byokwatch.rules.plan;

import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.rules.RuleMeta;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The plan-only rules, their metadata checked as the catalog checks its own. */
public final class PlanRules {
    private final List<PlanRule> rules;

    public PlanRules(List<PlanRule> rules) {
        Set<String> seen = new LinkedHashSet<>();
        for (PlanRule r : rules) {
            RuleCatalog.validate(r.meta());
            if (!seen.add(r.meta().id())) {
                throw new IllegalStateException("duplicate plan rule id " + r.meta().id());
            }
        }
        this.rules = List.copyOf(rules);
    }

    public static PlanRules standard() {
        return new PlanRules(List.of(new StorageClassWithoutSetRule()));
    }

    public List<PlanRule> all() {
        return rules;
    }

    public List<RuleMeta> metas() {
        return rules.stream().map(PlanRule::meta).toList();
    }

    /** Every rule id a policy file may name: the catalog's and the plan-only ones. */
    public static Set<String> withCatalog(RuleCatalog catalog) {
        Set<String> ids = new LinkedHashSet<>(catalog.ids());
        ids.addAll(standard().ids());
        return ids;
    }

    public Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        rules.forEach(r -> ids.add(r.meta().id()));
        return ids;
    }
}
