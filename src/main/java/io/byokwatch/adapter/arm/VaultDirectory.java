package io.byokwatch.adapter.arm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.adapter.snapshot.ArmMapper;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Lookup;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the vault or Managed HSM behind a key URL's host. When a disk encryption set or cluster already named the
 * vault's ARM id, that id is read directly; otherwise Resource Graph finds the vault by name and ARM reads it for
 * current properties. Absent needs positive evidence: ARM answered 404 for the named id and byokwatch's identity can
 * read that id's subscription (Resource Graph's {@code resourcecontainers} lists it). A vault that no readable
 * subscription holds, where no resource named its id, is unknown: Resource Graph hides what the identity cannot read.
 * Hosts of another cloud's vaults are answered without a query: no resource of this cloud can use them.
 */
final class VaultDirectory {
    private final ArmCloud cloud;
    private final ArmReads reads;
    private final GraphReads graph;
    private final ReadCache cache;
    private final ReadStats stats;
    private final Map<String, ResourceId> vaultIdsByHost = new ConcurrentHashMap<>();
    /** Vault and Managed HSM host suffixes of the other clouds, whose keys no resource of this cloud can use. */
    private final Map<String, ArmCloud> otherClouds;

    VaultDirectory(ArmCloud cloud, ArmReads reads, GraphReads graph, ReadCache cache, ReadStats stats) {
        this.cloud = cloud;
        this.reads = reads;
        this.graph = graph;
        this.cache = cache;
        this.stats = stats;
        this.otherClouds = otherClouds(cloud);
    }

    Lookup<KeyVault> vaultByHost(String host, Freshness view) {
        String h = Kql.normaliseHost(host);
        if (!Kql.isHost(h)) {
            return Lookup.unknown("'" + host + "' is not a key vault host such as kv-prod.vault.azure.net");
        }
        ArmCloud other = cloudOf(h);
        if (other != null) {
            return Lookup.unknown(h + " serves keys in " + other + "; byokwatch reads " + cloud
                    + ", where no disk encryption set or cluster can use it");
        }
        ResourceId named = vaultIdsByHost.get(h);
        String namedEvidence = null;
        if (named != null) {
            Lookup<KeyVault> direct = readVault(named, view);
            KeyVault v = direct.orNull();
            if (v != null && servesHost(v, h) || direct instanceof Lookup.Unknown<KeyVault>) {
                return direct;
            }
            if (v == null) {
                Lookup<Boolean> readable = graph.subscriptionReadable(named.subscriptionId());
                if (!(readable instanceof Lookup.Found<Boolean> f)) {
                    return Lookup.unavailable(((Lookup.Unknown<Boolean>) readable).reason());
                }
                if (!f.value()) {
                    return Lookup.unknown(((Lookup.Absent<KeyVault>) direct).evidence() + ", but byokwatch's identity"
                            + " cannot read subscription " + named.subscriptionId() + " (Resource Graph does not list it),"
                            + " so that says nothing about whether the vault exists; grant byokwatch's identity Reader on"
                            + " subscription " + named.subscriptionId());
                }
            }
            namedEvidence = v == null ? ((Lookup.Absent<KeyVault>) direct).evidence()
                    : named + " now serves " + v.host() + ", not " + h;
        }
        Lookup<ResourceId> located = locate(h);
        if (located instanceof Lookup.Found<ResourceId> f) {
            if (f.value().equals(named) && namedEvidence != null) {
                return Lookup.absent(namedEvidence + "; Resource Graph still lists it, which lags ARM");
            }
            Lookup<KeyVault> read = readVault(f.value(), view);
            if (read.orNull() != null) {
                vaultIdsByHost.put(h, f.value());
            }
            return read;
        }
        if (located instanceof Lookup.Absent<ResourceId> a) {
            if (namedEvidence == null) {
                // Resource Graph hides what the identity cannot read, and a set names no sourceVault when its vault is
                // in another subscription (or tenant): an empty answer is no proof the vault is gone
                String what = h.contains(".managedhsm.") ? "Managed HSM" : "key vault";
                return Lookup.unknown(a.evidence() + ", but " + what + " " + h.substring(0, h.indexOf('.') < 0 ? h.length()
                        : h.indexOf('.')) + " may live in a subscription byokwatch's identity cannot read (a disk"
                        + " encryption set names no sourceVault when its vault is in another subscription); grant"
                        + " byokwatch's identity Reader on the vault's subscription");
            }
            return Lookup.absent(namedEvidence + "; " + a.evidence());
        }
        return Lookup.unknown(((Lookup.Unknown<ResourceId>) located).reason());
    }

