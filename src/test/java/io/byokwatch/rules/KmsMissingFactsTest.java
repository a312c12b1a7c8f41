package io.byokwatch.rules;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.app.ClusterEvaluator;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.testsupport.TreeCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The KMS chain never turns a missing fact into a finding: from the KMS estate's two healthy clusters (legacy KMS on a
 * granted user-assigned identity, and KMS data encryption with a versionless key), delete each field of their cluster
 * records, their vault and their keys in turn and judge them again. Only an omission that is itself the documented
 * fact may fail ({@link #OMISSION_IS_THE_FACT}); anything else may leave a check undone, never failed.
 */
class KmsMissingFactsTest {
    private static final Path ESTATE = Path.of("src/test/resources/kms/estate");
    private static final Set<String> HEALTHY = Set.of("aks-kms-ok", "aks-kms-versionless");
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    /**
     * azureKeyVaultKms.enabled defaults to false (AKS spec), so removing it, its block or the security profile turns
     * KMS off; enablePurgeProtection is omitted by ARM until it is on.
     */
    private static final Map<String, String> OMISSION_IS_THE_FACT = Map.of(
            "securityProfile", "aks-no-kms-etcd",
            "azureKeyVaultKms", "aks-no-kms-etcd",
            "enabled@azureKeyVaultKms", "aks-no-kms-etcd",
            "enablePurgeProtection", "vault-no-purge-protection");
    private static final Gson GSON = new Gson();

    @Test
    void deletingAnyFieldOfAHealthyKmsChain_neverYieldsAFinding_beyondTheDocumentedDefaults(@TempDir Path tmp)
            throws IOException {
        Policy policy = new PolicyLoader(RuleCatalog.standard().ids())
                .parse("{\"disabledRules\": [\"aks-no-byok\", \"aks-no-host-encryption\"]}", "p");
        Path base = TreeCopy.copy(ESTATE, tmp.resolve("base"));
        for (String name : HEALTHY) {
            ClusterVerdict v = verdicts(base, policy).get(name);
            assertEquals(ClusterStatus.COMPLIANT, v.status(), v.toString());
        }
        List<String> violations = new ArrayList<>();
        int deletions = 0;
        int excused = 0;
        for (String file : List.of("managed-clusters.json", "kv-kms-open.json", "keys.json", "etcd.versions.az.json")) {
            JsonElement original = JsonParser.parseString(Files.readString(base.resolve(file), StandardCharsets.UTF_8));
            List<List<Object>> paths = new ArrayList<>();
            collect(original, new ArrayList<>(), paths);
            for (List<Object> path : paths) {
                if (!aboutHealthy(original, path)) {
                    continue;
                }
                deletions++;
                JsonElement copy = original.deepCopy();
                delete(copy, path);
                Files.writeString(base.resolve(file), GSON.toJson(copy), StandardCharsets.UTF_8);
                Map<String, ClusterVerdict> after = verdicts(base, policy);
                for (String name : HEALTHY) {
                    ClusterVerdict v = after.get(name);
                    if (v == null) {
                        continue; // the deletion took the cluster's id or type away: nothing is judged, nothing fails
                    }
                    for (Finding f : v.findings()) {
                        if (!allowed(path, f.ruleId())) {
                            violations.add(file + " " + path + " -> " + f.ruleId() + " on " + name + ": " + f.message());
                        } else {
                            excused++;
                        }
                    }
                }
                Files.writeString(base.resolve(file), GSON.toJson(original), StandardCharsets.UTF_8);
            }
        }
        assertTrue(deletions > 100, "the walk reached the fields: " + deletions);
        assertTrue(excused > 0, "the documented omissions did fail: the walk judges what it deletes");
        assertEquals(List.of(), violations, "a deleted field turned into a finding");
    }

    /** Paths inside the clusters, vault and keys of the healthy clusters (keys etcd and etcd-auto, the first two). */
    private static boolean aboutHealthy(JsonElement root, List<Object> path) {
        if (path.size() < 2 || !"value".equals(path.get(0)) || !(path.get(1) instanceof Integer i)) {
            return true; // the vault and the version list belong to the healthy chains as a whole
        }
        JsonObject item = root.getAsJsonObject().getAsJsonArray("value").get(i).getAsJsonObject();
        String name = item.has("name") ? item.get("name").getAsString() : "";
        return HEALTHY.contains(name) || name.equals("etcd") || name.equals("etcd-auto");
    }

    private static Map<String, ClusterVerdict> verdicts(Path estate, Policy policy) {
        SnapshotInventory inventory = SnapshotInventory.load(estate);
        ClusterEvaluator evaluator = new ClusterEvaluator(RuleCatalog.standard());
        Map<String, ClusterVerdict> out = new java.util.TreeMap<>();
        for (ManagedCluster c : inventory.clusters()) {
            out.put(c.name(), evaluator.evaluate(c, inventory, policy, NOW));
        }
        return out;
    }

    private static boolean allowed(List<Object> path, String ruleId) {
        String parent = null;
        for (Object step : path) {
            if (step instanceof String field) {
                if (ruleId.equals(OMISSION_IS_THE_FACT.get(field))
                        || (parent != null && ruleId.equals(OMISSION_IS_THE_FACT.get(field + "@" + parent)))) {
                    return true;
                }
                parent = field;
            }
        }
        return false;
    }

    private static void collect(JsonElement e, List<Object> at, List<List<Object>> out) {
        if (e.isJsonObject()) {
            for (String name : e.getAsJsonObject().keySet()) {
                List<Object> path = new ArrayList<>(at);
                path.add(name);
                out.add(path);
                collect(e.getAsJsonObject().get(name), path, out);
            }
        } else if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                List<Object> path = new ArrayList<>(at);
                path.add(i);
                collect(a.get(i), path, out);
            }
        }
    }

    private static void delete(JsonElement root, List<Object> path) {
        JsonElement e = root;
        for (Object step : path.subList(0, path.size() - 1)) {
            e = step instanceof Integer i ? e.getAsJsonArray().get(i) : e.getAsJsonObject().get((String) step);
        }
        ((JsonObject) e).remove((String) path.get(path.size() - 1));
    }
}
