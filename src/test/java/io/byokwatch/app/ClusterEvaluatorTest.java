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
        ClusterVerdict v = eval(new OneChain(Fixtures.cluster(), Lookup.unknown("no sets exported"),
                Lookup.unknown("no vaults exported"), Lookup.unknown("no keys exported")), Policy.DEFAULT);
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
        VaultKey disabled = new VaultKey(k.id(), k.ref(), k.currentVersion(), false, null, k.expires(), k.keyType(), 3072, null, k.rotationPolicy(), true, null);
        OneChain inv = new OneChain(Fixtures.cluster(), Lookup.found(set()), Lookup.found(vault()), Lookup.found(disabled));
        PolicyLoader loader = new PolicyLoader(RuleCatalog.standard().ids());
        // the key is the cluster's KMS key too: that finding is on the cluster, and waived there
        Policy active = loader.parse("{\"exemptions\": [{\"resourceId\": \"" + DES_ID + "\", \"rules\": [\"des-key-unavailable\"],"
                + " \"reason\": \"planned key swap\", \"expires\": \"2026-12-31\", \"approvedBy\": \"sec\"},"
                + " {\"resourceId\": \"" + CLUSTER_ID + "\", \"rules\": [\"des-key-unavailable\"],"
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

    @Test
    void criticalRuleNotEvaluated_isUnknown_thoughNothingFailed() {
        OneChain inv = new OneChain(Fixtures.cluster(), Lookup.found(set()), Lookup.found(vault()),
                Lookup.unknown("no keys from vault kv-pay are in the inventory; add az keyvault key list --vault-name kv-pay"));
        ClusterVerdict v = eval(inv, Policy.DEFAULT);
        assertTrue(v.findings().isEmpty());
        assertEquals(ClusterStatus.UNKNOWN, v.status());
        assertTrue(v.notEvaluated().stream().anyMatch(n -> n.ruleId().equals("des-key-unavailable")
                && n.reason().contains("az keyvault key list")), v.notEvaluated().toString());
    }

    @Test
    void onlyMediumRuleNotEvaluated_staysCompliant_andSaysWhatWasNotChecked() {
        DiskEncryptionSet s = set();
        DiskEncryptionSet pinned = new DiskEncryptionSet(s.id(), s.name(), s.location(), s.encryptionType(), s.activeKey(),
                s.sourceVaultId(), false, null, null, null, s.identity(), null, "Succeeded");
        VaultKey k = key();
        VaultKey policyUnknown = new VaultKey(k.id(), k.ref(), k.currentVersion(), true, null, k.expires(), k.keyType(),
                3072, null, null, false, null);
        ClusterVerdict v = eval(new OneChain(Fixtures.cluster(), Lookup.found(pinned), Lookup.found(vault()),
                Lookup.found(policyUnknown)), Policy.DEFAULT);
        assertEquals(ClusterStatus.COMPLIANT, v.status());
        assertEquals(List.of("key-no-rotation"), v.notEvaluated().stream().map(n -> n.ruleId()).toList());
    }

    @Test
    void severityOverride_decidesWhetherAnUnevaluatedRuleGates() {
        DiskEncryptionSet s = set();
        DiskEncryptionSet pinned = new DiskEncryptionSet(s.id(), s.name(), s.location(), s.encryptionType(), s.activeKey(),
                s.sourceVaultId(), false, null, null, null, s.identity(), null, "Succeeded");
        VaultKey k = key();
        VaultKey policyUnknown = new VaultKey(k.id(), k.ref(), k.currentVersion(), true, null, k.expires(), k.keyType(),
                3072, null, null, false, null);
        OneChain inv = new OneChain(Fixtures.cluster(), Lookup.found(pinned), Lookup.found(vault()), Lookup.found(policyUnknown));
        PolicyLoader loader = new PolicyLoader(RuleCatalog.standard().ids());
        assertEquals(ClusterStatus.UNKNOWN, eval(inv, loader.parse("{\"severity\": {\"key-no-rotation\": \"high\"}}", "p")).status());

        OneChain keyUnknown = new OneChain(Fixtures.cluster(), Lookup.found(set()), Lookup.found(vault()), Lookup.unknown("no keys"));
        Policy lowered = loader.parse("{\"severity\": {\"des-key-unavailable\": \"medium\", \"key-expiring\": \"low\"}}", "p");
        assertEquals(ClusterStatus.COMPLIANT, eval(keyUnknown, lowered).status());
    }

    @Test
    void waivedFindings_withACriticalCheckNotEvaluated_isUnknown_notExempt() {
        ManagedCluster c = Fixtures.cluster().withAgentPools(List.of(pool("np", false)));
        OneChain inv = new OneChain(c, Lookup.found(set()), Lookup.found(vault()), Lookup.unknown("no keys"));
        PolicyLoader loader = new PolicyLoader(RuleCatalog.standard().ids());
        Policy waiveHost = loader.parse("{\"exemptions\": [{\"resourceId\": \"" + CLUSTER_ID + "\", \"rules\": [\"aks-no-host-encryption\"],"
                + " \"reason\": \"pool swap planned\", \"expires\": \"2026-12-31\"}]}", "p");
        assertEquals(ClusterStatus.UNKNOWN, eval(inv, waiveHost).status());

        Policy waiveAll = loader.parse("{\"exemptions\": [{\"resourceId\": \"" + CLUSTER_ID + "\","
                + " \"reason\": \"decommissioning\", \"expires\": \"2026-12-31\"}]}", "p");
        assertEquals(ClusterStatus.EXEMPT, eval(inv, waiveAll).status(),
                "an active exemption covering the unevaluated rules makes them moot");

        Policy expiredAll = loader.parse("{\"exemptions\": [{\"resourceId\": \"" + CLUSTER_ID + "\","
                + " \"reason\": \"decommissioning\", \"expires\": \"2026-01-31\"}]}", "p");
        assertEquals(ClusterStatus.NONCOMPLIANT, eval(inv, expiredAll).status());
    }

    @Test
    void disabledRule_thatCannotBeEvaluated_doesNotGate() {
        OneChain inv = new OneChain(Fixtures.cluster(), Lookup.found(set()), Lookup.found(vault()), Lookup.unknown("no keys"));
        Policy off = new PolicyLoader(RuleCatalog.standard().ids()).parse(
                "{\"disabledRules\": [\"des-key-unavailable\"]}", "p");
        assertEquals(ClusterStatus.COMPLIANT, eval(inv, off).status());
    }
}
