package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Severity;
import io.byokwatch.rules.Rule;
import io.byokwatch.rules.RuleMeta;

import java.util.List;

/** A built-in rule: its metadata is fixed at construction, so the catalog validates it once at start-up. */
abstract class CatalogRule implements Rule {
    private final RuleMeta meta;

    CatalogRule(String id, Severity severity, String title, String failsWhen, List<String> references) {
        this.meta = new RuleMeta(id, severity, title, failsWhen, references);
    }

    @Override
    public final RuleMeta meta() {
        return meta;
    }
}
