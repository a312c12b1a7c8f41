package io.byokwatch.app;

import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.Exempted;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KubernetesStorageClass;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.NotEvaluated;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.policy.Policy;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.PlanGap;
import io.byokwatch.port.PlannedEstate;
import io.byokwatch.port.PlannedResource;
import io.byokwatch.port.PlannedResource.Action;
import io.byokwatch.port.PlannedResource.Kind;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.rules.catalog.DesNotFoundRule;
import io.byokwatch.rules.catalog.KeyAccessRule;
import io.byokwatch.rules.catalog.KeyExpiringRule;
import io.byokwatch.rules.catalog.KeyNotHsmRule;
import io.byokwatch.rules.catalog.KeyRotationRule;
import io.byokwatch.rules.catalog.KeyUnavailableRule;
import io.byokwatch.rules.catalog.NoByokRule;
import io.byokwatch.rules.catalog.NoHostEncryptionRule;
import io.byokwatch.rules.catalog.NoKmsEtcdRule;
import io.byokwatch.rules.catalog.PurgeProtectionRule;
import io.byokwatch.rules.plan.PlanRule;
import io.byokwatch.rules.plan.PlanRules;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges a plan or template with the rules that judge the live estate. The clusters judged are those the change
 * creates or alters (including their node pools) and those whose chain it reaches: a set, vault, key, access policy
 * or role assignment it changes or destroys, or a storage class it declares in them. Each is evaluated by
 * {@link ClusterEvaluator} over the planned estate; facts the plan leaves open turn the findings that read them into
 * notEvaluated entries and the cluster unknown; the plan-only rules add their findings under the same policy.
 */
public final class PlanCheck {
    private static final Map<PlanGap.Fact, Set<String>> RULES_READING = Map.of(
            PlanGap.Fact.DISK_ENCRYPTION_SET, Set.of(NoByokRule.ID, DesNotFoundRule.ID),
            PlanGap.Fact.KMS, Set.of(NoKmsEtcdRule.ID),
            PlanGap.Fact.HOST_ENCRYPTION, Set.of(NoHostEncryptionRule.ID),
            PlanGap.Fact.PURGE_PROTECTION, Set.of(PurgeProtectionRule.ID),
            PlanGap.Fact.KEY_ACCESS, Set.of(KeyAccessRule.ID),
            PlanGap.Fact.KEY_VALIDITY, Set.of(KeyUnavailableRule.ID, KeyExpiringRule.ID),
            PlanGap.Fact.KEY_ROTATION, Set.of(KeyRotationRule.ID),
            PlanGap.Fact.KEY_TYPE, Set.of(KeyNotHsmRule.ID));

    private final RuleCatalog catalog;
    private final ClusterEvaluator evaluator;
    private final PlanRules planRules;
    private final Clock clock;

    public PlanCheck(RuleCatalog catalog, PlanRules planRules, Clock clock) {
        this.catalog = catalog;
        this.evaluator = new ClusterEvaluator(catalog);
        this.planRules = planRules;
        this.clock = clock;
    }

    public PlanReport run(PlannedEstate estate, Policy policy) {
        return run(estate, policy, List.of());
    }

    /** @param inventoryNotes what reading the base inventory reported, shown with the plan's own notes */
    public PlanReport run(PlannedEstate estate, Policy policy, List<String> inventoryNotes) {
        Instant now = clock.instant();
        Inventory inventory = estate.inventory();
        Map<ResourceId, ManagedCluster> judged = clustersToJudge(estate, inventory);
        Map<ResourceId, ClusterVerdict> verdicts = new LinkedHashMap<>();
        Set<PlanGap> applied = new HashSet<>();
        for (ManagedCluster c : judged.values()) {
            ClusterVerdict v = evaluator.evaluate(c, inventory, policy, now);
            verdicts.put(c.id(), withGaps(v, c, chainIds(c, inventory), estate.gaps(), applied, policy, now));
        }
        List<ScanReport.SharedFinding> unattached = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (KubernetesStorageClass sc : estate.storageClasses()) {
            storageClass(sc, estate, inventory, policy, today, verdicts, unattached, applied);
        }
        List<PlanGap> open = estate.gaps().stream().filter(g -> !applied.contains(g) && mattersOutsideClusters(g, estate))
                .toList();
        List<String> notes = new ArrayList<>(estate.notes());
        notes.addAll(inventoryNotes);
        notes.add(judged.size() + " cluster" + (judged.size() == 1 ? "" : "s") + " judged: those the change creates or"
                + " alters, and those whose encryption chain it reaches");
        ScanReport scan = Scan.report(now, new ArrayList<>(verdicts.values()), notes);
        return new PlanReport(scan, estate.format(), estate.source(), estate.resources(), replacements(estate), unattached,
                open, estate.resolutions(), notes);
    }

