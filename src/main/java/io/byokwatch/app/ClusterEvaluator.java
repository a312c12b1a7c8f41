package io.byokwatch.app;

import io.byokwatch.app.keyuse.KeyUseGraph;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Exempted;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.NotEvaluated;
import io.byokwatch.domain.Severity;
import io.byokwatch.policy.Policy;
import io.byokwatch.port.Inventory;
import io.byokwatch.rules.ClusterFacts;
import io.byokwatch.rules.ClusterRule;
import io.byokwatch.rules.KeyUse;
import io.byokwatch.rules.KeyUseRule;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.Rule;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.rules.RuleContext;
import io.byokwatch.rules.RuleSettings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides one cluster's verdict: builds its key uses ({@link KeyUseGraph}), runs every enabled cluster rule once and
 * every enabled key-use rule once per key use, merges what several key uses say about one resource into one finding
 * (naming every key use and volume), applies the policy's severities and exemptions, and sets the status.
 *
 * <p>Status, first match wins: not-required when the policy does not require BYOK; noncompliant when a finding
 * counts; unknown when a rule of severity high or critical (after the policy's overrides) could not be evaluated for
 * want of a fact, unless an active exemption covers that rule there; exempt when every finding was waived; otherwise
 * compliant. So compliant means every high and critical check ran and passed, and unknown beats exempt: a waiver
 * covers the findings it names, not a check nobody could run. Rules the policy disables are not checks.
 */
public final class ClusterEvaluator {
    private final RuleCatalog catalog;
    private final KeyUseGraph graph;

    public ClusterEvaluator(RuleCatalog catalog) {
        this(catalog, KeyUseGraph.standard());
    }

    public ClusterEvaluator(RuleCatalog catalog, KeyUseGraph graph) {
        this.catalog = catalog;
        this.graph = graph;
    }

    /**
     * A verdict and what went into it: the key uses judged, and the facts the policy let the rules go without
     * (persistent-volume disks that were not read, when {@code requireDataDiskEvidence} is off).
     */
    public record Assessment(ClusterVerdict verdict, ClusterFacts facts, List<NotEvaluated> unchecked) {
        public Assessment {
            unchecked = List.copyOf(unchecked);
        }
    }

    public ClusterVerdict evaluate(ManagedCluster cluster, Inventory inventory, Policy policy, Instant now) {
        return assess(cluster, inventory, policy, now).verdict();
    }

    public Assessment assess(ManagedCluster cluster, Inventory inventory, Policy policy, Instant now) {
        if (!policy.requiresByok(cluster)) {
            String why = policy.decidingTagRule(cluster)
                    .map(r -> "tag " + r.tag() + "=" + cluster.tags().get(r.tag()) + " does not require BYOK")
                    .orElse("policy byokRequired.default is false");
            return new Assessment(new ClusterVerdict(cluster.id(), cluster.name(), cluster.subscriptionId(),
                    ClusterStatus.NOT_REQUIRED, List.of(), List.of(), List.of(new NotEvaluated("*", cluster.id(), why))),
                    null, List.of());
        }
        String summaryOnly = inventory.detailsMissing(cluster.id());
        if (summaryOnly != null) {
            // a summary record carries no facts to judge: an absent disk encryption set id there is not "no BYOK"
            return new Assessment(new ClusterVerdict(cluster.id(), cluster.name(), cluster.subscriptionId(),
                    ClusterStatus.UNKNOWN, List.of(), List.of(), List.of(new NotEvaluated("*", cluster.id(), summaryOnly))),
                    null, List.of());
        }
        RuleContext context = new RuleContext(now, settings(policy));
        ClusterFacts facts = graph.build(cluster, inventory, policy);
        Map<String, Finding> byKey = new LinkedHashMap<>();
        Set<NotEvaluated> notEvaluated = new LinkedHashSet<>();
        Set<NotEvaluated> unchecked = new LinkedHashSet<>();
        for (Rule rule : catalog.all()) {
            String id = rule.meta().id();
            if (policy.disabledRules().contains(id)) {
                continue;
            }
            if (rule instanceof ClusterRule cr) {
                Outcome out = new Outcome();
                cr.check(facts, context, out);
                collect(rule, rule.meta().title(), out, cr.keyUse().stream().map(KeyPurpose::id).toList(), List.of(),
                        policy, byKey, notEvaluated, unchecked);
            } else if (rule instanceof KeyUseRule kr) {
                for (KeyUse use : facts.keyUses()) {
                    Outcome out = new Outcome();
                    kr.check(use, context, out);
                    collect(rule, kr.title(use.purpose()), out, List.of(use.purpose().id()), use.volumes(), policy, byKey,
                            notEvaluated, unchecked);
                }
            }
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Finding> findings = new ArrayList<>();
        List<Exempted> exempted = new ArrayList<>();
        for (Finding finding : byKey.values()) {
            Exempted match = ExemptionMatch.of(policy, finding, cluster.id(), today);
            if (match != null) {
                exempted.add(match);
            }
            if (match == null || match.expired()) {
                findings.add(finding);
            }
        }
        findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::ruleId)
                .thenComparing(f -> f.resourceId().key()));
        boolean gateUnknown = notEvaluated.stream().anyMatch(n -> gating(n, cluster, policy, today));
        ClusterVerdict verdict = new ClusterVerdict(cluster.id(), cluster.name(), cluster.subscriptionId(),
                status(findings, exempted, gateUnknown), findings, exempted, List.copyOf(notEvaluated));
        return new Assessment(verdict, facts, List.copyOf(unchecked));
    }

    /** One rule's outcome on one key use (or the cluster): findings merged by rule and resource across key uses. */
    private static void collect(Rule rule, String title, Outcome out, List<String> keyUse, List<KeyConsumer> volumes,
                                Policy policy, Map<String, Finding> byKey, Set<NotEvaluated> notEvaluated,
                                Set<NotEvaluated> unchecked) {
        String id = rule.meta().id();
        out.missing().forEach(m -> notEvaluated.add(new NotEvaluated(id, m.resourceId(), m.reason())));
        out.unchecked().forEach(m -> unchecked.add(new NotEvaluated(id, m.resourceId(), m.reason())));
        for (Outcome.Failure f : out.failures()) {
            Severity severity = policy.severityOverrides().getOrDefault(id,
                    f.severity() != null ? f.severity() : rule.meta().severity());
            Finding finding = new Finding(id, severity, f.resourceId(), title, f.message(),
                    f.remediation(), f.evidence(), rule.meta().references(), keyUse,
                    f.volumes().isEmpty() ? volumes : f.volumes());
            byKey.merge(finding.key(), finding, Finding::mergedWith);
        }
    }

    /** The key use a cluster rule's findings are about, by rule id (the first when several), else null. */
    public String keyUseOf(String ruleId) {
        return catalog.byId(ruleId).filter(r -> r instanceof ClusterRule).map(r -> ((ClusterRule) r).keyUse())
                .filter(l -> !l.isEmpty()).map(l -> l.get(0).id()).orElse(null);
    }

    static RuleSettings settings(Policy policy) {
        return new RuleSettings(policy.keyExpiryWarningDays(), policy.requireHsm(), policy.requireDataDiskEvidence(),
                policy.allowedDataDiskSets(), policy.kmsRotationMaxAgeDays());
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
