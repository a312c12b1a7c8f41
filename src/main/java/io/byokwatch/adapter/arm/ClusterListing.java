package io.byokwatch.adapter.arm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.adapter.snapshot.ArmMapper;
import io.byokwatch.adapter.snapshot.SnapshotFormatException;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Lookup;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A subscription's AKS clusters as ARM lists them with {@link ApiVersions#MANAGED_CLUSTERS}, every page: what settles
 * the KMS state of clusters whose Resource Graph row cannot show KMS data encryption, at one request (and its pages)
 * per subscription instead of one per cluster. Cached like point reads. A cluster that cannot be mapped is left out
 * and counted; a caller asking about it then answers unknown.
 */
final class ClusterListing {
    private final ArmTransport transport;
    private final ReadCache cache;
    private final ReadStats stats;

    ClusterListing(ArmTransport transport, ReadCache cache, ReadStats stats) {
        this.transport = transport;
        this.cache = cache;
        this.stats = stats;
    }

    /** Found: the clusters by id (possibly none); unknown or unavailable when ARM did not give the whole list. */
    Lookup<Map<ResourceId, ManagedCluster>> clustersOf(String subscriptionId, Instant now) {
        String key = "cluster list " + subscriptionId.toLowerCase(Locale.ROOT);
        Lookup<Map<ResourceId, ManagedCluster>> cached = cache.get(key);
        if (cached != null) {
            stats.cacheHit();
            return cached;
        }
        String doing = "listing the AKS clusters of subscription " + subscriptionId;
        ArmResponse response = transport.get("/subscriptions/" + subscriptionId
                + "/providers/Microsoft.ContainerService/managedClusters?api-version=" + ApiVersions.MANAGED_CLUSTERS);
        Map<ResourceId, ManagedCluster> clusters = new LinkedHashMap<>();
        while (true) {
            if (!response.ok()) {
                return refused(response, doing);
            }
            JsonObject page = response.json();
            JsonElement value = page == null ? null : page.get("value");
            if (value == null || !value.isJsonArray()) {
                return Lookup.unavailable("ARM answered without a value array " + doing);
            }
            for (JsonElement item : value.getAsJsonArray()) {
                if (!item.isJsonObject()) {
                    continue;
                }
                try {
                    ManagedCluster c = ArmMapper.cluster(item.getAsJsonObject(), ApiVersions.MANAGED_CLUSTERS);
                    clusters.put(c.id(), c);
                } catch (SnapshotFormatException e) {
                    stats.unreadable("AKS cluster in " + doing + ": " + e.getMessage());
                }
            }
            String next = JsonText.of(page, "nextLink");
            if (next == null) {
                break;
            }
            response = transport.getNextLink(next);
        }
        Lookup<Map<ResourceId, ManagedCluster>> answer = Lookup.found(Map.copyOf(clusters));
        cache.put(key, answer, now);
        return answer;
    }

    private static <T> Lookup<T> refused(ArmResponse response, String doing) {
        int status = response.status();
        if (status == 403) {
            return Lookup.unknown("403 Forbidden " + doing + ": byokwatch's identity needs Reader"
                    + " (Microsoft.ContainerService/managedClusters/read) on it");
        }
        if (ArmReads.versionRefused(response)) {
            return Lookup.unknown("ARM here does not offer API version " + ApiVersions.MANAGED_CLUSTERS + " for AKS"
                    + " clusters (" + response.describe() + "), the first that shows KMS data encryption; until it"
                    + " does, whether KMS data encryption is on cannot be read " + doing.replace("listing", "for"));
        }
        if (status == 0 || status == 408 || status == 429 || status >= 500) {
            return Lookup.unavailable("ARM returned " + response.describe() + " " + doing);
        }
        return Lookup.unknown("ARM returned " + response.describe() + " " + doing);
    }
}
