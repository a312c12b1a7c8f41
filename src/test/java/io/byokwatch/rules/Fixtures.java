package io.byokwatch.rules;

import io.byokwatch.domain.AccessPolicy;
import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RotationPolicy;
import io.byokwatch.domain.Tags;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Lookup;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builders for a healthy chain that each test bends in one place. */
public final class Fixtures {
    public static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    public static final String SUB = "00000000-1111-2222-3333-444444444444";
    public static final String PRINCIPAL = "9f1c1a7e-0000-4000-8000-00000000des1";
    public static final ResourceId CLUSTER_ID = ResourceId.parse("/subscriptions/" + SUB
            + "/resourceGroups/rg-pay/providers/Microsoft.ContainerService/managedClusters/aks-pay");
    public static final ResourceId DES_ID = ResourceId.parse("/subscriptions/" + SUB
            + "/resourceGroups/rg-keys/providers/Microsoft.Compute/diskEncryptionSets/des-pay");
    public static final ResourceId VAULT_ID = ResourceId.parse("/subscriptions/" + SUB
            + "/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-pay");
    public static final KeyRef KEY = KeyRef.parse("https://kv-pay.vault.azure.net/keys/disk-key/0123456789abcdef");

    private Fixtures() {
    }

    public static ManagedCluster cluster() {
        return new ManagedCluster(CLUSTER_ID, "aks-pay", "westeurope", new Tags(Map.of("owner-team", "payments")), DES_ID,
                new KmsProfile(true, KEY.versionless(), "Public", null, null),
                List.of(pool("system", true), pool("user1", true)), "Succeeded");
    }

    public static AgentPool pool(String name, Boolean hostEncryption) {
        return new AgentPool(CLUSTER_ID.child("agentPools", name), name, hostEncryption, "Managed", "System", 3, "Standard_D4s_v5");
    }

    public static DiskEncryptionSet set() {
        return new DiskEncryptionSet(DES_ID, "des-pay", "westeurope", "EncryptionAtRestWithCustomerKey", KEY, VAULT_ID,
                true, NOW.minus(10, ChronoUnit.DAYS), null, null,
                new ManagedIdentity("SystemAssigned", PRINCIPAL, "tenant", Map.of()), null, "Succeeded");
    }

    public static KeyVault vault() {
        return new KeyVault(VAULT_ID, "kv-pay", "kv-pay.vault.azure.net", false, true, true, 90, false,
                List.of(new AccessPolicy("tenant", PRINCIPAL, null, Set.of("Get", "WrapKey", "UnwrapKey"))),
                "premium", "Enabled", "tenant", true,
                io.byokwatch.domain.VaultNetwork.of("Enabled", null, List.of()));
    }

    public static KeyVault rbacVault() {
        KeyVault v = vault();
        return new KeyVault(v.id(), v.name(), v.host(), false, true, true, 90, true, List.of(), "premium", "Enabled", "tenant");
    }

    public static VaultKey key() {
        return new VaultKey(VAULT_ID.child("keys", "disk-key"), KEY.versionless(), "0123456789abcdef", true, null,
                NOW.plus(365, ChronoUnit.DAYS), "RSA-HSM", 3072, "Recoverable+Purgeable",
                new RotationPolicy(List.of(new RotationPolicy.LifetimeAction("Rotate", "P90D", null)), "P1Y"), true, null);
    }

    public static RoleAssignment role(String roleGuid, ResourceId scope) {
        return new RoleAssignment("/ra/1", PRINCIPAL, "ServicePrincipal", roleGuid, null, scope);
    }

    public static OsDiskChain chain(ManagedCluster c, DiskEncryptionSet s, KeyVault v, VaultKey k) {
        return new OsDiskChain(c, Lookup.found(s), Lookup.found(v), Lookup.found(k), null, NOW, RuleSettings.DEFAULTS);
    }

    public static OsDiskChain healthy() {
        return chain(cluster(), set(), vault(), key());
    }

    /** Runs a rule as the evaluator does: a cluster rule once, a key-use rule once per key use. */
    public static Outcome run(Rule rule, OsDiskChain chain) {
        Outcome out = new Outcome();
        if (rule instanceof ClusterRule cr) {
            cr.check(chain.facts(), chain.context(), out);
        } else if (rule instanceof KeyUseRule kr) {
            for (KeyUse use : chain.keyUses()) {
                kr.check(use, chain.context(), out);
            }
        }
        return out;
    }
}