    private static Map<ResourceId, ManagedCluster> clustersToJudge(PlannedEstate estate, Inventory inventory) {
        Set<ResourceId> ids = new LinkedHashSet<>();
        Set<ResourceId> setIds = new LinkedHashSet<>();
        Set<String> hosts = new LinkedHashSet<>();
        for (PlannedResource r : estate.resources()) {
            boolean touched = r.action().changes() || r.action() == Action.DELETE;
            if (!touched || r.id() == null && r.vaultHost() == null) {
                continue;
            }
            switch (r.kind()) {
                case CLUSTER -> {
                    if (r.action() != Action.DELETE) {
                        ids.add(r.id());
                    }
                }
                case NODE_POOL -> ids.add(r.id().topLevel());
                case DISK_ENCRYPTION_SET -> setIds.add(r.id());
                case KEY_VAULT, VAULT_KEY, ACCESS_POLICY -> {
                    if (r.vaultHost() != null) {
                        hosts.add(r.vaultHost());
                    }
                }
                case ROLE_ASSIGNMENT -> hostOfScope(estate, r.id()).ifPresent(hosts::add);
                default -> { }
            }
        }
        for (String host : hosts) {
            inventory.diskEncryptionSetsUsingVault(host).forEach(s -> setIds.add(s.id()));
        }
        Map<ResourceId, ManagedCluster> clusters = new LinkedHashMap<>();
        for (ResourceId id : ids) {
            ManagedCluster c = inventory.cluster(id).orNull();
            if (c != null) {
                clusters.put(c.id(), c);
            }
        }
        inventory.clustersUsingDiskEncryptionSets(setIds).forEach(c -> clusters.putIfAbsent(c.id(), c));
        for (String host : hosts) {
            inventory.clustersWithKmsKeyIn(host).forEach(c -> clusters.putIfAbsent(c.id(), c));
        }
        for (KubernetesStorageClass sc : estate.storageClasses()) {
            if (sc.clusterId() != null && !clusters.containsKey(sc.clusterId())) {
                ManagedCluster c = inventory.cluster(sc.clusterId()).orNull();
                if (c != null) {
                    clusters.put(c.id(), c);
                }
            }
        }
        return clusters;
    }

    /** The vault a role assignment's scope lies in, when the plan declares or reads that vault. */
    private static java.util.Optional<String> hostOfScope(PlannedEstate estate, ResourceId assignmentId) {
        if (assignmentId == null) {
            return java.util.Optional.empty();
        }
        for (PlannedResource v : estate.resources()) {
            if (v.kind() == Kind.KEY_VAULT && v.id() != null && v.vaultHost() != null && assignmentId.isUnder(v.id())) {
                return java.util.Optional.of(v.vaultHost());
            }
        }
        return java.util.Optional.empty();
    }

    /** The resources a cluster's verdict rests on: itself, its pools, its set, and the vault and key behind each key. */
    private static Set<ResourceId> chainIds(ManagedCluster c, Inventory inventory) {
        Set<ResourceId> ids = new HashSet<>();
        ids.add(c.id());
        c.agentPools().forEach(p -> ids.add(p.id()));
        List<KeyRef> keys = new ArrayList<>();
        if (c.diskEncryptionSetId() != null) {
            ids.add(c.diskEncryptionSetId());
            DiskEncryptionSet set = inventory.diskEncryptionSet(c.diskEncryptionSetId()).orNull();
            if (set != null && set.activeKey() != null) {
                keys.add(set.activeKey());
            }
        }
        if (c.kms().key() != null) {
            keys.add(c.kms().key());
        }
        for (KeyRef key : keys) {
            KeyVault vault = inventory.vaultByHost(key.vaultHost()).orNull();
            if (vault != null) {
                ids.add(vault.id());
                ids.add(vault.id().child("keys", key.name()));
            }
        }
        return ids;
    }

