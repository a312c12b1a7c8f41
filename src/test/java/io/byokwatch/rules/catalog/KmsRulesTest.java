package io.byokwatch.rules.catalog;

import io.byokwatch.domain.AccessPolicy;
import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.NetworkAcls;
import io.byokwatch.domain.PrivateEndpointConnection;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.Tags;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.domain.VaultNetwork;
import io.byokwatch.port.Lookup;
import io.byokwatch.rules.ClusterFacts;
import io.byokwatch.rules.KeyOperations;
import io.byokwatch.rules.KeyUse;
import io.byokwatch.rules.KeyUser;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleContext;
import io.byokwatch.rules.RuleSettings;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The KMS rules on hand-built key uses: each case of the KMS chain, and each field they read left out of the record
 * (never a finding for a missing fact). The cluster aks-etcd runs legacy KMS on kv-etcd/etcd, version V2, as
 * user-assigned identity id-etcd.
 */
class KmsRulesTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final String RG = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-etcd";
    private static final ResourceId CLUSTER = ResourceId.parse(RG + "/providers/Microsoft.ContainerService/managedClusters/aks-etcd");
    private static final ResourceId VAULT = ResourceId.parse(RG + "/providers/Microsoft.KeyVault/vaults/kv-etcd");
    private static final String PRINCIPAL = "5b0c1d2e-3f40-4a51-8c62-7d83e94fa0b1";
    private static final KeyRef V1 = KeyRef.parse("https://kv-etcd.vault.azure.net/keys/etcd/1111");
    private static final KeyRef V2 = KeyRef.parse("https://kv-etcd.vault.azure.net/keys/etcd/2222");
    private static final ManagedIdentity UA = new ManagedIdentity("UserAssigned", null, null,
            Map.of(ResourceId.parse(RG + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-etcd"), PRINCIPAL));
    private static final RuleContext CONTEXT = new RuleContext(NOW, RuleSettings.DEFAULTS);

    private static ManagedCluster cluster(KmsProfile kms, ManagedIdentity identity) {
        return new ManagedCluster(CLUSTER, "aks-etcd", "westeurope", Tags.NONE, null, kms, List.of(), "Succeeded", null,
                identity);
    }

    private static ManagedCluster legacy(KeyRef key, String access, ResourceId vaultId) {
        return cluster(new KmsProfile(true, key, access, vaultId, null), UA);
    }

    private static KeyVault vault(VaultNetwork network) {
        return new KeyVault(VAULT, "kv-etcd", "kv-etcd.vault.azure.net", false, true, true, 90, false,
                List.of(new AccessPolicy("t", PRINCIPAL, null, Set.of("encrypt", "decrypt"))), "premium",
                network == null ? null : network.publicNetworkAccess(), "t", true, network);
    }

    private static VaultKey key(KeyRef ref, String current, Boolean enabled, Instant created, List<String> ops) {
        return new VaultKey(VAULT.child("keys", "etcd"), ref.versionless(), current, enabled, null, null, "RSA", 2048,
                null, null, false, null, created, ops);
    }

    private static KeyUse use(ManagedCluster c, KeyRef ref, KeyVault vault, VaultKey newest, VaultKey used) {
        List<KeyUser> users = ref.equals(c.kms().keyInUse())
                ? List.of(new KeyUser("KMS of cluster aks-etcd", c.id(), c.identity(), KeyOperations.ENCRYPT_DECRYPT))
                : List.of();
        return new KeyUse(KeyPurpose.KMS_ETCD, c, List.of(KeyConsumer.of(c)), null, null, ref, Lookup.found(vault),
                Lookup.found(newest), Lookup.found(used), users, null, Map.of());
    }

    private static VaultNetwork open() {
        return VaultNetwork.of("Enabled", null, List.of());
    }

    private static Outcome run(io.byokwatch.rules.KeyUseRule rule, KeyUse use) {
        Outcome out = new Outcome();
        rule.check(use, CONTEXT, out);
        return out;
    }

    private static Outcome run(io.byokwatch.rules.KeyUseRule rule, KeyUse use, RuleContext context) {
        Outcome out = new Outcome();
        rule.check(use, context, out);
        return out;
    }

    private static Outcome run(io.byokwatch.rules.ClusterRule rule, ManagedCluster c) {
        Outcome out = new Outcome();
        rule.check(new ClusterFacts(c, List.of()), CONTEXT, out);
        return out;
    }

    private static void nothing(Outcome out) {
        assertEquals(List.of(), out.failures());
        assertEquals(List.of(), out.missing());
    }

    private static String failure(Outcome out) {
        assertEquals(1, out.failures().size(), out.failures().toString());
        return out.failures().get(0).message();
    }

    // key_ops

    @Test
    void keyOpsWithoutEncryptAndDecrypt_failTheKmsUse() {
        VaultKey k = key(V2, "2222", true, NOW, List.of("wrapKey", "unwrapKey"));
        String m = failure(run(new KeyOpsRule(), use(legacy(V2, "Public", null), V2, vault(open()), k, k)));
        assertTrue(m.contains("does not permit encrypt and decrypt") && m.contains("KMS of cluster aks-etcd"), m);
    }

    @Test
    void keyOpsLeftOutOfTheRecord_areNoFinding() {
        VaultKey k = key(V2, "2222", true, NOW, null);
        nothing(run(new KeyOpsRule(), use(legacy(V2, "Public", null), V2, vault(open()), k, k)));
    }

    // network path

    @Test
    void privateWithoutKeyVaultResourceId_fails() {
        VaultKey k = key(V2, "2222", true, NOW, null);
        String m = failure(run(new KmsVaultNetworkRule(), use(legacy(V2, "Private", null), V2, vault(open()), k, k)));
        assertTrue(m.contains("names no keyVaultResourceId"), m);
    }

    @Test
    void privateWithOnlyAPendingConnection_fails_andSaysItsStatus() {
        VaultKey k = key(V2, "2222", true, NOW, null);
        VaultNetwork pending = VaultNetwork.of("Disabled", null, List.of(new PrivateEndpointConnection(null,
                ResourceId.parse(RG + "/providers/Microsoft.Network/privateEndpoints/pe"), "Pending", "Succeeded")));
        String m = failure(run(new KmsVaultNetworkRule(), use(legacy(V2, "Private", VAULT), V2, vault(pending), k, k)));
        assertTrue(m.contains("no approved private endpoint connection") && m.contains("Pending"), m);
    }

    @Test
    void privateWithAnApprovedConnection_holds() {
        VaultKey k = key(V2, "2222", true, NOW, null);
        VaultNetwork approved = VaultNetwork.of("Disabled", null, List.of(new PrivateEndpointConnection(null,
                ResourceId.parse(RG + "/providers/Microsoft.Network/privateEndpoints/pe"), "Approved", "Succeeded")));
        nothing(run(new KmsVaultNetworkRule(), use(legacy(V2, "Private", VAULT), V2, vault(approved), k, k)));
    }

    @Test
    void publicWithPublicAccessDisabled_fails() {
        VaultKey k = key(V2, "2222", true, NOW, null);
        String m = failure(run(new KmsVaultNetworkRule(), use(legacy(V2, null, null), V2,
                vault(VaultNetwork.of("Disabled", null, List.of())), k, k)));
        assertTrue(m.contains("public network access Disabled") && m.contains("keyVaultNetworkAccess Public"), m);
    }

    @Test
    void aVaultRecordWithoutItsNetworkSettings_orWithoutPublicAccess_isSaid_neverAFinding() {
        VaultKey k = key(V2, "2222", true, NOW, null);
        Outcome noNetwork = run(new KmsVaultNetworkRule(), use(legacy(V2, "Public", null), V2,
                vault(VaultNetwork.notInRecord("built by hand")), k, k));
        assertEquals(List.of(), noNetwork.failures());
        assertTrue(noNetwork.unchecked().get(0).reason().contains("built by hand"), noNetwork.unchecked().toString());
        Outcome noAccess = run(new KmsVaultNetworkRule(), use(legacy(V2, "Public", null), V2,
                vault(VaultNetwork.of(null, null, List.of())), k, k));
        assertEquals(List.of(), noAccess.failures());
        assertTrue(noAccess.unchecked().get(0).reason().contains("publicNetworkAccess"), noAccess.unchecked().toString());
    }

    @Test
    void kmsDataEncryption_passesAFirewallThatLetsTrustedServicesThrough_notOneThatDoesNot() {
        KeyRef versionless = V2.versionless();
        ManagedCluster c = cluster(new KmsProfile(true, versionless, null, null, "Enabled"), UA);
        VaultKey k = key(versionless, "2222", true, NOW, null);
        VaultNetwork trusted = VaultNetwork.of("Enabled", new NetworkAcls("Deny", "AzureServices", List.of(), List.of()), List.of());
        nothing(run(new KmsVaultNetworkRule(), use(c, versionless, vault(trusted), k, k)));
        VaultNetwork closed = VaultNetwork.of("Enabled", new NetworkAcls("Deny", "None", List.of(), List.of()), List.of());
        assertTrue(failure(run(new KmsVaultNetworkRule(), use(c, versionless, vault(closed), k, k)))
                .contains("without letting trusted Azure services through"));
    }

    // rotation

    @Test
    void aVersionMoreThanTheAllowedDaysBehindTheNewest_isMedium() {
        VaultKey newest = key(V2, "2222", true, NOW.minus(5, ChronoUnit.DAYS), null);
        VaultKey used = key(V1, "1111", true, NOW.minus(105, ChronoUnit.DAYS), null);
        Outcome out = run(new KmsRotationRule(), use(legacy(V1, "Public", null), V1, vault(open()), newest, used));
        assertTrue(failure(out).contains("100 days before the newest enabled version 2222"), failure(out));
        assertTrue(out.failures().get(0).remediation().contains(Kms.REENCRYPT));
        assertEquals(Severity.MEDIUM, new KmsRotationRule().meta().severity());
    }

    @Test
    void withinTheAllowedDays_holds_andThePolicySetsTheLimit() {
        VaultKey newest = key(V2, "2222", true, NOW.minus(5, ChronoUnit.DAYS), null);
        VaultKey used = key(V1, "1111", true, NOW.minus(65, ChronoUnit.DAYS), null);
        KeyUse u = use(legacy(V1, "Public", null), V1, vault(open()), newest, used);
        nothing(run(new KmsRotationRule(), u));
        RuleContext strict = new RuleContext(NOW, new RuleSettings(30, false, false, List.of(), 30));
        assertTrue(failure(run(new KmsRotationRule(), u, strict)).contains("the policy allows 30"));
    }

    @Test
    void creationTimesLeftOut_aDisabledNewestVersion_orAVersionlessKey_areNotJudged() {
        VaultKey used = key(V1, "1111", true, NOW.minus(300, ChronoUnit.DAYS), null);
        nothing(run(new KmsRotationRule(), use(legacy(V1, "Public", null), V1, vault(open()),
                key(V2, "2222", true, null, null), used)));
        nothing(run(new KmsRotationRule(), use(legacy(V1, "Public", null), V1, vault(open()),
                key(V2, "2222", false, NOW, null), used)));
        KeyRef versionless = V2.versionless();
        VaultKey k = key(versionless, "2222", true, NOW, null);
        nothing(run(new KmsRotationRule(), use(cluster(new KmsProfile(true, versionless, null, null, "Enabled"), UA),
                versionless, vault(open()), k, k)));
    }

    // identity

    @Test
    void legacyKmsOnASystemAssignedIdentity_isCritical_butKmsDataEncryptionMayUseOne() {
        ManagedIdentity system = new ManagedIdentity("SystemAssigned", PRINCIPAL, "t", Map.of());
        assertTrue(failure(run(new KmsIdentityRule(), cluster(new KmsProfile(true, V2, "Public", null, null), system)))
                .contains("works only with a user-assigned identity"));
        nothing(run(new KmsIdentityRule(), cluster(new KmsProfile(true, V2.versionless(), null, null, "Enabled"), system)));
        nothing(run(new KmsIdentityRule(), legacy(V2, "Public", null)));
    }

    @Test
    void anIdentityTheRecordDoesNotShow_isSaid_butNeitherFailsNorGates() {
        Outcome out = run(new KmsIdentityRule(), cluster(new KmsProfile(true, V2, "Public", null, null), null));
        assertEquals(List.of(), out.failures());
        assertEquals(List.of(), out.missing());
        assertTrue(out.unchecked().get(0).reason().contains("az aks show"), out.unchecked().toString());
    }

    // customer key or not

    @Test
    void platformManagedKms_failsAsPlatformManaged_naming_theCustomerKeyItMovedFrom() {
        ManagedCluster pmk = cluster(new KmsProfile(false, null, null, null, "Enabled").withFormerKey(V2.versionless()), UA);
        String m = failure(run(new NoKmsEtcdRule(), pmk));
        assertTrue(m.contains("platform-managed KMS") && m.contains("used customer key kv-etcd/etcd before"), m);
    }

    @Test
    void kmsOff_whereTheRecordCannotShowTheNewerBlock_stillFails_andSaysWhatItCannotShow() {
        ManagedCluster off = cluster(new KmsProfile(false, null, null, null, null, "read with 2024-10-01"), UA);
        String m = failure(run(new NoKmsEtcdRule(), off));
        assertTrue(m.contains("azureKeyVaultKms is off") && m.contains("cannot show"), m);
    }

    @Test
    void kmsOnWithoutAKeyId_isNotEvaluated() {
        Outcome out = run(new NoKmsEtcdRule(), cluster(new KmsProfile(true, null, null, null, null), UA));
        assertEquals(List.of(), out.failures());
        assertEquals(1, out.missing().size());
    }

    // a key that served KMS before

    @Test
    void aFormerKmsKeyThatIsDisabled_isCritical_andSaysTheSecretsStillNeedIt() {
        ManagedCluster off = cluster(new KmsProfile(false, null, null, null, null).withFormerKey(V2), UA);
        VaultKey disabled = key(V2, "2222", false, NOW, null);
        Outcome out = run(new KeyUnavailableRule(), use(off, V2, vault(open()), disabled, disabled));
        String m = failure(out);
        assertTrue(m.startsWith("Cluster aks-etcd used key etcd") && m.contains("still protects Kubernetes secrets"), m);
        nothing(run(new KmsVaultNetworkRule(), use(off, V2, vault(VaultNetwork.of("Disabled", null, List.of())), disabled, disabled)));
        nothing(run(new KmsRotationRule(), use(off, V2, vault(open()), disabled, disabled)));
    }
}
