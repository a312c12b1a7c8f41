package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.app.ClusterEvaluator;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.rules.RuleCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Partial records, overlapping exports and outputs that name no key, on the README recipe's estate
 * ({@code src/test/resources/recipe/estate}, see ReadmeRecipeScanTest) and real output shapes in
 * {@code recipe/variants}: {@code az keyvault list} without {@code -g} (azure-cli list_vault calls Vaults.list, ARM's
 * generic resources listing; the same id/name/type/location/tags shape cloud-custodian#6420 recorded),
 * {@code az keyvault key list} (versionless kid, no key material), {@code az keyvault key show},
 * {@code az keyvault key list-versions}, and the default rotation policy the service returns for a key without one
 * (no id; documented in Get-AzKeyVaultKeyRotationPolicy's example as Id empty, Notify P30D).
 */
class SnapshotCompletenessTest {
    private static final Path RECIPE = Path.of("src/test/resources/recipe/estate");
    private static final Path VARIANTS = Path.of("src/test/resources/recipe/variants");
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final String PAY = "aks-pay";

    @TempDir
    Path estate;

    private void copyRecipe() throws IOException {
        try (Stream<Path> files = Files.list(RECIPE)) {
            for (Path f : files.toList()) {
                Files.copy(f, estate.resolve(f.getFileName()));
            }
        }
    }

    private void variant(String name, String as) throws IOException {
        Files.copy(VARIANTS.resolve(name), estate.resolve(as));
    }

    private void edit(String file, Consumer<JsonElement> change) throws IOException {
        Path p = estate.resolve(file);
        JsonElement json = JsonParser.parseString(Files.readString(p, StandardCharsets.UTF_8));
        change.accept(json);
        Files.writeString(p, json.toString(), StandardCharsets.UTF_8);
    }

    private ClusterVerdict verdict(String cluster, Policy policy) {
        SnapshotInventory inv = SnapshotInventory.load(estate);
        ManagedCluster c = inv.clusters().stream().filter(x -> x.name().equals(cluster)).findFirst().orElseThrow();
        return new ClusterEvaluator(RuleCatalog.standard()).evaluate(c, inv, policy, NOW);
    }

    private static List<String> rules(ClusterVerdict v) {
        return v.findings().stream().map(Finding::ruleId).toList();
    }

    /**
     * The recipe's vault, as an access-policy vault that grants the set and aks-pay's KMS identity their key: what the
     * summary must not deny.
     */
    private void accessPolicyVault() throws IOException {
        edit("vaults.graph.json", j -> {
            JsonObject props = j.getAsJsonObject().getAsJsonArray("data").get(0).getAsJsonObject().getAsJsonObject("properties");
            props.addProperty("enableRbacAuthorization", false);
            props.add("accessPolicies", JsonParser.parseString("[{\"tenantId\": \"7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\","
                    + " \"objectId\": \"3f2e1d0c-9b8a-4765-8432-10fedcba9876\", \"permissions\": {\"keys\": [\"Get\", \"WrapKey\","
                    + " \"UnwrapKey\"]}}, {\"tenantId\": \"7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\", \"objectId\":"
                    + " \"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e\", \"permissions\": {\"keys\": [\"Encrypt\", \"Decrypt\"]}}]"));
        });
    }

    @Test
    void vaultSeenOnlyInAzKeyvaultListWithoutGroup_isNotReadAsNoPoliciesAndNoPurgeProtection() throws IOException {
        copyRecipe();
        Files.delete(estate.resolve("vaults.graph.json"));
        variant("keyvault-list.summary.json", "vaults.json");
        ClusterVerdict v = verdict(PAY, Policy.DEFAULT);
        assertEquals(List.of(), rules(v), "before: des-no-key-access and vault-no-purge-protection on a healthy vault");
        assertEquals(ClusterStatus.UNKNOWN, v.status());
        assertTrue(v.notEvaluated().stream().anyMatch(n -> n.reason().contains("only as a summary")
                && n.reason().contains("az keyvault show --name kv-pay")), v.notEvaluated().toString());
    }

    @Test
    void summaryInAFileThatSortsLater_doesNotReplaceTheFullRecord() throws IOException {
        copyRecipe();
        accessPolicyVault();
        variant("keyvault-list.summary.json", "zz-vaults.json");
        ClusterVerdict v = verdict(PAY, Policy.DEFAULT);
        assertEquals(ClusterStatus.COMPLIANT, v.status(), v.toString());
    }

    @Test
    void clusterSeenOnlyAsASummary_isUnknown_notAClusterWithoutByok() throws IOException {
        Files.writeString(estate.resolve("resources.json"), "[{\"id\": \"/subscriptions/5d2f8a1c-3b4e-4f6a-8c9d-0e1f2a3b4c5d"
                + "/resourceGroups/rg-pay/providers/Microsoft.ContainerService/managedClusters/aks-pay\", \"location\": \"westeurope\","
                + " \"name\": \"aks-pay\", \"resourceGroup\": \"rg-pay\", \"tags\": {\"owner-team\": \"payments\"},"
                + " \"type\": \"Microsoft.ContainerService/managedClusters\"}]");
        ClusterVerdict v = verdict(PAY, Policy.DEFAULT);
        assertEquals(ClusterStatus.UNKNOWN, v.status());
        assertEquals(List.of(), rules(v));
        assertTrue(v.notEvaluated().get(0).reason().contains("`az aks show -g rg-pay -n aks-pay`"), v.notEvaluated().toString());
    }

    @Test
    void twoFullVaultRecordsThatDisagree_theNewerWins_andANoteSaysSo() throws IOException {
        copyRecipe();
        edit("vaults.graph.json", j -> j.getAsJsonObject().getAsJsonArray("data").get(0).getAsJsonObject()
                .add("systemData", JsonParser.parseString("{\"lastModifiedAt\": \"2026-11-30T09:00:00Z\"}")));
        Files.writeString(estate.resolve("zz-old-vault.json"), oldVaultWithoutPurgeProtection());
        SnapshotInventory inv = SnapshotInventory.load(estate);
        assertTrue(inv.vaultByHost("kv-pay.vault.azure.net").orNull().purgeProtected(), "the newer record is used");
        assertTrue(inv.notes().stream().anyMatch(n -> n.contains("key vault kv-pay") && n.contains("changed later")), inv.notes().toString());
    }

    private String oldVaultWithoutPurgeProtection() throws IOException {
        JsonObject vault = JsonParser.parseString(Files.readString(RECIPE.resolve("vaults.graph.json"))).getAsJsonObject()
                .getAsJsonArray("data").get(0).getAsJsonObject().deepCopy();
        vault.getAsJsonObject("properties").remove("enablePurgeProtection");
        vault.add("systemData", JsonParser.parseString("{\"lastModifiedAt\": \"2026-03-01T09:00:00Z\"}"));
        return vault.toString();
    }

    @Test
    void keyListItemInALaterFile_doesNotEraseTheKeyTypeAKeyShowReported() throws IOException {
        copyRecipe();
        Files.delete(estate.resolve("key.kv-pay.disk-key.json"));
        variant("keyvault-key-show.json", "a-key-show.json");
        variant("keyvault-key-list.json", "zz-key-list.json");
        // the set follows the key's current version, which the key show describes
        edit("disk-encryption-sets.json", j -> j.getAsJsonArray().get(0).getAsJsonObject().getAsJsonObject("activeKey")
                .addProperty("keyUrl", "https://kv-pay.vault.azure.net/keys/disk-key/9e8d7c6b5a4f4e3d9c2b1a0f9e8d7c6b"));
        Policy hsm = new PolicyLoader(RuleCatalog.standard().ids()).parse("{\"requireHsm\": true}", "p");
        ClusterVerdict v = verdict(PAY, hsm);
        assertTrue(rules(v).contains("key-not-hsm"), v.toString());
        SnapshotInventory inv = SnapshotInventory.load(estate);
        assertEquals("RSA", inv.key(KeyRef.parse("https://kv-pay.vault.azure.net/keys/disk-key")).orNull().keyType());
    }

    @Test
    void defaultRotationPolicyWithoutId_isRead_andStatesThatNothingRotates() throws IOException {
        copyRecipe();
        Files.delete(estate.resolve("key.kv-pay.disk-key.json"));
        variant("keyvault-key-show.json", "key-show.json");
        edit("disk-encryption-sets.json", j -> j.getAsJsonArray().get(0).getAsJsonObject().getAsJsonObject("activeKey")
                .addProperty("keyUrl", "https://kv-pay.vault.azure.net/keys/disk-key/9e8d7c6b5a4f4e3d9c2b1a0f9e8d7c6b"));
        ClusterVerdict before = verdict(PAY, Policy.DEFAULT);
        assertTrue(before.notEvaluated().stream().anyMatch(n -> n.ruleId().equals("key-no-rotation")
                && n.reason().contains("kv-pay.disk-key.rotation-policy.json")), before.notEvaluated().toString());
        variant("kv-pay.disk-key.rotation-policy.json", "kv-pay.disk-key.rotation-policy.json");
        ClusterVerdict after = verdict(PAY, Policy.DEFAULT);
        assertTrue(rules(after).contains("key-no-rotation"), after.toString());
        assertTrue(SnapshotInventory.load(estate).snapshot().problems().isEmpty());
    }

    @Test
    void defaultRotationPolicyUnderAnotherName_isAProblemThatSaysHowToNameIt() throws IOException {
        variant("kv-pay.disk-key.rotation-policy.json", "policy.json");
        Snapshot s = SnapshotLoader.load(estate);
        assertEquals(1, s.problems().size());
        assertTrue(s.problems().get(0).message().contains("<vault>.<key>.rotation-policy.json"), s.problems().toString());
    }

    @Test
    void listVersionsOutput_answersForThePinnedVersion() throws IOException {
        copyRecipe();
        Files.delete(estate.resolve("key-versions.kv-pay.disk-key.json"));
        variant("keyvault-key-list-versions.json", "versions.json");
        ClusterVerdict v = verdict(PAY, Policy.DEFAULT);
        assertEquals(List.of("des-key-unavailable"), rules(v), "the pinned version is disabled in the list");
        SnapshotInventory inv = SnapshotInventory.load(estate);
        assertEquals(2, inv.keyVersions(KeyRef.parse("https://kv-pay.vault.azure.net/keys/disk-key")).orNull().size());
    }

    @Test
    void setWhoseVaultIsInAnotherSubscription_andNotExported_isUnknown_neverAGoneVault() throws IOException {
        // the Compute spec forbids activeKey.sourceVault across subscriptions, so des-card names only the key URL
        copyRecipe();
        edit("vaults.graph.json", j -> j.getAsJsonObject().getAsJsonArray("data").remove(1));
        ClusterVerdict v = verdict("aks-card", Policy.DEFAULT);
        assertEquals(List.of(), rules(v), "before: des-key-unavailable, 'that vault no longer exists'");
        assertEquals(ClusterStatus.UNKNOWN, v.status());
        assertTrue(v.notEvaluated().stream().anyMatch(n -> n.reason().contains("az keyvault show --hsm-name hsm-card")),
                v.notEvaluated().toString());
    }
}