    /** The other cloud whose vaults answer at this host, or null. */
    ArmCloud cloudOf(String host) {
        for (Map.Entry<String, ArmCloud> suffix : otherClouds.entrySet()) {
            if (host.endsWith(suffix.getKey())) {
                return suffix.getValue();
            }
        }
        return null;
    }

    /** Remembers the vault id a set names for its key's host, so the next look-up reads it directly. */
    void remember(DiskEncryptionSet set) {
        if (set.activeKey() != null && set.sourceVaultId() != null) {
            vaultIdsByHost.putIfAbsent(set.activeKey().vaultHost(), set.sourceVaultId());
        }
    }

    /** Remembers the vault id a cluster's KMS settings name for its key's host. */
    void remember(ManagedCluster cluster) {
        if (cluster.kms().key() != null && cluster.kms().keyVaultResourceId() != null) {
            vaultIdsByHost.putIfAbsent(cluster.kms().key().vaultHost(), cluster.kms().keyVaultResourceId());
        }
    }

    private Lookup<KeyVault> readVault(ResourceId id, Freshness view) {
        if (ArmType.MANAGED_HSM.matches(id)) {
            return reads.read(id, ArmType.MANAGED_HSM, ArmMapper::vault, view);
        }
        if (ArmType.KEY_VAULT.matches(id)) {
            return reads.read(id, ArmType.KEY_VAULT, ArmMapper::vault, view);
        }
        return Lookup.unknown(id + " is not a key vault or managed HSM id");
    }

    /** Resource Graph's answer to "which vault has this host's name", cached like a point read. */
    private Lookup<ResourceId> locate(String host) {
        String key = "vault-host " + host;
        return cache.getOrLoad(key, () -> locateUncached(host, key), stats::cacheHit);
    }

    private Lookup<ResourceId> locateUncached(String host, String key) {
        boolean hsm = host.contains(".managedhsm.");
        String what = hsm ? "managed HSM" : "key vault";
        String name = host.substring(0, host.indexOf('.') < 0 ? host.length() : host.indexOf('.'));
        ResourceGraph.Result result = graph.query(Kql.vaultsNamed(name), ResourceGraph.Scope.VISIBLE);
        if (!result.complete()) {
            return Lookup.unavailable(result.failure() + "; cannot tell whether " + what + " " + name + " exists");
        }
        Lookup<ResourceId> answer = Lookup.absent("Resource Graph found no " + what + " named " + name + " (serving "
                + host + ") in " + ResourceGraph.Scope.VISIBLE.describe() + "; the query covered that whole scope");
        for (JsonObject row : result.rows()) {
            ResourceId id = ResourceId.orNull(JsonText.of(row, "id"));
            if (id != null && (hsm ? ArmType.MANAGED_HSM : ArmType.KEY_VAULT).matches(id) && rowServesHost(row, host)) {
                answer = Lookup.found(id);
                break;
            }
        }
        cache.put(key, answer);
        return answer;
    }

    private static Map<String, ArmCloud> otherClouds(ArmCloud ours) {
        Map<String, ArmCloud> suffixes = new HashMap<>();
        for (ArmCloud cloud : ArmCloud.values()) {
            if (cloud == ours) {
                continue;
            }
            for (String dns : new String[] {cloud.environment().getKeyVaultDnsSuffix(),
                    cloud.environment().getManagedHsmDnsSuffix()}) {
                if (dns != null && !dns.isBlank()) {
                    suffixes.put(suffix(dns), cloud);
                }
            }
        }
        return Map.copyOf(suffixes);
    }

    /** ".vault.azure.cn", whether the SDK spells it with the leading dot or not. */
    private static String suffix(String dnsSuffix) {
        String s = dnsSuffix.trim().toLowerCase(java.util.Locale.ROOT);
        return s.startsWith(".") ? s : "." + s;
    }

    private static boolean servesHost(KeyVault vault, String host) {
        return vault.host() == null || vault.host().equals(host);
    }

    private static boolean rowServesHost(JsonObject row, String host) {
        JsonElement properties = row.get("properties");
        if (properties == null || !properties.isJsonObject()) {
            return true;
        }
        String uri = JsonText.of(properties.getAsJsonObject(), "vaultUri");
        uri = uri != null ? uri : JsonText.of(properties.getAsJsonObject(), "hsmUri");
        if (uri == null) {
            return true;
        }
        try {
            String uriHost = URI.create(uri.trim()).getHost();
            return uriHost == null || Kql.normaliseHost(uriHost).equals(host);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
