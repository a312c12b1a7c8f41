package io.byokwatch.render;

import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.app.ClusterEvaluator;
import io.byokwatch.domain.Actor;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.Notice;
import io.byokwatch.domain.Reminder;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.Tags;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.port.Inventory;
import io.byokwatch.rules.RuleCatalog;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Alerts as the notifier receives them, with findings from evaluating the example estate (real sentences, real
 * remediation with this estate's names), for payload tests and golden files.
 */
public final class NoticeSamples {
    public static final Instant NOW = Instant.parse("2026-12-01T09:30:00Z");
    public static final String PAY = "6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01";
    public static final ResourceId HOTFIX = ResourceId.parse("/subscriptions/" + PAY
            + "/resourceGroups/rg-checkout/providers/Microsoft.ContainerService/managedClusters/aks-checkout-hotfix");
    public static final ResourceId CLAIMS = ResourceId.parse("/subscriptions/a3d9e5f2-8c1b-4f6a-b2e7-9d4c3a1f5e02"
            + "/resourceGroups/rg-claims/providers/Microsoft.ContainerService/managedClusters/aks-claims");
    public static final ResourceId LEGACY = ResourceId.parse("/subscriptions/" + PAY
            + "/resourceGroups/rg-legacy/providers/Microsoft.ContainerService/managedClusters/aks-legacy-app");
    public static final Actor MARIA = new Actor("maria.lopez@contoso.example", "Maria Lopez", null, "0c1d2e3f-aaaa-4bbb-8ccc-1234567890ab");
    public static final Tags CHECKOUT = tags("owner-team", "checkout", "data-classification", "confidential");

    private static Inventory inventory;
    private static Policy policy;

    private NoticeSamples() {
    }

    private static synchronized Inventory inventory() {
        if (inventory == null) {
            inventory = SnapshotInventory.load(Path.of("examples/estate"));
            policy = new PolicyLoader(RuleCatalog.standard().ids()).load(Path.of("examples/policy.json"));
        }
        return inventory;
    }

    public static List<Finding> findings(ResourceId cluster) {
        ManagedCluster c = inventory().cluster(cluster).orNull();
        ClusterVerdict v = new ClusterEvaluator(RuleCatalog.standard()).evaluate(c, inventory, policy, Instant.parse("2026-12-01T00:00:00Z"));
        return v.findings();
    }

    private static Alert.Trigger write(ResourceId id, Instant at) {
        return new Alert.Trigger("7c4f1d2e-9a8b-4c3d-8e1f-0a2b3c4d5e6f", "Microsoft.Resources.ResourceWriteSuccess",
                "Microsoft.ContainerService/managedClusters/write", id, at, MARIA, "the cluster itself changed");
    }

    public static Alert opened() {
        return new Alert("5e0c2b9a41d7f3e8a6b1c0d9e8f7a6b5", Alert.Kind.OPENED, HOTFIX, "aks-checkout-hotfix", PAY,
                ClusterStatus.NONCOMPLIANT, null, findings(HOTFIX), List.of(), write(HOTFIX, NOW.minusSeconds(95)), NOW, NOW,
                NOW.toEpochMilli(), CHECKOUT);
    }

    public static Alert changed() {
        List<Finding> left = findings(HOTFIX).stream().filter(f -> !f.ruleId().equals("aks-no-byok")).toList();
        return new Alert("a1b2c3d4e5f60718293a4b5c6d7e8f90", Alert.Kind.CHANGED, HOTFIX, "aks-checkout-hotfix", PAY,
                ClusterStatus.NONCOMPLIANT, ClusterStatus.NONCOMPLIANT, left, List.of("aks-no-byok|" + HOTFIX.key()),
                write(HOTFIX, NOW.minusSeconds(40)), NOW, NOW.minus(Duration.ofHours(2)), NOW.toEpochMilli(), CHECKOUT);
    }

    public static Alert resolved() {
        Alert.Trigger t = new Alert.Trigger("0f9e8d7c-6b5a-4432-9110-fedcba987654", "Microsoft.Resources.ResourceWriteSuccess",
                "Microsoft.Authorization/roleAssignments/write", ResourceId.parse("/subscriptions/a3d9e5f2-8c1b-4f6a-b2e7-9d4c3a1f5e02"
                + "/resourceGroups/rg-claims/providers/Microsoft.Authorization/roleAssignments/4f1e2d3c-0000-4000-8000-00000000beef"),
                NOW.minusSeconds(30), new Actor(null, null, "3fa85f64-5717-4562-b3fc-2c963f66afa6", null), "a role assignment changed");
        return new Alert("c0ffee0000000000000000000000beef", Alert.Kind.RESOLVED, CLAIMS, "aks-claims",
                "a3d9e5f2-8c1b-4f6a-b2e7-9d4c3a1f5e02", ClusterStatus.COMPLIANT, ClusterStatus.NONCOMPLIANT, List.of(),
                keys(findings(CLAIMS)), t, NOW, NOW.minus(Duration.ofMinutes(192)), NOW.toEpochMilli(),
                tags("owner-team", "claims", "data-classification", "phi"));
    }

    public static Alert deleted() {
        return new Alert("dead0000000000000000000000000001", Alert.Kind.DELETED, LEGACY, "aks-legacy-app", PAY, null,
                ClusterStatus.NONCOMPLIANT, List.of(), keys(findings(LEGACY)),
                new Alert.Trigger("e1e2e3e4-0000-4000-8000-000000000001", "Microsoft.Resources.ResourceDeleteSuccess",
                        "Microsoft.ContainerService/managedClusters/delete", LEGACY, NOW.minusSeconds(12), MARIA,
                        "the cluster itself changed"), NOW, NOW.minus(Duration.ofDays(9)), NOW.toEpochMilli(),
                tags("owner-team", "legacy"));
    }

    /** aks-claims, critical: its fix grants a role whose name has spaces in quotes. */
    public static Alert claimsOpened() {
        return new Alert("0a0b0c0d0e0f00112233445566778899", Alert.Kind.OPENED, CLAIMS, "aks-claims",
                "a3d9e5f2-8c1b-4f6a-b2e7-9d4c3a1f5e02", ClusterStatus.NONCOMPLIANT, ClusterStatus.COMPLIANT, findings(CLAIMS),
                List.of(), Alert.Trigger.sweep("byokwatch.Reconcile", NOW), NOW, NOW, NOW.toEpochMilli(),
                tags("owner-team", "claims"));
    }

    public static Notice flapping() {
        Alert reopened = claimsOpened();
        return new Notice(reopened, true, List.of(
                new Notice.Transition(Alert.Kind.OPENED, NOW.minus(Duration.ofMinutes(41))),
                new Notice.Transition(Alert.Kind.RESOLVED, NOW.minus(Duration.ofMinutes(29))),
                new Notice.Transition(Alert.Kind.OPENED, NOW)), null);
    }

    /** More findings than any chat message holds, with long sentences, on a cluster with a very long name. */
    public static Alert huge() {
        List<Finding> base = new ArrayList<>(findings(HOTFIX));
        base.addAll(findings(CLAIMS));
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Finding f = base.get(i % base.size());
            ResourceId pool = HOTFIX.child("agentPools", "pool" + i);
            many.add(new Finding(f.ruleId(), i % 7 == 0 ? Severity.CRITICAL : f.severity(), pool, f.title(),
                    f.message().replace(".", "") + ", and " + "the node pool pool" + i + " repeats it at length ".repeat(8).trim() + ".",
                    f.remediation(), f.evidence(), f.references()));
        }
        String longName = "aks-" + "very-long-cluster-name-".repeat(8) + "end";
        return new Alert("fffffffffffffffffffffffffffffff0", Alert.Kind.OPENED, HOTFIX, longName, PAY,
                ClusterStatus.NONCOMPLIANT, null, many, List.of(), write(HOTFIX, NOW), NOW, NOW, NOW.toEpochMilli(), CHECKOUT);
    }

    public static Reminder reminder() {
        return new Reminder("reminder-2026-12-01-3a5f0c1b2d4e", NOW, List.of(
                new Reminder.OpenCluster(LEGACY, "aks-legacy-app", PAY, NOW.minus(Duration.ofDays(9)).minus(Duration.ofHours(3)), findings(LEGACY)),
                new Reminder.OpenCluster(CLAIMS, "aks-claims", "a3d9e5f2-8c1b-4f6a-b2e7-9d4c3a1f5e02", NOW.minus(Duration.ofDays(2)), findings(CLAIMS)),
                new Reminder.OpenCluster(HOTFIX, "aks-checkout-hotfix", PAY, NOW.minus(Duration.ofHours(5)), findings(HOTFIX))));
    }

    /** Tags in the order given, so golden files do not depend on hash order. */
    public static final String LINK_CALLER = "[Approve the fix](https://evil.example/phish)";
    private static final ResourceId UNDERSCORED = ResourceId.parse("/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01"
            + "/resourceGroups/rg_pay_prod/providers/Microsoft.ContainerService/managedClusters/aks_pay_eu");

    /**
     * A caller named like a Markdown link, and the sample estate's names with underscores (which Azure allows for groups
     * and clusters): what chat renderers must show as given.
     */
    public static Alert hostile() {
        return hostile(LINK_CALLER);
    }

    /** {@link #hostile()} with a caller of the given name. */
    public static Alert hostile(String caller) {
        Alert a = opened();
        Alert.Trigger t = a.trigger();
        Alert.Trigger byLink = new Alert.Trigger(t.eventId(), t.eventType(), t.operationName(), UNDERSCORED, t.eventTime(),
                new Actor(null, caller, null, null), t.route());
        List<Finding> findings = a.findings().stream().map(f -> new Finding(f.ruleId(), f.severity(),
                ResourceId.parse(underscored(f.resourceId().toString())), f.title(), underscored(f.message()),
                underscored(f.remediation()), f.evidence(), f.references())).toList();
        return new Alert(a.alertId(), a.kind(), UNDERSCORED, "aks_pay_eu", a.subscriptionId(), a.status(), a.previousStatus(),
                findings, a.resolvedFindingKeys(), byLink, a.detectedAt(), a.openSince(), a.sequence(), a.clusterTags());
    }

    private static String underscored(String s) {
        return s == null ? null : s.replace("rg-checkout", "rg_pay_prod").replace("aks-checkout-hotfix", "aks_pay_eu");
    }

    public static Tags tags(String... nameValue) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put(nameValue[i], nameValue[i + 1]);
        }
        return new Tags(m);
    }

    private static List<String> keys(List<Finding> findings) {
        return findings.stream().map(Finding::key).sorted().toList();
    }
}
