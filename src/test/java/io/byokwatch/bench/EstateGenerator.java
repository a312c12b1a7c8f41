package io.byokwatch.bench;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a large synthetic estate in the shapes real exports have (ARM lists and az graph output), for the scan
 * benchmark. Seeded, so every run measures the same estate. Usage: EstateGenerator DIR CLUSTERS SETS VAULTS KEYS
 */
public final class EstateGenerator {
    private static final Gson GSON = new Gson();

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int clusters = Integer.parseInt(args[1]);
        int sets = Integer.parseInt(args[2]);
        int vaults = Integer.parseInt(args[3]);
        int keys = Integer.parseInt(args[4]);
        write(dir, clusters, sets, vaults, keys, new Random(42));
    }

    public static void write(Path dir, int clusters, int sets, int vaults, int keys, Random random) throws IOException {
        Files.createDirectories(dir);
        int subs = Math.max(1, vaults / 50);
        JsonArray vaultList = new JsonArray();
        for (int v = 0; v < vaults; v++) {
            JsonObject props = new JsonObject();
            props.addProperty("tenantId", "5b1c7a3e-2d4f-4e6a-8b9c-0d1e2f3a4b5c");
            props.addProperty("vaultUri", "https://" + vaultName(v) + ".vault.azure.net/");
            props.addProperty("enableSoftDelete", true);
            if (random.nextInt(10) > 0) {
                props.addProperty("enablePurgeProtection", true);
            }
            props.addProperty("enableRbacAuthorization", false);
            JsonArray policies = new JsonArray();
            props.add("accessPolicies", policies);
            vaultList.add(resource(vaultId(v, subs), vaultName(v), "Microsoft.KeyVault/vaults", props));
        }
        JsonArray keyList = new JsonArray();
        for (int k = 0; k < keys; k++) {
            int v = k % vaults;
            JsonObject attrs = new JsonObject();
            attrs.addProperty("enabled", random.nextInt(50) > 0);
            attrs.addProperty("exp", 1_830_000_000L + random.nextInt(50_000_000) - 40_000_000);
            JsonObject props = new JsonObject();
            props.add("attributes", attrs);
            props.addProperty("kty", random.nextBoolean() ? "RSA-HSM" : "RSA");
            props.addProperty("keyUri", "https://" + vaultName(v) + ".vault.azure.net:443/keys/" + keyName(k));
            props.addProperty("keyUriWithVersion", "https://" + vaultName(v) + ".vault.azure.net:443/keys/" + keyName(k) + "/v1");
            keyList.add(resource(vaultId(v, subs) + "/keys/" + keyName(k), keyName(k), "Microsoft.KeyVault/vaults/keys", props));
        }
        JsonArray setList = new JsonArray();
        for (int s = 0; s < sets; s++) {
            int k = s % keys;
            int v = k % vaults;
            String principal = String.format("00000000-0000-4000-8000-%012d", s);
            JsonObject active = new JsonObject();
            active.addProperty("keyUrl", "https://" + vaultName(v) + ".vault.azure.net/keys/" + keyName(k) + "/v1");
            JsonObject props = new JsonObject();
            props.add("activeKey", active);
            props.addProperty("rotationToLatestKeyVersionEnabled", random.nextInt(4) > 0);
            props.addProperty("encryptionType", "EncryptionAtRestWithCustomerKey");
            JsonObject set = resource(setId(s, subs), "des-" + s, "Microsoft.Compute/diskEncryptionSets", props);
            JsonObject identity = new JsonObject();
            identity.addProperty("type", "SystemAssigned");
            identity.addProperty("principalId", principal);
            set.add("identity", identity);
            setList.add(set);
            JsonObject policy = new JsonObject();
            policy.addProperty("objectId", principal);
            policy.addProperty("tenantId", "5b1c7a3e-2d4f-4e6a-8b9c-0d1e2f3a4b5c");
            JsonObject perms = new JsonObject();
            JsonArray keyPerms = new JsonArray();
            keyPerms.add("get");
            keyPerms.add("wrapKey");
            if (random.nextInt(20) > 0) {
                keyPerms.add("unwrapKey");
            }
            perms.add("keys", keyPerms);
            policy.add("permissions", perms);
            vaultList.get(v).getAsJsonObject().getAsJsonObject("properties").getAsJsonArray("accessPolicies").add(policy);
        }
        writeList(dir.resolve("vaults.json"), vaultList, "value");
        writeList(dir.resolve("keys.json"), keyList, "value");
        writeList(dir.resolve("disk-encryption-sets.json"), setList, "data");
        int perFile = 1000;
        for (int start = 0; start < clusters; start += perFile) {
            JsonArray page = new JsonArray();
            for (int c = start; c < Math.min(clusters, start + perFile); c++) {
                page.add(cluster(c, sets, subs, random));
            }
            writeList(dir.resolve("clusters-" + (start / perFile) + ".json"), page, "value");
        }
    }

    private static JsonObject cluster(int c, int sets, int subs, Random random) {
        JsonObject props = new JsonObject();
        if (random.nextInt(10) > 0) {
            props.addProperty("diskEncryptionSetID", setId(random.nextInt(sets), subs));
        }
        JsonArray pools = new JsonArray();
        for (int p = 0; p < 1 + random.nextInt(3); p++) {
            JsonObject pool = new JsonObject();
            pool.addProperty("name", "pool" + p);
            pool.addProperty("count", 3);
            pool.addProperty("vmSize", "Standard_D4ds_v5");
            pool.addProperty("mode", p == 0 ? "System" : "User");
            pool.addProperty("enableEncryptionAtHost", random.nextInt(3) > 0);
            pools.add(pool);
        }
        props.add("agentPoolProfiles", pools);
        JsonObject tags = new JsonObject();
        tags.addProperty("owner-team", "team-" + (c % 40));
        JsonObject cluster = resource("/subscriptions/" + sub(c % subs) + "/resourceGroups/rg-" + (c % 200)
                + "/providers/Microsoft.ContainerService/managedClusters/aks-" + c, "aks-" + c,
                "Microsoft.ContainerService/managedClusters", props);
        cluster.add("tags", tags);
        return cluster;
    }

    private static JsonObject resource(String id, String name, String type, JsonObject props) {
        JsonObject o = new JsonObject();
        o.addProperty("id", id);
        o.addProperty("name", name);
        o.addProperty("type", type);
        o.addProperty("location", "westeurope");
        o.add("properties", props);
        return o;
    }

    private static void writeList(Path file, JsonArray items, String wrapper) throws IOException {
        JsonObject o = new JsonObject();
        o.add(wrapper, items);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            GSON.toJson(o, w);
        }
    }

    private static String sub(int i) {
        return String.format("%08d-0000-4000-8000-000000000000", i);
    }

    private static String vaultName(int v) {
        return "kv-bench-" + v;
    }

    private static String keyName(int k) {
        return "disk-" + k;
    }

    private static String vaultId(int v, int subs) {
        return "/subscriptions/" + sub(v % subs) + "/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/" + vaultName(v);
    }

    private static String setId(int s, int subs) {
        return "/subscriptions/" + sub(s % subs) + "/resourceGroups/rg-keys/providers/Microsoft.Compute/diskEncryptionSets/des-" + s;
    }
}
