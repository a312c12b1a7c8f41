package io.byokwatch.app;

import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Exempted;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.NotEvaluated;
import io.byokwatch.domain.Severity;
import io.byokwatch.policy.Exemption;
import io.byokwatch.policy.Policy;
import io.byokwatch.port.Inventory;
import io.byokwatch.rules.Chain;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.Rule;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.rules.RuleSettings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides one cluster's verdict: resolves its chain, runs every enabled rule, applies the policy's severities and
 * exemptions, and sets the status.
 *
 * <p>Status, first match wins: not-required when the policy does not require BYOK; noncompliant when a finding
 * counts; unknown when a rule of severity high or critical (after the policy's overrides) could not be evaluated for
 * want of a fact, unless an active exemption covers that rule there; exempt when every finding was waived; otherwise
 * compliant. So compliant means every high and critical check ran and passed, and unknown beats exempt: a waiver
 * covers the findings it names, not a check nobody could run. Rules the policy disables are not checks.
 */
public final class ClusterEvaluator {
    private final RuleCatalog catalog;
    private final ChainResolver resolver = new ChainResolver();

    public ClusterEvaluator(RuleCatalog catalog) {
        this.catalog = catalog;
    }

    public ClusterVerdict evaluate(ManagedCluster cluster, Inventory inventory, Policy policy, Instant now) {
        if (!policy.requiresByok(cluster)) {
            String why = policy.decidingTagRule(cluster)
                    .map(r -> "tag " + r.tag() + "=" + cluster.tags().get(r.tag()) + " does not require BYOK")
                    .orElse("policy byokRequired.default is false");
            return new ClusterVerdict(cluster.id(), cluster.name(), cluster.subscriptionId(), ClusterStatus.NOT_REQUIRED,
                    List.of(), List.of(), List.of(new NotEvaluated("*", cluster.id(), why)));
        }
        String summaryOnly = inventory.detailsMissing(cluster.id());
        if (summaryOnly != null) {
            // a summary record carries no facts to judge: an absent disk encryption set id there is not "no BYOK"
            return new ClusterVerdict(cluster.id(), cluster.name(), cluster.subscriptionId(), ClusterStatus.UNKNOWN,
                    List.of(), List.of(), List.of(new NotEvaluated("*", cluster.id(), summaryOnly)));
        }
        RuleSettings settings = new RuleSettings(policy.keyExpiryWarningDays(), policy.requireHsm());
        Chain chain = resolver.resolve(cluster, inventory, now, settings);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Finding> findings = new ArrayList<>();
        List<Exempted> exempted = new ArrayList<>();
        List<NotEvaluated> notEvaluated = new ArrayList<>();
        for (Rule rule : catalog.all()) {
            String id = rule.meta().id();
            if (policy.disabledRules().contains(id)) {
                continue;
            }
            Outcome out = new Outcome();
            rule.check(chain, out);
            out.missing().forEach(m -> notEvaluated.add(new NotEvaluated(id, m.resourceId(), m.reason())));
            for (Outcome.Failure f : out.failures()) {
                Severity severity = policy.severityOverrides().getOrDefault(id,
                        f.severity() != null ? f.severity() : rule.meta().severity());
                Finding finding = new Finding(id, severity, f.resourceId(), rule.meta().title(), f.message(),
                        f.remediation(), f.evidence(), rule.meta().references());
                List<Exemption> matches = policy.exemptionsFor(id, f.resourceId(), cluster.id());
                Exemption active = matches.stream().filter(e -> !e.expiredOn(today)).findFirst().orElse(null);
                if (active != null) {
                    exempted.add(new Exempted(finding, active.resourceId(), active.reason(), active.approvedBy(),
                            active.expires(), false));
                    continue;
                }
                matches.stream().max(Comparator.comparing(Exemption::expires)).ifPresent(e -> exempted.add(
                        new Exempted(finding, e.resourceId(), e.reason(), e.approvedBy(), e.expires(), true)));
                findings.add(finding);
            }
        }
        findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::ruleId)
                .thenComparing(f -> f.resourceId().key()));
        boolean gateUnknown = notEvaluated.stream().anyMatch(n -> gating(n, cluster, policy, today));
        return new ClusterVerdict(cluster.id(), cluster.name(), cluster.subscriptionId(),
                status(findings, exempted, gateUnknown), findings, exempted, notEvaluated);
    }

    /** A high or critical check that could not run, and that no active exemption makes moot. */
    boolean gating(NotEvaluated n, ManagedCluster cluster, Policy policy, LocalDate today) {
        Severity severity = policy.severityOverrides().get(n.ruleId());
        if (severity == null) {
            severity = catalog.byId(n.ruleId()).map(r -> r.meta().severity()).orElse(Severity.CRITICAL);
        }
        if (!severity.atLeast(Severity.HIGH)) {
            return false;
        }
        return policy.exemptionsFor(n.ruleId(), n.resourceId(), cluster.id()).stream().allMatch(e -> e.expiredOn(today));
    }

    static ClusterStatus status(List<Finding> findings, List<Exempted> exempted, boolean gateUnknown) {
        if (!findings.isEmpty()) {
            return ClusterStatus.NONCOMPLIANT;
        }
        if (gateUnknown) {
            return ClusterStatus.UNKNOWN;
        }
        if (exempted.stream().anyMatch(e -> !e.expired())) {
            return ClusterStatus.EXEMPT;
        }
        return ClusterStatus.COMPLIANT;
    }
}
