package io.byokwatch.domain;

import java.util.List;
import java.util.Locale;

/**
 * A key vault or Managed HSM. Booleans are null when the payload omitted them; ARM omits purge protection until it is
 * switched on, so the rules read null as off. {@code host} is the data-plane host keys are addressed by.
 * {@code accessPoliciesListed} is false when the body carried no {@code accessPolicies} at all, so the list is
 * unknown rather than empty.
 */
public record KeyVault(ResourceId id, String name, String host, boolean managedHsm, Boolean softDelete,
                       Boolean purgeProtection, Integer softDeleteRetentionDays, Boolean rbacAuthorization,
                       List<AccessPolicy> accessPolicies, String sku, String publicNetworkAccess, String tenantId,
                       boolean accessPoliciesListed) {
    public KeyVault {
        accessPolicies = List.copyOf(accessPolicies);
        host = host == null ? null : host.toLowerCase(Locale.ROOT);
    }

    public KeyVault(ResourceId id, String name, String host, boolean managedHsm, Boolean softDelete,
                    Boolean purgeProtection, Integer softDeleteRetentionDays, Boolean rbacAuthorization,
                    List<AccessPolicy> accessPolicies, String sku, String publicNetworkAccess, String tenantId) {
        this(id, name, host, managedHsm, softDelete, purgeProtection, softDeleteRetentionDays, rbacAuthorization,
                accessPolicies, sku, publicNetworkAccess, tenantId, true);
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
