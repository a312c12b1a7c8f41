package io.byokwatch.adapter.arm;

/**
 * The ARM api-versions byokwatch reads with, in one place. Chosen for being stable in every Azure cloud (sovereign
 * clouds get new versions months after the public one) while returning every field the mapper reads; a newer
 * version only adds fields byokwatch does not judge.
 */
public final class ApiVersions {
    /**
     * Microsoft.ContainerService/managedClusters: agent pools inline, diskEncryptionSetID, azureKeyVaultKms, and
     * {@code securityProfile.kubernetesResourceObjectEncryptionProfile} (KMS data encryption), which API versions
     * before this one (stable) leave out, so that a cluster read without it cannot be told off from platform-managed
     * KMS. The first stable version with the block ({@code io.byokwatch.adapter.snapshot.KmsApiVersions}).
     */
    public static final String MANAGED_CLUSTERS = "2026-07-01";
    /**
     * Read with when ARM refuses {@link #MANAGED_CLUSTERS} as unknown (a cloud that has not got it yet): every field
     * but KMS data encryption, whose state such a record then says it cannot show.
     */
    public static final String MANAGED_CLUSTERS_FALLBACK = "2024-10-01";
    /** Microsoft.Compute/diskEncryptionSets: activeKey, identity, autoKeyRotationError. */
    public static final String DISK_ENCRYPTION_SETS = "2025-01-02";
    /**
     * Microsoft.Compute/disks and snapshots: encryption, managedBy, managedByExtended, creationData. The same DiskRP
     * version as disk encryption sets, so it exists wherever they are read.
     */
    public static final String DISKS = "2025-01-02";
    /** Microsoft.KeyVault vaults, managedHSMs and their keys (management plane, including rotationPolicy). */
    public static final String KEY_VAULT = "2024-11-01";
    /** Microsoft.Authorization/roleAssignments with {@code $filter=atScope()}, and roleDefinitions. */
    public static final String ROLE_ASSIGNMENTS = "2022-04-01";
    /** Managed HSM data plane: the HSM's local role assignments ({@code /providers/Microsoft.Authorization/roleAssignments}). */
    public static final String MANAGED_HSM_DATA_PLANE = "7.4";
    /** Microsoft.ResourceGraph/resources (objectArray results, {@code $skipToken} paging). */
    public static final String RESOURCE_GRAPH = "2022-10-01";
    /** Microsoft.Resources resource groups: doctor's "can this identity read the subscription" probe. */
    public static final String RESOURCE_GROUPS = "2024-03-01";
    /** Microsoft.EventGrid system topics and their event subscriptions, as the templates deploy them. */
    public static final String EVENT_GRID = "2022-06-15";
    /** Microsoft.Insights/diagnosticSettings, as the templates deploy them. */
    public static final String DIAGNOSTIC_SETTINGS = "2021-05-01-preview";
    /** Microsoft.Web sites and their functions ({@code isDisabled}). */
    public static final String WEB = "2024-04-01";
    /** Microsoft.OperationalInsights/workspaces ({@code customerId}). */
    public static final String WORKSPACES = "2023-09-01";

    private ApiVersions() {
    }
}
