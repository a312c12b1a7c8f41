package io.byokwatch.app;

import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;
import io.byokwatch.rules.Fixtures;
import io.byokwatch.rules.RuleCatalog;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;

import static io.byokwatch.rules.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class ClusterEvaluatorTest {
    private final ClusterEvaluator evaluator = new ClusterEvaluator(RuleCatalog.standard());

    /** A one-chain inventory for this test; the file-backed inventory has its own tests. */
    private record OneChain(ManagedCluster cluster, Lookup<DiskEncryptionSet> set, Lookup<KeyVault> vault,
                            Lookup<VaultKey> key) implements Inventory {
        public List<ManagedCluster> clusters() { return List.of(cluster); }
        public Lookup<ManagedCluster> cluster(ResourceId id) { return Lookup.found(cluster); }
        public Lookup<DiskEncryptionSet> diskEncryptionSet(ResourceId id) { return set; }
        public Lookup<KeyVault> vaultByHost(String host) { return vault; }
        public Lookup<VaultKey> key(KeyRef ref) { return key; }
        public Lookup<List<RoleAssignment>> roleAssignmentsAt(ResourceId scope) { return Lookup.unknown("none"); }
        public List<DiskEncryptionSet> diskEncryptionSetsUsingVault(String vaultHost) { return List.of(); }
        public List<ManagedCluster> clustersUsingDiskEncryptionSets(Collection<ResourceId> setIds) { return List.of(); }
        public List<ManagedCluster> clustersWithKmsKeyIn(String vaultHost) { return List.of(); }
    }

    private ClusterVerdict eval(Inventory inv, Policy policy) {
        return evaluator.evaluate(inv.clusters().get(0), inv, policy, NOW);
    }

    private static OneChain healthyInventory() {
        return new OneChain(Fixtures.cluster(), Lookup.found(set()), Lookup.found(vault()), Lookup.found(key()));
    }

    @Test
    void healthyChain_isCompliant() {
        ClusterVerdict v = eval(healthyInventory(), Policy.DEFAULT);
        assertEquals(ClusterStatus.COMPLIANT, v.status());
        assertTrue(v.findings().isEmpty());
    }

    @Test
    void unresolvableSet_isUnknown_notCompliantNorFailed() {
        ClusterVerdict v = eval(new OneChain(Fixtures.cluster(), Lookup.unknown("no sets exported"), null, null), Policy.DEFAULT);
        assertEquals(ClusterStatus.UNKNOWN, v.status());
        assertTrue(v.notEvaluated().stream().anyMatch(n -> n.reason().equals("no sets exported")));
    }

    @Test
    void tagRuleNotRequiring_isNotRequired() {
        Policy p = new PolicyLoader(RuleCatalog.standard().ids()).parse(
                "{\"byokRequired\": {\"default\": false}}", "p");
        assertEquals(ClusterStatus.NOT_REQUIRED, eval(healthyInventory(), p).status());
    }

    @Test
    void activeExemption_makesClusterExempt_expiredExemption_keepsFindingAndSaysExpired() {
        VaultKey k = key();
        VaultKey disabled = new VaultKey(k.id(), k.ref(), null, false, null, k.expires(), k.keyType(), 3072, null, k.rotationPolicy(), true, null);
        OneChain inv = new OneChain(Fixtures.cluster(), Lookup.found(set()), Lookup.found(vault()), Lookup.found(disabled));
        PolicyLoader loader = new PolicyLoader(RuleCatalog.standard().ids());
        Policy active = loader.parse("{\"exemptions\": [{\"resourceId\": \"" + DES_ID + "\", \"rules\": [\"des-key-unavailable\"],"
                + " \"reason\": \"planned key swap\", \"expires\": \"2026-12-31\", \"approvedBy\": \"sec\"}]}", "p");
        ClusterVerdict v = eval(inv, active);
        assertEquals(ClusterStatus.EXEMPT, v.status());
        assertFalse(v.exempted().get(0).expired());

        Policy expired = loader.parse("{\"exemptions\": [{\"resourceId\": \"" + CLUSTER_ID + "\", \"rules\": [\"des-key-unavailable\"],"
                + " \"reason\": \"planned key swap\", \"expires\": \"2026-11-28\"}]}", "p");
        ClusterVerdict v2 = eval(inv, expired);
        assertEquals(ClusterStatus.NONCOMPLIANT, v2.status());
        assertTrue(v2.exempted().get(0).expired());
        assertEquals("des-key-unavailable", v2.findings().get(0).ruleId());
    }

    @Test
    void severityOverrideAndDisabledRules_apply() {
        ManagedCluster c = Fixtures.cluster().withAgentPools(List.of(pool("np", false)));
        OneChain inv = new OneChain(c, Lookup.found(set()), Lookup.found(vault()), Lookup.found(key()));
        PolicyLoader loader = new PolicyLoader(RuleCatalog.standard().ids());
        ClusterVerdict high = eval(inv, loader.parse("{\"severity\": {\"aks-no-host-encryption\": \"high\"}}", "p"));
        assertEquals(Severity.HIGH, high.findings().get(0).severity());
        ClusterVerdict off = eval(inv, loader.parse("{\"disabledRules\": [\"aks-no-host-encryption\"]}", "p"));
        assertEquals(ClusterStatus.COMPLIANT, off.status());
    }

    @Test
    void findingsAreOrderedBySeverity() {
        ManagedCluster c = Fixtures.cluster();
        ManagedCluster bad = new ManagedCluster(c.id(), c.name(), c.location(), c.tags(), null, null, List.of(pool("np", false)), null);
        ClusterVerdict v = eval(new OneChain(bad, null, null, null), Policy.DEFAULT);
        assertEquals(List.of("aks-no-byok", "aks-no-kms-etcd", "aks-no-host-encryption"),
                v.findings().stream().map(f -> f.ruleId()).toList());
    }
}
