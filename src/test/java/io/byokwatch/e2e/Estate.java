package io.byokwatch.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.arm.FakeArm;
import io.byokwatch.adapter.arm.Harness;
import io.byokwatch.domain.ResourceId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.byokwatch.adapter.arm.Harness.SUB_A;
import static io.byokwatch.adapter.arm.Harness.SUB_B;
import static io.byokwatch.adapter.arm.Harness.SUB_C;

/**
 * A small estate in the fake ARM that is compliant until a test changes it, covering both ways a set reaches its
 * key (access policies, RBAC) and a central vault shared across subscriptions:
 *
 * <pre>
 *   aks-pay    (A) -> des-pay    (A) -> kv-pay    (A, access policies) / disk
 *   aks-rbac   (B) -> des-rbac   (B) -> kv-rbac   (B, RBAC)            / disk
 *   aks-s1, s2 (A) -> des-shr-1  (A) -+
 *   aks-s3     (B) -> des-shr-2  (B) -+-> kv-shared (C, access policies) / disk
 * </pre>
 *
 * Subscriptions A and B are watched; C holds only keys. The vault of the access-policy chain and its key are the
 * documented ARM samples from the corpus with their ids changed; the rest are built as ARM returns them.
 */
public final class Estate {
    static final ResourceId KV_PAY = Harness.vaultId(SUB_A, "kv-pay");
    static final ResourceId DES_PAY = Harness.setId(SUB_A, "des-pay");
    static final ResourceId AKS_PAY = Harness.clusterId(SUB_A, "aks-pay");
    static final String DES_PAY_PRINCIPAL = "aaaaaaaa-0000-4000-8000-000000000001";

    static final ResourceId KV_RBAC = Harness.vaultId(SUB_B, "kv-rbac");
    static final ResourceId DES_RBAC = Harness.setId(SUB_B, "des-rbac");
    static final ResourceId AKS_RBAC = Harness.clusterId(SUB_B, "aks-rbac");
    static final String DES_RBAC_PRINCIPAL = "aaaaaaaa-0000-4000-8000-000000000002";
    static final ResourceId RBAC_GRANT = ResourceId.parse(KV_RBAC
            + "/providers/Microsoft.Authorization/roleAssignments/bbbbbbbb-0000-4000-8000-000000000002");

    static final ResourceId KV_SHARED = Harness.vaultId(SUB_C, "kv-shared");
    /** The vault of every cluster's KMS key: now that KMS keys are judged, it has to exist for clusters to pass. */
    static final ResourceId KV_ETCD = Harness.vaultId(SUB_A, "kv-etcd");
    static final ResourceId DES_SHARED_1 = Harness.setId(SUB_A, "des-shr-1");
    static final ResourceId DES_SHARED_2 = Harness.setId(SUB_B, "des-shr-2");
    static final ResourceId AKS_S1 = Harness.clusterId(SUB_A, "aks-s1");
    static final ResourceId AKS_S2 = Harness.clusterId(SUB_A, "aks-s2");
    static final ResourceId AKS_S3 = Harness.clusterId(SUB_B, "aks-s3");
    static final String SHARED_1_PRINCIPAL = "aaaaaaaa-0000-4000-8000-000000000003";
    static final String SHARED_2_PRINCIPAL = "aaaaaaaa-0000-4000-8000-000000000004";

    static final List<ResourceId> CLUSTERS = List.of(AKS_PAY, AKS_RBAC, AKS_S1, AKS_S2, AKS_S3);
    public static final String KEY = "disk";

    private final FakeArm arm;

    Estate(FakeArm arm) {
        this.arm = arm;
    }

