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
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyLoader;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Property over the whole rule catalog: starting from a healthy estate in the README recipe's file shapes (every
 * cluster compliant, with requireHsm so that every rule runs), delete each JSON field of each file in turn and scan.
 * A missing fact may make a cluster unknown, never produce a finding, except where ARM's omission is itself the
 * documented fact ({@link #OMISSION_IS_THE_FACT}).
 */
class MissingFactsNeverFailTest {
    private static final Path HEALTHY = Path.of("src/test/resources/recipe/estate");
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    /**
     * Fields whose absence from a full body is the fact the rule judges, with the one rule it may fail and the source.
     * enablePurgeProtection: ARM omits it until it is switched on (real wire capture, azure-formats.md §3).
     * enableEncryptionAtHost: "Missing means false" (AKS spec, azure-formats.md §1). diskEncryptionSetId/ID: "Absent =
     * platform keys for OS disks" (§1). azureKeyVaultKms enabled: "default false" (§1), so removing it, its parent or
     * the security profile leaves KMS off. identity (of a disk encryption set): a set without one has type None,
     * which "cuts the DES off from its key" (§2). rotationPolicy of an ARM key GET: "Omitted if empty" (KeyVault spec),
     * so no policy rotates the key a pinned set uses. enableRbacAuthorization: the KeyVault spec's default is false, so a
     * vault body without it decides access by its access policies, and one without a policy for the set denies it.
     * encryption (of a full disk or snapshot record): "the CSI driver sends no encryption block when the StorageClass
     * names no set, so Azure applies the platform key" (byok-facts.md §1.1), so a full record without one is on it.
     */
    static final Map<String, String> OMISSION_IS_THE_FACT = Map.ofEntries(
            Map.entry("enablePurgeProtection", "vault-no-purge-protection"),
            Map.entry("enableEncryptionAtHost", "aks-no-host-encryption"),
            Map.entry("diskEncryptionSetId", "aks-no-byok"),
            Map.entry("securityProfile", "aks-no-kms-etcd"),
            Map.entry("azureKeyVaultKms", "aks-no-kms-etcd"),
            Map.entry("enabled@azureKeyVaultKms", "aks-no-kms-etcd"),
            Map.entry("identity@disk-encryption-sets.json", "des-no-key-access"),
            Map.entry("rotationPolicy", "key-no-rotation"),
            Map.entry("lifetimeActions@rotationPolicy", "key-no-rotation"),
            Map.entry("enableRbacAuthorization", "des-no-key-access"),
            Map.entry("encryption@pv-disks.json", "pv-disk-platform-key"),
            Map.entry("encryption@pv-snapshots.json", "pv-disk-platform-key"));

    private static final Gson GSON = new Gson();

    @Test
    void deletingAnyFieldOfAHealthyEstate_neverYieldsAFinding_onlyUnknownOrTheDocumentedDefault(@TempDir Path tmp)
            throws IOException {
        walk(HEALTHY, tmp);
    }

    @Test
    void theSameWithAnAccessPolicyVault(@TempDir Path tmp) throws IOException {
        Path estate = Files.createDirectories(tmp.resolve("access-policies"));
        try (Stream<Path> s = Files.list(HEALTHY)) {
            for (Path f : s.toList()) {
                Files.copy(f, estate.resolve(f.getFileName()));
            }
        }
        JsonObject vaults = JsonParser.parseString(Files.readString(estate.resolve("vaults.graph.json"))).getAsJsonObject();
        JsonObject props = vaults.getAsJsonArray("data").get(0).getAsJsonObject().getAsJsonObject("properties");
        props.addProperty("enableRbacAuthorization", false);
        props.add("accessPolicies", JsonParser.parseString("[{\"tenantId\": \"7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\","
                + " \"objectId\": \"3f2e1d0c-9b8a-4765-8432-10fedcba9876\", \"permissions\": {\"keys\": [\"Get\", \"WrapKey\","
                + " \"UnwrapKey\"], \"secrets\": [], \"certificates\": []}}, {\"tenantId\": \"7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\","
                + " \"objectId\": \"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e\", \"permissions\": {\"keys\": [\"Encrypt\","
                + " \"Decrypt\"], \"secrets\": [], \"certificates\": []}}]"));
        // the disk encryption set's identity and aks-card's KMS identity, each with what it needs
        Files.writeString(estate.resolve("vaults.graph.json"), vaults.toString());
        Files.delete(estate.resolve("role-assignments.json"));
        Files.delete(estate.resolve("role-definitions.json"));
        walk(estate, tmp.resolve("walk"));
    }

    /**
     * With the cluster's persistent volumes exported too: a PV disk and a VolumeSnapshot snapshot of aks-pay on its
     * set, in the {@code az disk show} and {@code az snapshot show} shapes of {@code snapshot/disks/}. Deleting a
     * disk's whole {@code encryption} block from a full record leaves Azure's default, the platform key.
     */
    @Test
    void theSameWithPersistentVolumes(@TempDir Path tmp) throws IOException {
        Path estate = Files.createDirectories(tmp.resolve("volumes"));
        try (Stream<Path> s = Files.list(HEALTHY)) {
            for (Path f : s.toList()) {
                Files.copy(f, estate.resolve(f.getFileName()));
            }
        }
        String fromSub = "7d1c0f52-3b8e-4c6a-9f10-2b5e8a4d6c31";
        String sub = "5d2f8a1c-3b4e-4f6a-8c9d-0e1f2a3b4c5d";
        String set = "/subscriptions/" + sub + "/resourceGroups/rg-keys/providers/Microsoft.Compute/diskEncryptionSets/des-pay";
        String disk = Files.readString(Path.of("src/test/resources/snapshot/disks/az_disk_show_csi_attached_zrs.json"))
                .replace(fromSub, sub).replaceAll("(?i)mc_horusrg_horusaks_westeurope", "MC_rg-pay_aks-pay_westeurope")
                .replace("\"type\": \"EncryptionAtRestWithPlatformKey\"", "\"type\": \"EncryptionAtRestWithCustomerKey\","
                        + " \"diskEncryptionSetId\": \"" + set + "\"");
        String snapshot = Files.readString(Path.of("src/test/resources/snapshot/disks/az_snapshot_show_csi_volumesnapshot.json"))
                .replace(fromSub, sub).replaceAll("(?i)mc_horusrg_horusaks_westeurope", "MC_rg-pay_aks-pay_westeurope")
                .replace("\"diskEncryptionSetId\": null", "\"diskEncryptionSetId\": \"" + set + "\"")
                .replace("EncryptionAtRestWithPlatformKey", "EncryptionAtRestWithCustomerKey");
        Files.writeString(estate.resolve("pv-disks.json"), "[" + disk + "]");
        Files.writeString(estate.resolve("pv-snapshots.json"), "[" + snapshot + "]");
        walk(estate, tmp.resolve("walk"));
    }

    private void walk(Path healthy, Path tmp) throws IOException {
        Files.createDirectories(tmp);
        Policy policy = new PolicyLoader(RuleCatalog.standard().ids()).parse("{\"requireHsm\": true}", "p");
        Map<String, ClusterVerdict> baseline = scan(healthy, policy);
        baseline.values().forEach(v -> assertEquals(ClusterStatus.COMPLIANT, v.status(), v.toString()));

        List<Path> files;
        try (Stream<Path> s = Files.list(healthy)) {
            files = s.sorted().toList();
        }
        int deletions = 0;
        List<String> violations = new ArrayList<>();
        Set<String> statusesSeen = new TreeSet<>();
        for (Path file : files) {
            JsonElement original = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            List<List<Object>> paths = new ArrayList<>();
            collect(original, new ArrayList<>(), paths);
            for (List<Object> path : paths) {
                deletions++;
                Path estate = Files.createDirectories(tmp.resolve("d" + deletions));
                for (Path f : files) {
                    if (!f.equals(file)) {
                        Files.copy(f, estate.resolve(f.getFileName()));
                    }
                }
                JsonElement copy = original.deepCopy();
                delete(copy, path);
                Files.writeString(estate.resolve(file.getFileName()), GSON.toJson(copy), StandardCharsets.UTF_8);
                Map<String, ClusterVerdict> after = scan(estate, policy);
                for (ClusterVerdict v : after.values()) {
                    statusesSeen.add(v.status().label());
                    for (var f : v.findings()) {
                        if (!allowed(file, path, f.ruleId())) {
                            violations.add(file.getFileName() + " " + describe(path) + " -> " + f.ruleId() + " on "
                                    + v.name() + ": " + f.message());
                        }
                    }
                }
                deleteTree(estate);
            }
        }
        assertTrue(deletions > 250, "the walk reached every field: " + deletions);
        assertEquals(List.of(), violations, "a deleted field turned into a finding");
        assertTrue(statusesSeen.contains("unknown"), "deletions were noticed at all: " + statusesSeen);
    }

    private static Map<String, ClusterVerdict> scan(Path estate, Policy policy) {
        SnapshotInventory inventory = SnapshotInventory.load(estate);
        ClusterEvaluator evaluator = new ClusterEvaluator(RuleCatalog.standard());
        Map<String, ClusterVerdict> out = new TreeMap<>();
        for (ManagedCluster c : inventory.clusters()) {
            out.put(c.name(), evaluator.evaluate(c, inventory, policy, NOW));
        }
        return out;
    }

    private static boolean allowed(Path file, List<Object> path, String ruleId) {
        for (int i = path.size() - 1; i >= 0; i--) {
            if (!(path.get(i) instanceof String field)) {
                continue;
            }
            String parent = null;
            for (int j = i - 1; j >= 0; j--) {
                if (path.get(j) instanceof String p) {
                    parent = p;
                    break;
                }
            }
            for (String key : new String[] {field, parent == null ? null : field + "@" + parent,
                    field + "@" + file.getFileName()}) {
                if (key != null && ruleId.equals(OMISSION_IS_THE_FACT.get(key))) {
                    return true;
                }
            }
            // only the deleted field itself and the subtrees named above excuse a finding
            if (i == path.size() - 1) {
                continue;
            }
            if (OMISSION_IS_THE_FACT.containsKey(field) && ruleId.equals(OMISSION_IS_THE_FACT.get(field))) {
                return true;
            }
        }
        return false;
    }

    /** Every object member at any depth, as a path of member names and array indexes. */
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

    private static String describe(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object step : path) {
            sb.append(step instanceof Integer i ? "[" + i + "]" : (sb.length() == 0 ? "" : ".") + step);
        }
        return sb.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
