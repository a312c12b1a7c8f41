package io.byokwatch.render;

import io.byokwatch.domain.ResourceId;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Short human names for resources ("vault kv-pay-prod", "resource group rg-legacy"), for outputs that are read rather
 * than parsed: full ARM ids are 150 characters and bury the name at the end.
 */
public final class ResourceNames {
    private static final Map<String, String> KINDS = Map.of(
            "microsoft.containerservice/managedclusters", "cluster",
            "microsoft.containerservice/managedclusters/agentpools", "node pool",
            "microsoft.compute/diskencryptionsets", "disk encryption set",
            "microsoft.keyvault/vaults", "vault",
            "microsoft.keyvault/vaults/keys", "key",
            "microsoft.keyvault/managedhsms", "managed HSM",
            "microsoft.keyvault/managedhsms/keys", "key",
            "microsoft.managedidentity/userassignedidentities", "identity");

    private ResourceNames() {
    }

    /** Kind and name, e.g. {@code vault kv-pay-prod}; a node pool or key also names its parent. */
    public static String describe(ResourceId id) {
        String type = id.type();
        if (type.isEmpty()) {
            if (id.resourceGroup() != null) {
                return "resource group " + id.resourceGroup();
            }
            return id.subscriptionId() != null ? "subscription " + id.subscriptionId() : id.toString();
        }
        String kind = KINDS.get(type);
        if (kind == null) {
            kind = type.substring(type.lastIndexOf('/') + 1);
        }
        String name = id.name();
        if (type.endsWith("/agentpools") || type.endsWith("/keys")) {
            name = id.topLevel().name() + "/" + name;
        }
        return kind + " " + name;
    }

    /**
     * Up to {@code max} cluster names in alphabetical order, then how many more, e.g. {@code aks-a, aks-b and 3 more};
     * sorted because people scan the list for a name, while the report keeps inventory order.
     */
    public static String clusterList(List<ResourceId> clusterIds, int max) {
        List<String> names = clusterIds.stream().map(ResourceId::name)
                .sorted(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder())).collect(Collectors.toList());
        if (names.size() <= max) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, max)) + " and " + (names.size() - max) + " more";
    }

    public static String clusters(int n) {
        return n + (n == 1 ? " cluster" : " clusters");
    }
}