    /** Puts every resource of the picture above into the fake. */
    Estate build() {
        arm.put(policyVault(KV_PAY, DES_PAY_PRINCIPAL));
        arm.put(corpusKey(KV_PAY, KEY));
        arm.put(set(DES_PAY, KV_PAY, DES_PAY_PRINCIPAL));
        arm.put(cluster(AKS_PAY, DES_PAY));

        arm.put(Harness.vault(KV_RBAC, true));
        arm.put(Harness.key(KV_RBAC, KEY));
        arm.put(set(DES_RBAC, KV_RBAC, DES_RBAC_PRINCIPAL));
        arm.roleAssignment(Harness.roleAssignment(KV_RBAC, RBAC_GRANT.name(), DES_RBAC_PRINCIPAL));
        arm.put(cluster(AKS_RBAC, DES_RBAC));

        arm.put(policyVault(KV_SHARED, SHARED_1_PRINCIPAL, SHARED_2_PRINCIPAL));
        arm.put(corpusKey(KV_SHARED, KEY));
        arm.put(set(DES_SHARED_1, KV_SHARED, SHARED_1_PRINCIPAL));
        arm.put(set(DES_SHARED_2, KV_SHARED, SHARED_2_PRINCIPAL));
        arm.put(cluster(AKS_S1, DES_SHARED_1));
        arm.put(cluster(AKS_S2, DES_SHARED_1));
        arm.put(cluster(AKS_S3, DES_SHARED_2));

        arm.put(Harness.vault(KV_ETCD, false));
        arm.put(Harness.key(KV_ETCD, "etcd"));
        return this;
    }

    /** A cluster that passes every rule: a set, encryption at host on its pool and KMS with a key of its own vault. */
    public static JsonObject cluster(ResourceId id, ResourceId set) {
        return Harness.kms(Harness.cluster(id, set), "https://kv-etcd.vault.azure.net/keys/etcd/0123456789abcdef0123456789abcdef");
    }

    public static JsonObject set(ResourceId id, ResourceId vault, String principal) {
        JsonObject body = Harness.set(id, "https://" + vault.name() + ".vault.azure.net/keys/" + KEY
                + "/0123456789abcdef0123456789abcdef", vault, null);
        body.getAsJsonObject("identity").addProperty("principalId", principal);
        return body;
    }

    /** The documented access-policy vault sample, renamed, with purge protection and one key policy per principal. */
    public static JsonObject policyVault(ResourceId id, String... principals) {
        JsonObject body = corpus("kv_vault_get_accesspolicies_2026-02-01.json");
        body.addProperty("id", id.toString());
        body.addProperty("name", id.name());
        JsonObject properties = body.getAsJsonObject("properties");
        properties.addProperty("vaultUri", "https://" + id.name() + ".vault.azure.net");
        properties.addProperty("enableSoftDelete", true);
        properties.addProperty("enablePurgeProtection", true);
        properties.addProperty("enableRbacAuthorization", false);
        JsonObject template = properties.getAsJsonArray("accessPolicies").get(0).getAsJsonObject();
        JsonArray policies = new JsonArray();
        for (String principal : principals) {
            JsonObject p = template.deepCopy();
            p.addProperty("objectId", principal);
            policies.add(p);
        }
        properties.add("accessPolicies", policies);
        return body;
    }

    /** The documented management-plane key sample, moved under the vault. */
    public static JsonObject corpusKey(ResourceId vault, String name) {
        JsonObject body = corpus("kv_key_get_mgmtplane_2026-02-01.json");
        String uri = "https://" + vault.name() + ".vault.azure.net:443/keys/" + name;
        body.addProperty("id", vault.child("keys", name).toString());
        body.addProperty("name", name);
        JsonObject properties = body.getAsJsonObject("properties");
        properties.addProperty("keyUri", uri);
        properties.addProperty("keyUriWithVersion", uri + "/0123456789abcdef0123456789abcdef");
        return body;
    }

    /** The stored body of a resource, to change and put back. */
    JsonObject body(ResourceId id) {
        JsonObject found = arm.stored(id);
        if (found == null) {
            throw new IllegalStateException("the fake holds no " + id);
        }
        return found.deepCopy();
    }

    void keyExpires(ResourceId vault, Instant at) {
        JsonObject key = body(vault.child("keys", KEY));
        key.getAsJsonObject("properties").getAsJsonObject("attributes").addProperty("exp", at.getEpochSecond());
        arm.put(key);
    }

    /** Leaves in the vault's access policies only the given principals. */
    void accessPoliciesOnlyFor(ResourceId vault, String... principals) {
        JsonObject updated = body(vault);
        updated.getAsJsonObject("properties").add("accessPolicies",
                policyVault(vault, principals).getAsJsonObject("properties").getAsJsonArray("accessPolicies"));
        arm.put(updated);
    }

    public static JsonObject corpus(String file) {
        try {
            return JsonParser.parseString(Files.readString(Path.of("src/test/resources/corpus", file))).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
