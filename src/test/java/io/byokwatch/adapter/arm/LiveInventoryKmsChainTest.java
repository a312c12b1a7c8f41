package io.byokwatch.adapter.arm;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.app.ClusterEvaluator;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.rules.RuleCatalog;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.byokwatch.adapter.arm.Harness.SUB_A;
import static io.byokwatch.adapter.arm.Harness.clusterId;
import static io.byokwatch.adapter.arm.Harness.vaultId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The KMS chain judged from the live inventory, against the fake ARM serving ARM bodies: the cluster read with
 * 2026-07-01, its vault (access policies, public network access, private endpoint connections) and its key. Disk rules
 * are disabled: these clusters have no disk encryption set.
 */
class LiveInventoryKmsChainTest extends OnFakeArm {
    private static final String PRINCIPAL = "d00dfeed-7777-4888-9999-aaaabbbbcccc";
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private static JsonObject legacyCluster(ResourceId id, String keyId, String access, ResourceId vault) {
        JsonObject cluster = Harness.kms(Harness.cluster(id, null), keyId);
        JsonObject kms = cluster.getAsJsonObject("properties").getAsJsonObject("securityProfile")
                .getAsJsonObject("azureKeyVaultKms");
        kms.addProperty("keyVaultNetworkAccess", access);
        if (vault != null) {
            kms.addProperty("keyVaultResourceId", vault.toString());
        }
        cluster.add("identity", JsonParser.parseString("{\"type\": \"UserAssigned\", \"userAssignedIdentities\": {\"/subscriptions/"
                + SUB_A + "/resourceGroups/rg-keys/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-etcd\":"
                + " {\"clientId\": \"c0ffee00-1111-4222-8333-444455556666\", \"principalId\": \"" + PRINCIPAL + "\"}}}"));
        return cluster;
    }

    /** An access-policy vault granting the identity encrypt and decrypt, with this network setting. */
    private static JsonObject vault(ResourceId id, String publicNetworkAccess) {
        JsonObject vault = Harness.vault(id, false);
        JsonObject props = vault.getAsJsonObject("properties");
        props.add("accessPolicies", JsonParser.parseString("[{\"tenantId\": \"44444444-4444-4444-4444-444444444444\","
                + " \"objectId\": \"" + PRINCIPAL + "\", \"permissions\": {\"keys\": [\"encrypt\", \"decrypt\"]}}]"));
        props.addProperty("publicNetworkAccess", publicNetworkAccess);
        props.add("privateEndpointConnections", new JsonArray());
        return vault;
    }

    private List<Finding> kmsFindings(ResourceId cluster) {
        Policy policy = new PolicyLoader(RuleCatalog.standard().ids())
                .parse("{\"disabledRules\": [\"aks-no-byok\", \"aks-no-host-encryption\"]}", "p");
        LiveInventory inventory = h.inventory();
        ClusterVerdict v = new ClusterEvaluator(RuleCatalog.standard())
                .evaluate(inventory.cluster(cluster).orNull(), inventory, policy, NOW);
        return v.findings();
    }

    @Test
    void aPrivateKmsVaultWithoutAnEndpointConnection_isUnreachable() {
        ResourceId vault = vaultId(SUB_A, "kv-etcd-priv");
        ResourceId cluster = clusterId(SUB_A, "aks-etcd-priv");
        fake.put(vault(vault, "Disabled"));
        fake.put(Harness.key(vault, "etcd"));
        fake.put(legacyCluster(cluster, "https://kv-etcd-priv.vault.azure.net/keys/etcd/0123456789abcdef0123456789abcdef",
                "Private", vault));
        List<Finding> findings = kmsFindings(cluster);
        assertEquals(List.of("kms-vault-unreachable"), findings.stream().map(Finding::ruleId).toList(), findings.toString());
        assertTrue(findings.get(0).message().contains("no approved private endpoint connection"), findings.get(0).message());
    }

    @Test
    void publicKmsOnAVaultWithPublicAccessDisabled_isUnreachable_andAnOpenOneHolds() {
        ResourceId closed = vaultId(SUB_A, "kv-etcd-closed");
        ResourceId open = vaultId(SUB_A, "kv-etcd-open");
        ResourceId a = clusterId(SUB_A, "aks-etcd-closed");
        ResourceId b = clusterId(SUB_A, "aks-etcd-open");
        fake.put(vault(closed, "Disabled"));
        fake.put(Harness.key(closed, "etcd"));
        fake.put(vault(open, "Enabled"));
        fake.put(Harness.key(open, "etcd"));
        fake.put(legacyCluster(a, "https://kv-etcd-closed.vault.azure.net/keys/etcd/0123456789abcdef0123456789abcdef",
                "Public", null));
        fake.put(legacyCluster(b, "https://kv-etcd-open.vault.azure.net/keys/etcd/0123456789abcdef0123456789abcdef",
                "Public", null));
        assertEquals(List.of("kms-vault-unreachable"), kmsFindings(a).stream().map(Finding::ruleId).toList());
        assertEquals(List.of(), kmsFindings(b));
    }

    @Test
    void aDisabledKmsKey_readLive_isCritical() {
        ResourceId vault = vaultId(SUB_A, "kv-etcd-off");
        ResourceId cluster = clusterId(SUB_A, "aks-etcd-off");
        fake.put(vault(vault, "Enabled"));
        JsonObject key = Harness.key(vault, "etcd");
        key.getAsJsonObject("properties").getAsJsonObject("attributes").addProperty("enabled", false);
        fake.put(key);
        fake.put(legacyCluster(cluster, "https://kv-etcd-off.vault.azure.net/keys/etcd/0123456789abcdef0123456789abcdef",
                "Public", null));
        List<Finding> findings = kmsFindings(cluster);
        assertEquals(List.of("des-key-unavailable"), findings.stream().map(Finding::ruleId).toList(), findings.toString());
        assertTrue(findings.get(0).message().contains("is disabled"), findings.get(0).message());
    }
}
