package io.byokwatch.rules.catalog;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RotationPolicy;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Lookup;
import io.byokwatch.rules.OsDiskChain;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.Rule;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.rules.RuleSettings;
import org.junit.jupiter.api.Test;

import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.byokwatch.rules.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class ChainRulesTest {

    @Test
    void healthyChain_passesEveryRule() {
        for (Rule rule : RuleCatalog.standard().all()) {
            Outcome out = run(rule, healthy());
            assertTrue(out.failures().isEmpty(), rule.meta().id() + " failed: " + out.failures());
            assertTrue(out.missing().isEmpty(), rule.meta().id() + " missing: " + out.missing());
        }
    }

    @Test
    void clusterWithoutSet_failsNoByokAsHigh_andChainRulesStaySilent() {
        ManagedCluster c = cluster();
        ManagedCluster plain = new ManagedCluster(c.id(), c.name(), c.location(), c.tags(), null, c.kms(), c.agentPools(), null);
        OsDiskChain chain = new OsDiskChain(plain, null, null, null, null, NOW, RuleSettings.DEFAULTS);
        Outcome out = run(new NoByokRule(), chain);
        assertEquals(1, out.failures().size());
        assertTrue(out.failures().get(0).message().contains("aks-pay"));
        assertTrue(out.failures().get(0).remediation().contains("az aks create -g rg-pay -n aks-pay-byok"));
        for (Rule r : List.of(new DesNotFoundRule(), new KeyUnavailableRule(), new KeyAccessRule(), new PurgeProtectionRule(),
                new RotationErrorRule(), new KeyExpiringRule(), new KeyRotationRule())) {
            Outcome o = run(r, chain);
            assertTrue(o.failures().isEmpty() && o.missing().isEmpty(), r.meta().id());
        }
    }

    @Test
    void absentSet_failsDesNotFound_unknownSet_isNotEvaluated() {
        OsDiskChain gone = new OsDiskChain(cluster(), Lookup.absent("HTTP 404"), null, null, null, NOW, RuleSettings.DEFAULTS);
        Outcome out = run(new DesNotFoundRule(), gone);
        assertEquals(DES_ID, out.failures().get(0).resourceId());
        assertEquals("HTTP 404", out.failures().get(0).evidence().get("lookup"));

        OsDiskChain unknown = new OsDiskChain(cluster(), Lookup.unknown("not exported"), null, null, null, NOW, RuleSettings.DEFAULTS);
        assertTrue(run(new DesNotFoundRule(), unknown).failures().isEmpty());
        Outcome key = run(new KeyUnavailableRule(), unknown);
        assertTrue(key.failures().isEmpty());
        assertEquals("not exported", key.missing().get(0).reason());
    }

    @Test
    void disabledKey_expiredKey_futureKey_deletedKey_areUnavailable() {
        VaultKey k = key();
        VaultKey disabled = new VaultKey(k.id(), k.ref(), k.currentVersion(), false, null, k.expires(), k.keyType(), 3072, null, k.rotationPolicy(), true, null);
        VaultKey expired = new VaultKey(k.id(), k.ref(), k.currentVersion(), true, null, NOW.minusSeconds(1), k.keyType(), 3072, null, k.rotationPolicy(), true, null);
        VaultKey future = new VaultKey(k.id(), k.ref(), k.currentVersion(), true, NOW.plusSeconds(60), k.expires(), k.keyType(), 3072, null, k.rotationPolicy(), true, null);
        VaultKey deleted = new VaultKey(k.id(), k.ref(), k.currentVersion(), true, null, k.expires(), k.keyType(), 3072, null, k.rotationPolicy(), true, NOW.minusSeconds(5));
        assertTrue(message(new KeyUnavailableRule(), chain(cluster(), set(), vault(), disabled)).contains("is disabled"));
        assertTrue(message(new KeyUnavailableRule(), chain(cluster(), set(), vault(), expired)).contains("expired on"));
        assertTrue(message(new KeyUnavailableRule(), chain(cluster(), set(), vault(), future)).contains("not valid before"));
        assertTrue(message(new KeyUnavailableRule(), chain(cluster(), set(), vault(), deleted)).contains("was deleted"));
    }

    @Test
    void keyGoneOrVaultGone_isUnavailable_keyUnknown_isNotEvaluated() {
        OsDiskChain keyGone = new OsDiskChain(cluster(), Lookup.found(set()), Lookup.found(vault()), Lookup.absent("not in export"), null, NOW, RuleSettings.DEFAULTS);
        assertTrue(message(new KeyUnavailableRule(), keyGone).contains("that key no longer exists"));
        OsDiskChain vaultGone = new OsDiskChain(cluster(), Lookup.found(set()), Lookup.absent("404"), Lookup.absent("404"), null, NOW, RuleSettings.DEFAULTS);
        assertTrue(message(new KeyUnavailableRule(), vaultGone).contains("that vault no longer exists"));
        OsDiskChain keyUnknown = new OsDiskChain(cluster(), Lookup.found(set()), Lookup.found(vault()), Lookup.unknown("no keys exported"), null, NOW, RuleSettings.DEFAULTS);
        Outcome out = run(new KeyUnavailableRule(), keyUnknown);
        assertTrue(out.failures().isEmpty());
        assertEquals("no keys exported", out.missing().get(0).reason());
    }

    @Test
    void setWithoutIdentity_hasNoKeyAccess() {
        DiskEncryptionSet s = withIdentity(ManagedIdentity.NONE);
        assertTrue(message(new KeyAccessRule(), chain(cluster(), s, vault(), key())).contains("has no managed identity"));
    }

    @Test
    void accessPolicyMissingUnwrap_failsWithTheMissingPermission() {
        KeyVault v = vault();
        KeyVault partial = new KeyVault(v.id(), v.name(), v.host(), false, true, true, 90, false,
                List.of(new io.byokwatch.domain.AccessPolicy("t", PRINCIPAL.toUpperCase(), null, java.util.Set.of("get", "wrapkey"))),
                "premium", null, null);
        Outcome out = run(new KeyAccessRule(), chain(cluster(), set(), partial, key()));
        assertEquals(1, out.failures().size());
        assertTrue(out.failures().get(0).evidence().get("gaps").toString().contains("unwrapKey"));
    }

    @Test
    void accessPolicyAll_grantsAccess() {
        KeyVault v = vault();
        KeyVault all = new KeyVault(v.id(), v.name(), v.host(), false, true, true, 90, null,
                List.of(new io.byokwatch.domain.AccessPolicy("t", PRINCIPAL, null, java.util.Set.of("All"))), "premium", null, null);
        assertTrue(run(new KeyAccessRule(), chain(cluster(), set(), all, key())).failures().isEmpty());
    }

    @Test
    void rbacVault_grantedByCryptoServiceEncryptionUserOnVaultOrAbove_notByReaderOrOtherScope() {
        String encUser = "e147488a-f6f5-4113-8e2d-b22465e65bf6";
        ResourceId rg = ResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/rg-keys");
        ResourceId otherVault = ResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-other");
        assertTrue(rbac(List.of(role(encUser, VAULT_ID))).failures().isEmpty());
        assertTrue(rbac(List.of(role(encUser, rg))).failures().isEmpty());
        assertTrue(rbac(List.of(role(encUser.toUpperCase(), VAULT_ID.child("keys", "DISK-KEY")))).failures().isEmpty());
        assertEquals(1, rbac(List.of(role("acdd72a7-3385-48ef-bd42-f606fba81ae7", VAULT_ID))).failures().size());
        assertEquals(1, rbac(List.of(role(encUser, otherVault))).failures().size());
    }

    @Test
    void rbacVault_withoutAssignmentsInInventory_isNotEvaluated() {
        OsDiskChain c = new OsDiskChain(cluster(), Lookup.found(set()), Lookup.found(rbacVault()), Lookup.found(key()),
                Lookup.unknown("role assignments are not in the inventory"), NOW, RuleSettings.DEFAULTS);
        Outcome out = run(new KeyAccessRule(), c);
        assertTrue(out.failures().isEmpty());
        assertEquals("role assignments are not in the inventory", out.missing().get(0).reason());
    }

    @Test
    void rbacVault_managementGroupGrant_thatTheInventoryPlacedAboveTheKey_grants() {
        // ARM's $filter=atScope() returns only assignments at or above the scope: a management group among them holds it
        ResourceId mg = ResourceId.parse("/providers/Microsoft.Management/managementGroups/corp");
        Outcome out = rbac(List.of(role("e147488a-f6f5-4113-8e2d-b22465e65bf6", mg)));
        assertTrue(out.failures().isEmpty() && out.missing().isEmpty(), out.missing().toString());
    }

    @Test
    void rbacVault_managementGroupGrant_theInventoryCouldNotPlace_isUndecidable() {
        ResourceId mg = ResourceId.parse("/providers/Microsoft.Management/managementGroups/corp");
        Outcome out = rbac(List.of(role("e147488a-f6f5-4113-8e2d-b22465e65bf6", mg).asUnplaced()));
        assertTrue(out.failures().isEmpty());
        assertTrue(out.missing().get(0).reason().contains("management group corp"), out.missing().toString());
    }

    @Test
    void userAssignedIdentityWithoutPrincipal_isNotEvaluated() {
        ResourceId uami = ResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-des");
        java.util.Map<ResourceId, String> ua = new java.util.HashMap<>();
        ua.put(uami, null);
        DiskEncryptionSet s = withIdentity(new ManagedIdentity("UserAssigned", null, null, ua));
        Outcome out = run(new KeyAccessRule(), chain(cluster(), s, vault(), key()));
        assertTrue(out.failures().isEmpty());
        assertTrue(out.missing().get(0).reason().contains("user-assigned identity id-des"));
    }

    @Test
    void vaultWithoutPurgeProtection_isHigh_absentMeansOff() {
        KeyVault v = vault();
        KeyVault noPurge = new KeyVault(v.id(), v.name(), v.host(), false, true, null, 90, false, v.accessPolicies(), "premium", null, null);
        Outcome out = run(new PurgeProtectionRule(), chain(cluster(), set(), noPurge, key()));
        assertEquals(VAULT_ID, out.failures().get(0).resourceId());
        assertEquals("absent", out.failures().get(0).evidence().get("enablePurgeProtection"));
        assertNull(out.failures().get(0).severity());
        assertEquals(Severity.HIGH, new PurgeProtectionRule().meta().severity());
        KeyVault neither = new KeyVault(v.id(), v.name(), v.host(), false, false, null, null, false, v.accessPolicies(), "premium", null, null);
        assertTrue(message(new PurgeProtectionRule(), chain(cluster(), set(), neither, key())).contains("soft delete and purge protection"));
        // recent ARM bodies leave enableSoftDelete out (mandatory since 2020): its absence says nothing
        KeyVault omitted = new KeyVault(v.id(), v.name(), v.host(), false, null, null, null, false, v.accessPolicies(), "premium", null, null);
        assertTrue(message(new PurgeProtectionRule(), chain(cluster(), set(), omitted, key())).contains("has no purge protection,"));
    }

    @Test
    void rotationError_failsWithCode() {
        DiskEncryptionSet s = set();
        DiskEncryptionSet err = new DiskEncryptionSet(s.id(), s.name(), s.location(), s.encryptionType(), s.activeKey(), s.sourceVaultId(),
                true, null, "ManagedServiceIdentityNotFound", "identity gone", s.identity(), null, null);
        assertTrue(message(new RotationErrorRule(), chain(cluster(), err, vault(), key())).contains("ManagedServiceIdentityNotFound"));
    }

    @Test
    void keyExpiringIn5Days_isHigh_in20Days_isMedium_in40Days_passes() {
        assertEquals(Severity.HIGH, expiring(5).failures().get(0).severity());
        assertEquals(Severity.MEDIUM, expiring(20).failures().get(0).severity());
        assertTrue(expiring(40).failures().isEmpty());
    }

    @Test
    void pinnedSetAndKeyWithoutRotatePolicy_failsNoRotation_unknownPolicy_isNotEvaluated() {
        DiskEncryptionSet s = set();
        DiskEncryptionSet pinned = new DiskEncryptionSet(s.id(), s.name(), s.location(), s.encryptionType(), s.activeKey(), s.sourceVaultId(),
                false, null, null, null, s.identity(), null, null);
        VaultKey k = key();
        VaultKey notifyOnly = new VaultKey(k.id(), k.ref(), null, true, null, k.expires(), "RSA", 2048, null,
                new RotationPolicy(List.of(new RotationPolicy.LifetimeAction("notify", null, "P30D")), null), true, null);
        VaultKey unknown = new VaultKey(k.id(), k.ref(), null, true, null, k.expires(), "RSA", 2048, null, null, false, null);
        assertEquals(1, run(new KeyRotationRule(), chain(cluster(), pinned, vault(), notifyOnly)).failures().size());
        assertTrue(run(new KeyRotationRule(), chain(cluster(), pinned, vault(), key())).failures().isEmpty());
        Outcome out = run(new KeyRotationRule(), chain(cluster(), pinned, vault(), unknown));
        assertTrue(out.failures().isEmpty());
        assertTrue(out.missing().get(0).reason().contains("rotation policy"));
        assertTrue(run(new KeyRotationRule(), chain(cluster(), set(), vault(), notifyOnly)).failures().isEmpty());
    }

    @Test
    void requireHsm_failsSoftwareKey_passesHsmKey_ignoredWhenNotRequired() {
        VaultKey k = key();
        VaultKey soft = new VaultKey(k.id(), k.ref(), null, true, null, k.expires(), "RSA", 2048, null, k.rotationPolicy(), true, null);
        RuleSettings hsm = new RuleSettings(30, true);
        OsDiskChain c = new OsDiskChain(cluster(), Lookup.found(set()), Lookup.found(vault()), Lookup.found(soft), null, NOW, hsm);
        assertEquals(1, run(new KeyNotHsmRule(), c).failures().size());
        OsDiskChain ok = new OsDiskChain(cluster(), Lookup.found(set()), Lookup.found(vault()), Lookup.found(key()), null, NOW, hsm);
        assertTrue(run(new KeyNotHsmRule(), ok).failures().isEmpty());
        assertTrue(run(new KeyNotHsmRule(), chain(cluster(), set(), vault(), soft)).failures().isEmpty());
    }

    @Test
    void kmsOff_failsNoKmsEtcd() {
        ManagedCluster c = cluster();
        ManagedCluster noKms = new ManagedCluster(c.id(), c.name(), c.location(), c.tags(), c.diskEncryptionSetId(), null, c.agentPools(), null);
        assertEquals(1, run(new NoKmsEtcdRule(), chain(noKms, set(), vault(), key())).failures().size());
    }

    @Test
    void poolWithoutHostEncryption_failsPerPool_noPools_isNotEvaluated() {
        ManagedCluster c = cluster().withAgentPools(List.of(pool("system", true), pool("gpu", null), pool("batch", false)));
        Outcome out = run(new NoHostEncryptionRule(), chain(c, set(), vault(), key()));
        assertEquals(2, out.failures().size());
        assertEquals(CLUSTER_ID.child("agentPools", "gpu"), out.failures().get(0).resourceId());
        assertTrue(out.failures().get(0).remediation().contains("--enable-encryption-at-host"));
        Outcome none = run(new NoHostEncryptionRule(), chain(cluster().withAgentPools(List.of()), set(), vault(), key()));
        assertEquals(1, none.missing().size());
    }

    @Test
    void everyFailureMessage_isOneSentenceNamingTheResource() {
        ManagedCluster c = cluster();
        ManagedCluster bad = new ManagedCluster(c.id(), c.name(), c.location(), c.tags(), null, null, List.of(pool("np", false)), null);
        OsDiskChain chain = new OsDiskChain(bad, null, null, null, null, NOW, RuleSettings.DEFAULTS);
        for (Rule r : RuleCatalog.standard().all()) {
            for (Outcome.Failure f : run(r, chain).failures()) {
                assertTrue(f.message().endsWith("."), f.message());
                assertTrue(f.message().contains(f.resourceId().name()), f.message());
            }
        }
    }

    private static Outcome expiring(int days) {
        VaultKey k = key();
        VaultKey soon = new VaultKey(k.id(), k.ref(), null, true, null, NOW.plus(days, ChronoUnit.DAYS), "RSA-HSM", 3072, null, k.rotationPolicy(), true, null);
        return run(new KeyExpiringRule(), chain(cluster(), set(), vault(), soon));
    }

    private static Outcome rbac(List<io.byokwatch.domain.RoleAssignment> assignments) {
        OsDiskChain c = new OsDiskChain(cluster(), Lookup.found(set()), Lookup.found(rbacVault()), Lookup.found(key()),
                Lookup.found(assignments), NOW, RuleSettings.DEFAULTS);
        return run(new KeyAccessRule(), c);
    }

    private static DiskEncryptionSet withIdentity(ManagedIdentity identity) {
        DiskEncryptionSet s = set();
        return new DiskEncryptionSet(s.id(), s.name(), s.location(), s.encryptionType(), s.activeKey(), s.sourceVaultId(),
                true, null, null, null, identity, null, null);
    }

    private static String message(Rule rule, OsDiskChain chain) {
        Outcome out = run(rule, chain);
        assertEquals(1, out.failures().size(), rule.meta().id() + ": " + out.failures() + out.missing());
        return out.failures().get(0).message();
    }

    @Test
    void windowsPool_getsAReplacementNameOfAtMostSixCharacters_andTheOsType() {
        ManagedCluster c = cluster().withAgentPools(List.of(new io.byokwatch.domain.AgentPool(CLUSTER_ID.child("agentPools",
                "winpool01"), "winpool01", false, "Managed", "User", 2, "Standard_D4s_v5", "Windows")));
        String fix = run(new NoHostEncryptionRule(), chain(c, set(), vault(), key())).failures().get(0).remediation();
        assertTrue(fix.contains(" -n winpeh --enable-encryption-at-host --os-type Windows"), fix);
        assertEquals("linuxpool0eh", NoHostEncryptionRule.replacementName("linux-pool-01", false));
    }

    @Test
    void namesBashWouldRead_areQuotedInEveryCommand() {
        ResourceId odd = ResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/rg-app(prod)/providers"
                + "/Microsoft.ContainerService/managedClusters/aks-pay");
        ManagedCluster c = new ManagedCluster(odd, "aks-pay", "westeurope", null, null, null, List.of(), null);
        String fix = run(new NoByokRule(), new OsDiskChain(c, null, null, null, null, NOW, RuleSettings.DEFAULTS)).failures().get(0).remediation();
        assertTrue(fix.contains("az keyvault create -g 'rg-app(prod)' -n aks-pay-cmk --sku premium"), fix);
        assertFalse(fix.contains("<"), "no <placeholder> that bash reads as a redirection: " + fix);
    }

    @Test
    void managedHsmGrantToAPrincipalOfUnknownKind_isUndecidable_neverAFailure() {
        // the HSM data plane lists assignments as {scope, roleDefinitionId, principalId}: no principal type
        ResourceId hsmId = ResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.KeyVault/managedHSMs/hsm1");
        KeyVault hsm = new KeyVault(hsmId, "hsm1", "hsm1.managedhsm.azure.net", true, true, true, 90, null, List.of(), null, null, null);
        io.byokwatch.domain.KeyRef hsmKey = io.byokwatch.domain.KeyRef.parse("https://hsm1.managedhsm.azure.net/keys/k/0123456789abcdef");
        DiskEncryptionSet s = set();
        DiskEncryptionSet onHsm = new DiskEncryptionSet(s.id(), s.name(), s.location(), s.encryptionType(), hsmKey, null, true,
                null, null, null, s.identity(), null, null);
        io.byokwatch.domain.RoleAssignment someone = new io.byokwatch.domain.RoleAssignment("/a", "another-principal", null,
                "33413926-3206-4cdd-b39a-83574fe37a17", null, hsmId);
        OsDiskChain c = new OsDiskChain(cluster(), Lookup.found(onHsm), Lookup.found(hsm), Lookup.found(key()), Lookup.found(List.of(someone)),
                NOW, RuleSettings.DEFAULTS);
        Outcome out = run(new KeyAccessRule(), c);
        assertTrue(out.failures().isEmpty(), out.failures().toString());
        assertTrue(out.missing().get(0).reason().contains("may hold the set's identity"), out.missing().toString());
        OsDiskChain none = new OsDiskChain(cluster(), Lookup.found(onHsm), Lookup.found(hsm), Lookup.found(key()), Lookup.found(List.of()),
                NOW, RuleSettings.DEFAULTS);
        assertEquals(1, run(new KeyAccessRule(), none).failures().size(), "no assignment at all is a finding");
    }
}
