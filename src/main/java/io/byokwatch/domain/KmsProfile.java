package io.byokwatch.domain;

/**
 * The cluster's etcd encryption settings: Azure Key Vault KMS ({@code securityProfile.azureKeyVaultKms}) and the newer
 * KMS data encryption ({@code kubernetesResourceObjectEncryptionProfile.infrastructureEncryption}).
 */
public record KmsProfile(boolean enabled, KeyRef key, String networkAccess, ResourceId keyVaultResourceId,
                         String infrastructureEncryption) {
    public static final KmsProfile NONE = new KmsProfile(false, null, null, null, null);
}
