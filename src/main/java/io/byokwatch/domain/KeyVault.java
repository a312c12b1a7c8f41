package io.byokwatch.domain;

import java.util.List;
import java.util.Locale;

/**
 * A key vault or Managed HSM. Booleans are null when the payload omitted them; ARM omits purge protection until it is
 * switched on, so the rules read null as off. {@code host} is the data-plane host keys are addressed by.
 * {@code accessPoliciesListed} is false when the body carried no {@code accessPolicies} at all, so the list is
 * unknown rather than empty. {@code network} is how the vault can be reached ({@link VaultNetwork}: public access,
 * firewall, private endpoint connections); {@code publicNetworkAccess} repeats its public access for earlier readers.
 */
public record KeyVault(ResourceId id, String name, String host, boolean managedHsm, Boolean softDelete,
                       Boolean purgeProtection, Integer softDeleteRetentionDays, Boolean rbacAuthorization,
                       List<AccessPolicy> accessPolicies, String sku, String publicNetworkAccess, String tenantId,
                       boolean accessPoliciesListed, VaultNetwork network) {
    public KeyVault {
        accessPolicies = List.copyOf(accessPolicies);
        host = host == null ? null : host.toLowerCase(Locale.ROOT);
        network = network == null ? VaultNetwork.notInRecord("the record of " + (managedHsm ? "managed HSM " : "vault ")
                + name + " does not carry its network settings") : network;
    }

    /** A vault whose network settings are not part of the record (built by hand, planned). */
    public KeyVault(ResourceId id, String name, String host, boolean managedHsm, Boolean softDelete,
                    Boolean purgeProtection, Integer softDeleteRetentionDays, Boolean rbacAuthorization,
                    List<AccessPolicy> accessPolicies, String sku, String publicNetworkAccess, String tenantId,
                    boolean accessPoliciesListed) {
        this(id, name, host, managedHsm, softDelete, purgeProtection, softDeleteRetentionDays, rbacAuthorization,
                accessPolicies, sku, publicNetworkAccess, tenantId, accessPoliciesListed, null);
    }

    public KeyVault(ResourceId id, String name, String host, boolean managedHsm, Boolean softDelete,
                    Boolean purgeProtection, Integer softDeleteRetentionDays, Boolean rbacAuthorization,
                    List<AccessPolicy> accessPolicies, String sku, String publicNetworkAccess, String tenantId) {
        this(id, name, host, managedHsm, softDelete, purgeProtection, softDeleteRetentionDays, rbacAuthorization,
                accessPolicies, sku, publicNetworkAccess, tenantId, true, null);
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
