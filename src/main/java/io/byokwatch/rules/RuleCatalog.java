package io.byokwatch.rules;

import io.byokwatch.rules.catalog.DesNotFoundRule;
import io.byokwatch.rules.catalog.KeyAccessRule;
import io.byokwatch.rules.catalog.KeyOpsRule;
import io.byokwatch.rules.catalog.KmsIdentityRule;
import io.byokwatch.rules.catalog.KmsRotationRule;
import io.byokwatch.rules.catalog.KmsVaultNetworkRule;
import io.byokwatch.rules.catalog.KeyExpiringRule;
import io.byokwatch.rules.catalog.KeyNotHsmRule;
import io.byokwatch.rules.catalog.KeyRotationRule;
import io.byokwatch.rules.catalog.KeyUnavailableRule;
import io.byokwatch.rules.catalog.NoByokRule;
import io.byokwatch.rules.catalog.NoHostEncryptionRule;
import io.byokwatch.rules.catalog.NoKmsEtcdRule;
import io.byokwatch.rules.catalog.PurgeProtectionRule;
import io.byokwatch.rules.catalog.PvDiskPlatformKeyRule;
import io.byokwatch.rules.catalog.PvDiskSetNotAllowedRule;
import io.byokwatch.rules.catalog.RotationErrorRule;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The rule catalog, in report order. Metadata is validated when the catalog is built: a bad rule fails at start-up. */
public final class RuleCatalog {
    private final Map<String, Rule> rules = new LinkedHashMap<>();

    public RuleCatalog(List<Rule> rules) {
        Set<String> seen = new HashSet<>();
        for (Rule r : rules) {
            RuleMeta m = r.meta();
            validate(m);
            if (!seen.add(m.id())) {
                throw new IllegalStateException("duplicate rule id " + m.id());
            }
            this.rules.put(m.id(), r);
        }
    }

    /** The checks every rule's metadata passes, for rule sets kept outside this catalog (the plan-only rules). */
    public static void validate(RuleMeta m) {
        if (m.id() == null || !m.id().matches("[a-z][a-z0-9-]+")) {
            throw new IllegalStateException("rule id must be lower-case kebab case: " + m.id());
        }
        if (m.severity() == null || m.title() == null || m.title().isBlank() || m.failsWhen() == null
                || m.references().isEmpty()) {
            throw new IllegalStateException("rule " + m.id() + " lacks a severity, title, description or references");
        }
    }

    /** Every built-in rule. */
    public static RuleCatalog standard() {
        return new RuleCatalog(List.of(new NoByokRule(), new DesNotFoundRule(), new KeyUnavailableRule(),
                new KeyAccessRule(), new PurgeProtectionRule(), new RotationErrorRule(), new KeyExpiringRule(),
                new KeyRotationRule(), new KeyNotHsmRule(), new NoKmsEtcdRule(), new NoHostEncryptionRule(),
                new PvDiskPlatformKeyRule(), new PvDiskSetNotAllowedRule(), new KeyOpsRule(), new KmsIdentityRule(),
                new KmsVaultNetworkRule(), new KmsRotationRule()));
    }

    public List<Rule> all() {
        return List.copyOf(rules.values());
    }

    public Optional<Rule> byId(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    public Set<String> ids() {
        return rules.keySet();
    }
}
