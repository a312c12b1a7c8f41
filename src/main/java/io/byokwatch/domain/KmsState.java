package io.byokwatch.domain;

import java.util.Objects;

/**
 * What protects a cluster's Kubernetes secrets in etcd, from the two AKS KMS experiences as one cluster record shows
 * them. {@code key} is the customer key for the two customer-key kinds (versioned for legacy KMS, versionless for KMS
 * data encryption), null otherwise; {@code missing} says, for {@link Kind#UNKNOWN} only, what the record lacks and
 * which export or API version supplies it.
 */
public record KmsState(Kind kind, KeyRef key, String missing) {

    public enum Kind {
        /** Neither experience is on: secrets in etcd are not envelope-encrypted with a key of the cluster's own. */
        OFF,
        /**
         * Legacy KMS ({@code azureKeyVaultKms}) with a versioned {@code keyId}: AKS uses exactly that version, and a new
         * key version is taken up only when {@code keyId} is changed.
         */
        LEGACY_CUSTOMER_KEY,
        /**
         * KMS data encryption with a customer key: {@code azureKeyVaultKms} with a versionless {@code keyId} (beside
         * {@code infrastructureEncryption}); AKS uses the key's current version and follows rotation by itself.
         */
        CUSTOMER_KEY_AUTO_ROTATED,
        /** KMS data encryption with platform-managed keys: {@code infrastructureEncryption} Enabled, no customer key. */
        PLATFORM_MANAGED,
        /** The record cannot tell which of the above holds; {@code missing} says why and what to add. */
        UNKNOWN
    }

    public KmsState {
        Objects.requireNonNull(kind, "kind");
        boolean customer = kind == Kind.LEGACY_CUSTOMER_KEY || kind == Kind.CUSTOMER_KEY_AUTO_ROTATED;
        if (customer != (key != null)) {
            throw new IllegalArgumentException(kind + " " + (customer ? "needs" : "takes no") + " customer key");
        }
        if ((kind == Kind.UNKNOWN) != (missing != null && !missing.isBlank())) {
            throw new IllegalArgumentException("only an unknown KMS state says what is missing");
        }
    }

    public static final KmsState OFF = new KmsState(Kind.OFF, null, null);
    public static final KmsState PLATFORM_MANAGED = new KmsState(Kind.PLATFORM_MANAGED, null, null);

    public static KmsState legacy(KeyRef versionedKey) {
        return new KmsState(Kind.LEGACY_CUSTOMER_KEY, versionedKey, null);
    }

    public static KmsState autoRotated(KeyRef versionlessKey) {
        return new KmsState(Kind.CUSTOMER_KEY_AUTO_ROTATED, versionlessKey, null);
    }

    public static KmsState unknown(String missing) {
        return new KmsState(Kind.UNKNOWN, null, missing);
    }

    /** Secrets are under a key the customer controls (either experience). */
    public boolean customerKey() {
        return key != null;
    }

    /** A phrase for messages: "legacy KMS with customer key https://...", "platform-managed KMS". */
    public String describe() {
        return switch (kind) {
            case OFF -> "KMS off";
            case LEGACY_CUSTOMER_KEY -> "legacy KMS with customer key " + key;
            case CUSTOMER_KEY_AUTO_ROTATED -> "KMS data encryption with customer key " + key + " (rotated automatically)";
            case PLATFORM_MANAGED -> "platform-managed KMS";
            case UNKNOWN -> "KMS state unknown (" + missing + ")";
        };
    }
}
