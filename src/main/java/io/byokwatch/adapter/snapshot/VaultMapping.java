package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.AccessPolicy;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.NetworkAcls;
import io.byokwatch.domain.PrivateEndpointConnection;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.VaultNetwork;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * Key vaults and Managed HSM pools (the same questions: deletion safety, authorization, where keys are served, how
 * they can be reached).
 */
final class VaultMapping {
    private VaultMapping() {
    }

    static KeyVault vault(JsonView root, boolean managedHsm) {
        ResourceId id = root.requiredResourceId("id");
        String name = ArmMapper.nameOf(root, id);
        JsonView body = root.body();
        String host = body.host(managedHsm ? "hsmUri" : "vaultUri");
        if (host == null) {
            // Public-cloud suffix: exports without the URI lose the sovereign-cloud host, which no field recovers.
            host = name.toLowerCase(Locale.ROOT) + (managedHsm ? ".managedhsm.azure.net" : ".vault.azure.net");
        }
        List<AccessPolicy> policies = new ArrayList<>();
        for (JsonView p : body.objects("accessPolicies")) {
            JsonView permissions = p.object("permissions");
            List<String> keys = permissions == null ? List.of() : permissions.texts("keys");
            boolean listed = permissions != null && permissions.raw("keys") != null;
            policies.add(new AccessPolicy(p.text("tenantId"), p.text("objectId"), p.text("applicationId"),
                    new HashSet<>(keys), listed));
        }
        // Vaults keep sku inside properties; Managed HSM pools have it at the top level.
        JsonView sku = body.object("sku") != null ? body.object("sku") : root.object("sku");
        return new KeyVault(id, name, host, managedHsm, body.bool("enableSoftDelete"), body.bool("enablePurgeProtection"),
                body.integer("softDeleteRetentionInDays"), body.bool("enableRbacAuthorization"), policies,
                sku == null ? null : sku.text("name"), body.text("publicNetworkAccess"), body.text("tenantId"),
                body.raw("accessPolicies") != null, network(body));
    }

    /**
     * A full record's network settings: a missing {@code networkAcls} or {@code privateEndpointConnections} is none.
     * Connection items are ARM's ({@code properties.privateEndpoint}) or az's, flattened out of {@code properties}.
     */
    static VaultNetwork network(JsonView body) {
        JsonView acls = body.object("networkAcls");
        NetworkAcls firewall = null;
        if (acls != null) {
            List<String> ipRules = new ArrayList<>();
            acls.objects("ipRules").forEach(r -> {
                if (r.text("value") != null) {
                    ipRules.add(r.text("value"));
                }
            });
            List<ResourceId> subnets = new ArrayList<>();
            acls.objects("virtualNetworkRules").forEach(r -> {
                if (r.resourceId("id") != null) {
                    subnets.add(r.resourceId("id"));
                }
            });
            firewall = new NetworkAcls(acls.text("defaultAction"), acls.text("bypass"), ipRules, subnets);
        }
        List<PrivateEndpointConnection> connections = new ArrayList<>();
        for (JsonView item : body.objects("privateEndpointConnections")) {
            JsonView p = item.body();
            JsonView endpoint = p.object("privateEndpoint");
            JsonView state = p.object("privateLinkServiceConnectionState");
            connections.add(new PrivateEndpointConnection(item.resourceId("id"),
                    endpoint == null ? null : endpoint.resourceId("id"), state == null ? null : state.text("status"),
                    p.text("provisioningState")));
        }
        return VaultNetwork.of(body.text("publicNetworkAccess"), firewall, connections);
    }
}
