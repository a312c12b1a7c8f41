package io.byokwatch.domain;

import java.util.List;
import java.util.Locale;

/**
 * A key vault or Managed HSM. Booleans are null when the payload omitted them; ARM omits purge protection until it is
 * switched on, so the rules read null as off. {@code host} is the data-plane host keys are addressed by.
 */
public record KeyVault(ResourceId id, String name, String host, boolean managedHsm, Boolean softDelete,
                       Boolean purgeProtection, Integer softDeleteRetentionDays, Boolean rbacAuthorization,
                       List<AccessPolicy> accessPolicies, String sku, String publicNetworkAccess, String tenantId) {
    public KeyVault {
        accessPolicies = List.copyOf(accessPolicies);
        host = host == null ? null : host.toLowerCase(Locale.ROOT);
    }

    /** RBAC decides data-plane access (always so for Managed HSM, which has no access policies). */
    public boolean usesRbac() {
        return managedHsm || Boolean.TRUE.equals(rbacAuthorization);
    }

    public boolean purgeProtected() {
        return Boolean.TRUE.equals(purgeProtection);
    }

    /** Purge protection cannot be on without soft delete, so it implies soft delete even where the payload omits it. */
    public boolean softDeleteOn() {
        return Boolean.TRUE.equals(softDelete) || managedHsm || purgeProtected();
    }
}