    /**
     * A fact the plan leaves open on this cluster's chain: the findings of the rules that read it become
     * notEvaluated with the plan's reason, and the status is decided again as the evaluator decides it (unknown when a
     * high or critical check is among those that could not run).
     */
    private ClusterVerdict withGaps(ClusterVerdict v, ManagedCluster cluster, Set<ResourceId> chain, List<PlanGap> gaps,
                                    Set<PlanGap> applied, Policy policy, Instant now) {
        if (v.status() == ClusterStatus.NOT_REQUIRED) {
            return v;
        }
        for (PlanGap gap : gaps) {
            if (gap.fact() == PlanGap.Fact.WHOLE_RESOURCE && v.clusterId().equals(gap.resourceId())) {
                // nothing about the cluster itself could be read: no rule can say anything about it
                applied.add(gap);
                List<NotEvaluated> none = catalog.ids().stream().map(id -> new NotEvaluated(id, v.clusterId(), gap.reason())).toList();
                return new ClusterVerdict(v.clusterId(), v.name(), v.subscriptionId(), ClusterStatus.UNKNOWN, List.of(),
                        List.of(), none);
            }
        }
        List<Finding> findings = new ArrayList<>(v.findings());
        List<NotEvaluated> notEvaluated = new ArrayList<>(v.notEvaluated());
        boolean anyApplied = false;
        for (PlanGap gap : gaps) {
            if (gap.resourceId() == null || !chain.contains(gap.resourceId())) {
                continue;
            }
            applied.add(gap);
            anyApplied = true;
            Set<String> rules = RULES_READING.getOrDefault(gap.fact(), catalog.ids());
            boolean moved = false;
            for (Finding f : List.copyOf(findings)) {
                boolean ruleReads = rules.contains(f.ruleId());
                boolean sameResource = gap.fact() != PlanGap.Fact.HOST_ENCRYPTION || f.resourceId().equals(gap.resourceId());
                if (ruleReads && sameResource) {
                    findings.remove(f);
                    notEvaluated.add(new NotEvaluated(f.ruleId(), f.resourceId(), gap.reason()));
                    moved = true;
                }
            }
            if (!moved) {
                rules.stream().sorted().forEach(rule -> notEvaluated.add(new NotEvaluated(rule, gap.resourceId(), gap.reason())));
            }
        }
        if (!anyApplied) {
            return v;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        boolean gateUnknown = notEvaluated.stream().anyMatch(n -> evaluator.gating(n, cluster, policy, today));
        return new ClusterVerdict(v.clusterId(), v.name(), v.subscriptionId(),
                ClusterEvaluator.status(findings, v.exempted(), gateUnknown), findings, v.exempted(), notEvaluated);
    }

    private void storageClass(KubernetesStorageClass sc, PlannedEstate estate, Inventory inventory, Policy policy,
                              LocalDate today, Map<ResourceId, ClusterVerdict> verdicts,
                              List<ScanReport.SharedFinding> unattached, Set<PlanGap> applied) {
        ClusterVerdict verdict = sc.clusterId() == null ? null : verdicts.get(sc.clusterId());
        ManagedCluster cluster = sc.clusterId() == null ? null : inventory.cluster(sc.clusterId()).orNull();
        if (cluster != null && !policy.requiresByok(cluster)) {
            return;
        }
        List<Finding> counted = new ArrayList<>();
        List<Exempted> exempted = new ArrayList<>();
        List<NotEvaluated> notEvaluated = new ArrayList<>();
        PlanGap gap = estate.gaps().stream().filter(g -> sc.id().equals(g.resourceId())).findFirst().orElse(null);
        for (PlanRule rule : planRules.all()) {
            String id = rule.meta().id();
            if (policy.disabledRules().contains(id)) {
                continue;
            }
            if (gap != null) {
                applied.add(gap);
                notEvaluated.add(new NotEvaluated(id, sc.id(), gap.reason()));
                continue;
            }
            Outcome out = new Outcome();
            rule.check(sc, cluster == null ? null : cluster.diskEncryptionSetId(), out);
            out.missing().forEach(m -> notEvaluated.add(new NotEvaluated(id, m.resourceId(), m.reason())));
            for (Outcome.Failure f : out.failures()) {
                Severity severity = policy.severityOverrides().getOrDefault(id,
                        f.severity() != null ? f.severity() : rule.meta().severity());
                Finding finding = new Finding(id, severity, f.resourceId(), rule.meta().title(), f.message(),
                        f.remediation(), f.evidence(), rule.meta().references());
                Exempted match = ExemptionMatch.of(policy, finding, sc.clusterId() != null ? sc.clusterId() : sc.id(), today);
                if (match != null) {
                    exempted.add(match);
                }
                if (match == null || match.expired()) {
                    counted.add(finding);
                }
            }
        }
        if (verdict == null) {
            counted.forEach(f -> unattached.add(new ScanReport.SharedFinding(f, List.of())));
            return;
        }
        List<Finding> findings = new ArrayList<>(verdict.findings());
        findings.addAll(counted);
        findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::ruleId)
                .thenComparing(f -> f.resourceId().key()));
        List<Exempted> allExempted = new ArrayList<>(verdict.exempted());
        allExempted.addAll(exempted);
        List<NotEvaluated> allNotEvaluated = new ArrayList<>(verdict.notEvaluated());
        allNotEvaluated.addAll(notEvaluated);
        boolean gateUnknown = verdict.status() == ClusterStatus.UNKNOWN
                || notEvaluated.stream().anyMatch(n -> evaluator.gating(n, cluster, policy, today));
        ClusterStatus status = verdict.status() == ClusterStatus.NOT_REQUIRED ? verdict.status()
                : ClusterEvaluator.status(findings, allExempted, gateUnknown);
        verdicts.put(verdict.clusterId(), new ClusterVerdict(verdict.clusterId(), verdict.name(), verdict.subscriptionId(),
                status, findings, allExempted, allNotEvaluated));
    }

    /** A gap outside every judged cluster is still shown when it is about something the plan changes. */
    private static boolean mattersOutsideClusters(PlanGap gap, PlannedEstate estate) {
        return estate.resources().stream().anyMatch(r -> r.address().equals(gap.address())
                && (r.action().changes() || r.action() == Action.DELETE));
    }

    /** Destructive changes to a chain, clusters first, then key material, sets and node pools. */
    static List<PlanReport.Replacement> replacements(PlannedEstate estate) {
        List<PlanReport.Replacement> out = new ArrayList<>();
        for (Kind kind : List.of(Kind.CLUSTER, Kind.KEY_VAULT, Kind.VAULT_KEY, Kind.DISK_ENCRYPTION_SET, Kind.NODE_POOL)) {
            for (PlannedResource r : estate.resources()) {
                if (r.kind() != kind) {
                    continue;
                }
                String consequence = consequence(r);
                if (consequence != null) {
                    out.add(new PlanReport.Replacement(r, consequence));
                }
            }
        }
        return out;
    }

    private static String consequence(PlannedResource r) {
        String because = r.forcedBy().isEmpty() ? "" : " (forced by a change to " + String.join(", ", r.forcedBy()) + ")";
        String name = r.id() == null ? r.address() : r.id().name();
        boolean replace = r.action() == Action.REPLACE;
        boolean delete = r.action() == Action.DELETE;
        return switch (r.kind()) {
            case CLUSTER -> replace ? "Cluster " + name + " is destroyed and created again" + because
                    + ": its nodes, disks and etcd data are lost and workloads must be redeployed."
                    : r.losesHostEncryption() ? "The default node pool of cluster " + name + " loses encryption at host"
                    + because + "." : null;
            case NODE_POOL -> replace ? "Node pool " + name + " is destroyed and created again" + because
                    + (r.losesHostEncryption() ? ", and the new pool has no encryption at host." : ": its nodes are replaced.")
                    : r.losesHostEncryption() ? "Node pool " + name + " loses encryption at host." : null;
            case KEY_VAULT -> replace || delete ? "Key vault " + name + (replace ? " is destroyed and created again" + because
                    : " is destroyed") + ": every key in it is deleted, and disks or secrets wrapped by those keys become"
                    + " unreadable once the keys are purged." : null;
            case VAULT_KEY -> replace || delete ? "Key " + name + (replace ? " is destroyed and created again" + because
                    : " is destroyed") + ": whatever it encrypts cannot be decrypted once it is purged." : null;
            case DISK_ENCRYPTION_SET -> replace ? "Disk encryption set " + name + " is destroyed and created again" + because
                    + " with a new identity, which needs access to the key before its clusters can create or scale disks."
                    : delete ? "Disk encryption set " + name + " is destroyed; clusters using it cannot create or scale disks."
                    : null;
            default -> null;
        };
    }
}
