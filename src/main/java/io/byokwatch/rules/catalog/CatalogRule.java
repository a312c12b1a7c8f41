package io.byokwatch.rules.catalog;

import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.domain.Severity;
import io.byokwatch.rules.RuleMeta;

import java.util.List;

/**
 * A built-in rule: its metadata is fixed at construction, so the catalog validates it once at start-up. Subclasses
 * implement {@link io.byokwatch.rules.KeyUseRule} or {@link io.byokwatch.rules.ClusterRule}.
 */
abstract class CatalogRule {
    private final RuleMeta meta;
    /** How a finding about a KMS key is titled, for a key rule whose catalog title speaks of disks; null: the same. */
    private final String kmsTitle;

    CatalogRule(String id, Severity severity, String title, String failsWhen, List<String> references) {
        this(id, severity, title, null, failsWhen, references);
    }

    CatalogRule(String id, Severity severity, String title, String kmsTitle, String failsWhen, List<String> references) {
        this.meta = new RuleMeta(id, severity, title, failsWhen, references);
        this.kmsTitle = kmsTitle;
    }

    public final RuleMeta meta() {
        return meta;
    }

    /** The title of a finding about this purpose (a key rule's {@link io.byokwatch.rules.KeyUseRule#title}). */
    public final String title(KeyPurpose purpose) {
        return purpose == KeyPurpose.KMS_ETCD && kmsTitle != null ? kmsTitle : meta.title();
    }
}
