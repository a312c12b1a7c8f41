package io.byokwatch.bench;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a large synthetic estate in the shapes real exports have (ARM lists and az graph output), for the scan
 * benchmark. Seeded, so every run measures the same estate. Usage: EstateGenerator DIR CLUSTERS SETS VAULTS KEYS
 * [PV_DISKS]. PV disks (default none) are Azure Disk CSI disks in Resource Graph's shape, spread over the clusters:
 * most on the cluster's set, some on the platform key or another set, a few in other groups attached to the
 * cluster's nodes, a few unowned.
 */
public final class EstateGenerator {
    private static final Gson GSON = new Gson();

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int clusters = Integer.parseInt(args[1]);
        int sets = Integer.parseInt(args[2]);
        int vaults = Integer.parseInt(args[3]);
        int keys = Integer.parseInt(args[4]);
        int disks = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        write(dir, clusters, sets, vaults, keys, disks, new Random(42));
    }

    public static void write(Path dir, int clusters, int sets, int vaults, int keys, Random random) throws IOException {
        write(dir, clusters, sets, vaults, keys, 0, random);
    }

    public static void write(Path dir, int clusters, int sets, int vaults, int keys, int disks, Random random)
            throws IOException {
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
        int[] clusterSets = new int[clusters];
        for (int start = 0; start < clusters; start += perFile) {
            JsonArray page = new JsonArray();
            for (int c = start; c < Math.min(clusters, start + perFile); c++) {
                page.add(cluster(c, sets, subs, random, clusterSets));
            }
            writeList(dir.resolve("clusters-" + (start / perFile) + ".json"), page, "value");
        }
        writeDisks(dir, disks, clusters, sets, subs, clusterSets, new Random(43));
    }

    /**
     * PV disks in files of 1,000 rows, as {@code az graph query --first 1000} writes each page; {@code clusterSets[c]}
     * -1: the cluster has no set.
     */
    private static void writeDisks(Path dir, int disks, int clusters, int sets, int subs, int[] clusterSets,
                                   Random random) throws IOException {
        int perFile = 1000;
        for (int start = 0; start < disks; start += perFile) {
            JsonArray page = new JsonArray();
            for (int d = start; d < Math.min(disks, start + perFile); d++) {
                int c = d % clusters;
                int pick = random.nextInt(100);
                int set = pick < 70 ? clusterSets[c] : pick < 90 ? -1 : random.nextInt(sets);
                page.add(pvDisk(d, c, clusters, set, subs, random.nextInt(100)));
            }
            writeList(dir.resolve("pv-disks-" + (start / perFile) + ".json"), page, "data");
        }
    }

    /**
     * One PV disk of cluster {@code c}: {@code place} under 85 in its node group attached, under 95 unattached there,
     * under 99 in another group attached to its node, else unattached in another group (an orphan). A cluster has
     * three nodes its disks are attached to.
     */
    private static JsonObject pvDisk(int d, int c, int clusters, int set, int subs, int place) {
        String sub = sub(c % subs);
        String nodes = nodeResourceGroup(c);
        String group = place < 95 ? nodes : "rg-volumes-" + (c % 50);
        String name = String.format("pvc-%08d-0000-4000-8000-%012d", d, c);
        JsonObject encryption = new JsonObject();
        if (set < 0) {
            encryption.addProperty("type", "EncryptionAtRestWithPlatformKey");
        } else {
            encryption.addProperty("type", "EncryptionAtRestWithCustomerKey");
            encryption.addProperty("diskEncryptionSetId", setId(set, subs));
        }
        JsonObject creation = new JsonObject();
        creation.addProperty("createOption", "Empty");
        boolean attached = place < 85 || (place >= 95 && place < 99);
        JsonObject props = new JsonObject();
        props.add("creationData", creation);
        props.addProperty("diskSizeGB", 64);
        props.addProperty("diskState", attached ? "Attached" : "Unattached");
        props.add("encryption", encryption);
        props.addProperty("provisioningState", "Succeeded");
        props.addProperty("timeCreated", "2026-06-01T08:00:00+00:00");
        JsonObject tags = new JsonObject();
        tags.addProperty("k8s-azure-created-by", "kubernetes-azure-dd");
        tags.addProperty("kubernetes.io-created-for-pv-name", name);
        tags.addProperty("kubernetes.io-created-for-pvc-name", "data-app-" + (d / 10 % 1000));
        tags.addProperty("kubernetes.io-created-for-pvc-namespace", "team-" + (c % 40));
        JsonObject disk = resource("/subscriptions/" + sub + "/resourceGroups/" + group
                + "/providers/Microsoft.Compute/disks/" + name, name, "microsoft.compute/disks", props);
        disk.addProperty("resourceGroup", group.toLowerCase(Locale.ROOT));
        disk.addProperty("subscriptionId", sub);
        disk.addProperty("managedBy", attached ? "/subscriptions/" + sub + "/resourceGroups/" + nodes
                + "/providers/Microsoft.Compute/virtualMachineScaleSets/aks-pool1-vmss/virtualMachines/"
                + (d / clusters % 3) : "");
        disk.add("tags", tags);
        return disk;
    }

    private static String nodeResourceGroup(int c) {
        return "MC_rg-" + (c % 200) + "_aks-" + c + "_westeurope";
    }

    private static JsonObject cluster(int c, int sets, int subs, Random random, int[] clusterSets) {
        JsonObject props = new JsonObject();
        clusterSets[c] = -1;
        if (random.nextInt(10) > 0) {
            clusterSets[c] = random.nextInt(sets);
            props.addProperty("diskEncryptionSetID", setId(clusterSets[c], subs));
        }
        props.addProperty("nodeResourceGroup", nodeResourceGroup(c));
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
