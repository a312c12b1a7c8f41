package io.byokwatch.adapter.arm;

import io.byokwatch.domain.ResourceId;

/** The resource types byokwatch reads by id: what to call them, which api-version, which permission a read needs. */
enum ArmType {
    MANAGED_CLUSTER("Microsoft.ContainerService/managedClusters", ApiVersions.MANAGED_CLUSTERS, "AKS cluster",
            ApiVersions.MANAGED_CLUSTERS_FALLBACK),
    DISK_ENCRYPTION_SET("Microsoft.Compute/diskEncryptionSets", ApiVersions.DISK_ENCRYPTION_SETS,
            "disk encryption set"),
    MANAGED_DISK("Microsoft.Compute/disks", ApiVersions.DISKS, "managed disk"),
    DISK_SNAPSHOT("Microsoft.Compute/snapshots", ApiVersions.DISKS, "disk snapshot"),
    KEY_VAULT("Microsoft.KeyVault/vaults", ApiVersions.KEY_VAULT, "key vault"),
    MANAGED_HSM("Microsoft.KeyVault/managedHSMs", ApiVersions.KEY_VAULT, "managed HSM"),
    VAULT_KEY("Microsoft.KeyVault/vaults/keys", ApiVersions.KEY_VAULT, "key"),
    MANAGED_HSM_KEY("Microsoft.KeyVault/managedHSMs/keys", ApiVersions.KEY_VAULT, "managed HSM key"),
    VAULT_KEY_VERSION("Microsoft.KeyVault/vaults/keys/versions", ApiVersions.KEY_VAULT, "key version"),
    MANAGED_HSM_KEY_VERSION("Microsoft.KeyVault/managedHSMs/keys/versions", ApiVersions.KEY_VAULT,
            "managed HSM key version"),
    ROLE_DEFINITION("Microsoft.Authorization/roleDefinitions", ApiVersions.ROLE_ASSIGNMENTS, "role definition"),
    ROLE_ASSIGNMENTS("Microsoft.Authorization/roleAssignments", ApiVersions.ROLE_ASSIGNMENTS, "role assignments");

    private final String type;
    private final String apiVersion;
    private final String label;
    private final String fallbackApiVersion;

    ArmType(String type, String apiVersion, String label) {
        this(type, apiVersion, label, null);
    }

    ArmType(String type, String apiVersion, String label, String fallbackApiVersion) {
        this.type = type;
        this.apiVersion = apiVersion;
        this.label = label;
        this.fallbackApiVersion = fallbackApiVersion;
    }

    String apiVersion() {
        return apiVersion;
    }

    /** The older version to read with when ARM does not offer {@link #apiVersion()} here; null when there is none. */
    String fallbackApiVersion() {
        return fallbackApiVersion;
    }

    String label() {
        return label;
    }

    /** The RBAC action a 403 says byokwatch lacks, spelled as Azure documents it. */
    String readPermission() {
        return type + "/read";
    }

    /** The ARM resource type, e.g. {@code Microsoft.Compute/disks}. */
    String type() {
        return type;
    }

    boolean matches(ResourceId id) {
        return id.isType(type);
    }
}
