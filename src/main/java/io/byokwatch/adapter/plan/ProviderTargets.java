package io.byokwatch.adapter.plan;

import com.google.gson.JsonObject;
import io.byokwatch.domain.ResourceId;

import java.util.List;
import java.util.Set;

/**
 * Which cluster a Kubernetes resource of a plan lands in: the one its kubernetes provider's {@code host} refers to
 * ({@code azurerm_kubernetes_cluster.x.kube_config[0].host}, a data source, or a module output leading there).
 */
final class ProviderTargets {
    private static final Set<String> CLUSTERS = Set.of("azurerm_kubernetes_cluster");
    private final TfResolver resolver;

    ProviderTargets(TfResolver resolver) {
        this.resolver = resolver;
    }

    /** The cluster's id, or null when the provider is configured another way (a kubeconfig file, literals). */
    ResourceId clusterOf(TfInstance inst) {
        TfConfig.Resource config = resolver.plan().config.resource(inst.address());
        if (config == null || config.providerConfigKey() == null) {
            return null;
        }
        JsonObject expressions = resolver.plan().config.providerExpressions(config.providerConfigKey());
        JsonObject host = Json.object(expressions, "host");
        if (host == null) {
            return null;
        }
        String moduleAddress = Json.text(resolver.plan().config.provider(config.providerConfigKey()), "module_address");
        TfInstance cluster = resolver.referencedBy(host, moduleAddress, CLUSTERS);
        if (cluster == null) {
            return null;
        }
        String known = Json.text(cluster.known(List.of("id")));
        ResourceId id = ResourceId.orNull(known);
        return id != null || cluster.data() ? id : ResourceId.orNull(resolver.armId(cluster).text());
    }
}
