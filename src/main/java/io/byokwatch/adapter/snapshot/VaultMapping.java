package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.AccessPolicy;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ResourceId;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/** Key vaults and Managed HSM pools (the same questions: deletion safety, authorization, where keys are served). */
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
                body.raw("accessPolicies") != null);
    }
}
