package io.byokwatch.domain;

import java.util.Locale;

/**
 * The cluster's etcd encryption settings, as its record shows them: legacy Azure Key Vault KMS
 * ({@code securityProfile.azureKeyVaultKms}: {@code enabled}, {@code keyId}, {@code keyVaultNetworkAccess},
 * {@code keyVaultResourceId}) and the newer KMS data encryption
 * ({@code securityProfile.kubernetesResourceObjectEncryptionProfile.infrastructureEncryption}).
 *
 * <p>Only API versions that define the newer block return it, and ARM leaves out unset blocks, so a record read with
 * an older (or an unknown) API version cannot say that the newer block is absent. {@code objectEncryptionUnread} is
 * then the reason, naming what supplies it; it is null when the record does show the newer block's state (its value,
 * or its absence read with an API version that has it). {@code infrastructureEncryption} is null when absent.
 *
 * <p>{@code formerKey} is not from the record: it is a customer key that served KMS before and that the cluster still
 * depends on, as byokwatch's own verdict state remembers it (null when not known). With KMS now off or on
 * platform-managed keys it is the last key that served, which stays load-bearing ("after you turn off KMS, you can't
 * delete or expire the keys"); with KMS on another key (or version) it is the one before, which the two-key window
 * after a rotation still needs.
 */
public record KmsProfile(boolean enabled, KeyRef key, String networkAccess, ResourceId keyVaultResourceId,
                         String infrastructureEncryption, String objectEncryptionUnread, KeyRef formerKey) {
    public static final KmsProfile NONE = new KmsProfile(false, null, null, null, null, null);

    public KmsProfile {
        infrastructureEncryption = blankToNull(infrastructureEncryption);
        objectEncryptionUnread = blankToNull(objectEncryptionUnread);
        if (infrastructureEncryption != null) {
            objectEncryptionUnread = null; // a value shown is a value known
        }
        if (formerKey != null && key != null && enabled && formerKey.toString().equalsIgnoreCase(key.toString())) {
            formerKey = null; // the key in use is judged as such, not twice
        }
    }

    /** The settings as a cluster record shows them, with nothing remembered. */
    public KmsProfile(boolean enabled, KeyRef key, String networkAccess, ResourceId keyVaultResourceId,
                      String infrastructureEncryption, String objectEncryptionUnread) {
        this(enabled, key, networkAccess, keyVaultResourceId, infrastructureEncryption, objectEncryptionUnread, null);
    }

    /** The same settings, remembering a key that served KMS before (null: none known). */
    public KmsProfile withFormerKey(KeyRef former) {
        return new KmsProfile(enabled, key, networkAccess, keyVaultResourceId, infrastructureEncryption,
                objectEncryptionUnread, former);
    }

    /** The customer key KMS uses now, by either experience: {@code keyId} while {@code azureKeyVaultKms} is on. */
    public KeyRef keyInUse() {
        return enabled ? key : null;
    }

    /** A profile whose every field is stated (records built by hand, plans): the newer block is what is given. */
    public KmsProfile(boolean enabled, KeyRef key, String networkAccess, ResourceId keyVaultResourceId,
                      String infrastructureEncryption) {
        this(enabled, key, networkAccess, keyVaultResourceId, infrastructureEncryption, null);
    }

    /** Whether the record shows the newer block's state (set, or known to be unset). */
    public boolean objectEncryptionInRecord() {
        return objectEncryptionUnread == null;
    }

    /** {@code keyVaultNetworkAccess} Private: AKS reaches the vault through a private endpoint it creates. */
    public boolean privateVaultNetwork() {
        return "private".equalsIgnoreCase(networkAccess == null ? null : networkAccess.trim());
    }

    /**
     * Whether KMS reaches this vault privately ({@code keyVaultNetworkAccess} Private): the vault is the one
     * {@code keyVaultResourceId} names or, when the record lacks that id, the vault named by {@code keyId}'s host
     * (vault names are unique within a cloud).
     */
    public boolean privateVaultIs(ResourceId vaultId) {
        if (!privateVaultNetwork() || vaultId == null) {
            return false;
        }
        if (keyVaultResourceId != null) {
            return keyVaultResourceId.equals(vaultId);
        }
        return key != null && !key.inManagedHsm() && key.vaultName().equalsIgnoreCase(vaultId.name());
    }

    /** Legacy KMS's network mode, with the API's default (Public) when the record leaves it out. */
    public String effectiveNetworkAccess() {
        return networkAccess == null || networkAccess.isBlank() ? "Public" : networkAccess.trim();
    }

    /**
     * Which KMS protects the secrets. A versioned {@code keyId} is legacy KMS and a versionless one is KMS data
     * encryption with a customer key (the rule AKS documents from API version 2026-07-01 on, and the only shape each
     * experience accepts); without {@code azureKeyVaultKms} on, {@code infrastructureEncryption} Enabled is
     * platform-managed keys, and anything else is off, unless the record cannot show that block.
     */
    public KmsState state() {
        if (enabled) {
            if (key == null) {
                return KmsState.unknown("azureKeyVaultKms is enabled but the record names no keyId; export the full"
                        + " cluster with az aks show");
            }
            return key.version() == null ? KmsState.autoRotated(key) : KmsState.legacy(key);
        }
        if (infrastructureEncryption != null) {
            return infrastructureEncryption.trim().toLowerCase(Locale.ROOT).equals("enabled") ? KmsState.PLATFORM_MANAGED
                    : KmsState.OFF;
        }
        return objectEncryptionUnread == null ? KmsState.OFF : KmsState.unknown(objectEncryptionUnread);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
