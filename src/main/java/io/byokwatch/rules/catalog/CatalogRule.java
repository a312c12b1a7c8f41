package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Severity;
import io.byokwatch.rules.RuleMeta;

import java.util.List;

/**
 * A built-in rule: its metadata is fixed at construction, so the catalog validates it once at start-up. Subclasses
 * implement {@link io.byokwatch.rules.KeyUseRule} or {@link io.byokwatch.rules.ClusterRule}.
 */
abstract class CatalogRule {
    private final RuleMeta meta;

    CatalogRule(String id, Severity severity, String title, String failsWhen, List<String> references) {
        this.meta = new RuleMeta(id, severity, title, failsWhen, references);
    }

    public final RuleMeta meta() {
        return meta;
    }
}
