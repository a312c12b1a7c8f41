package io.byokwatch.bench;

import com.google.gson.JsonObject;
import io.byokwatch.adapter.arm.FakeArm;
import io.byokwatch.adapter.arm.Harness;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.e2e.Estate;

import java.util.ArrayList;
import java.util.List;

/**
 * A generated estate in the fake ARM, compliant as built: clusters alternate between the two watched subscriptions,
 * cluster i uses set i mod sets, set j keeps its key in central vault j mod vaults (an unwatched subscription), and
 * each vault's access policies grant its sets' identities.
 */
final class BenchEstate {
    final List<ResourceId> clusters = new ArrayList<>();
    final List<ResourceId> sets = new ArrayList<>();
    final List<ResourceId> vaults = new ArrayList<>();
    private final FakeArm arm;

    BenchEstate(FakeArm arm, int clusterCount, int setCount, int vaultCount) {
        this.arm = arm;
        for (int v = 0; v < vaultCount; v++) {
            vaults.add(Harness.vaultId(Harness.SUB_C, String.format("kv-bench-%03d", v)));
        }
        List<List<String>> principals = new ArrayList<>();
        vaults.forEach(v -> principals.add(new ArrayList<>()));
        for (int s = 0; s < setCount; s++) {
            ResourceId set = Harness.setId(s % 2 == 0 ? Harness.SUB_A : Harness.SUB_B, String.format("des-%04d", s));
            String principal = String.format("00000000-0000-4000-8000-%012d", s);
            ResourceId vault = vaults.get(s % vaultCount);
            sets.add(set);
            principals.get(s % vaultCount).add(principal);
            arm.put(Estate.set(set, vault, principal));
        }
        for (int v = 0; v < vaultCount; v++) {
            arm.put(Estate.policyVault(vaults.get(v), principals.get(v).toArray(String[]::new)));
            arm.put(Estate.corpusKey(vaults.get(v), Estate.KEY));
        }
        for (int c = 0; c < clusterCount; c++) {
            ResourceId cluster = Harness.clusterId(c % 2 == 0 ? Harness.SUB_A : Harness.SUB_B,
                    String.format("aks-%05d", c));
            clusters.add(cluster);
            arm.put(Estate.cluster(cluster, sets.get(c % setCount)));
        }
    }

    /** Creates a PV disk on the platform key in the cluster's node resource group, as the CSI driver does; its id. */
    ResourceId pvDisk(ResourceId cluster, String name, String claim) {
        ResourceId nodes = Harness.groupId(cluster.subscriptionId(), Harness.nodeResourceGroup(cluster));
        JsonObject disk = arm.put(Harness.disk(nodes, name, null, null, claim));
        return ResourceId.parse(disk.get("id").getAsString());
    }

    /** Turns KMS off (or back on) on one cluster, so its next evaluation changes its verdict. */
    void kms(ResourceId cluster, boolean on) {
        JsonObject body = arm.stored(cluster).deepCopy();
        if (on) {
            body = Estate.cluster(cluster, ResourceId.parse(body.getAsJsonObject("properties")
                    .get("diskEncryptionSetID").getAsString()));
        } else {
            body.getAsJsonObject("properties").remove("securityProfile");
        }
        arm.put(body);
    }

    /** Adds or clears an automatic key rotation error on a set. */
    void rotationError(ResourceId set, boolean failing) {
        JsonObject body = arm.stored(set).deepCopy();
        if (failing) {
            body.getAsJsonObject("properties").add("autoKeyRotationError", Estate.corpus(
                    "des_get_autokeyrotationerror_2025-01-02.json").getAsJsonObject("properties")
                    .get("autoKeyRotationError"));
        } else {
            body.getAsJsonObject("properties").remove("autoKeyRotationError");
        }
        arm.put(body);
    }

    /** Sets the key's expiry (epoch seconds), or removes it. */
    void keyExpiry(ResourceId vault, Long epochSeconds) {
        JsonObject body = arm.stored(vault.child("keys", Estate.KEY)).deepCopy();
        JsonObject attributes = body.getAsJsonObject("properties").getAsJsonObject("attributes");
        if (epochSeconds == null) {
            attributes.remove("exp");
        } else {
            attributes.addProperty("exp", epochSeconds);
        }
        arm.put(body);
    }

    boolean rbacOn(ResourceId vault) {
        JsonObject p = arm.stored(vault).getAsJsonObject("properties");
        return p.has("enableRbacAuthorization") && p.get("enableRbacAuthorization").getAsBoolean();
    }

    /** Switches a vault between access policies and RBAC; the sets' identities have no role, so RBAC locks them out. */
    void rbac(ResourceId vault, boolean on) {
        JsonObject body = arm.stored(vault).deepCopy();
        body.getAsJsonObject("properties").addProperty("enableRbacAuthorization", on);
        arm.put(body);
    }
}
