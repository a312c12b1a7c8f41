package io.byokwatch.domain;

import java.util.Locale;

/**
 * How a managed disk or snapshot is encrypted at rest, and how the record knows it. {@code type} is the disk's
 * {@code encryption.type} as written (an open enum: compare with {@link #keyKind()}, not by text);
 * {@code diskEncryptionSetId} is present for customer-key types only.
 *
 * <p>{@link Evidence} keeps three different states apart: the record shows an {@code encryption} block; the record is a
 * full disk body without one (Azure's default, the platform key, applies: the Azure Disk CSI driver sends no block
 * when the StorageClass names no set); or the record is a stub that carries no properties at all, so nothing is known.
 */
public record DiskEncryption(String type, ResourceId diskEncryptionSetId, Evidence evidence) {
    public static final String PLATFORM_KEY = "EncryptionAtRestWithPlatformKey";
    public static final String CUSTOMER_KEY = "EncryptionAtRestWithCustomerKey";
    public static final String PLATFORM_AND_CUSTOMER_KEYS = "EncryptionAtRestWithPlatformAndCustomerKeys";

    /** The encryption of a record whose properties were not exported. */
    public static final DiskEncryption NOT_IN_RECORD = new DiskEncryption(null, null, Evidence.NOT_IN_RECORD);
    /** A full disk body without an {@code encryption} block: Azure applied its default, the platform key. */
    public static final DiskEncryption PLATFORM_KEY_BY_DEFAULT = new DiskEncryption(PLATFORM_KEY, null,
            Evidence.FULL_RECORD_WITHOUT_BLOCK);

    /** Where the answer comes from. */
    public enum Evidence {
        /** The record has an {@code encryption} block. */
        REPORTED,
        /** A full record without an {@code encryption} block; Azure's default (platform key) applies. */
        FULL_RECORD_WITHOUT_BLOCK,
        /** A stub (id, name, tags, no properties): the encryption is not known. */
        NOT_IN_RECORD
    }

    /** Whose key protects the data, as far as the record says. */
    public enum KeyKind {
        PLATFORM,
        CUSTOMER,
        PLATFORM_AND_CUSTOMER,
        /** A stub record, or a type byokwatch does not know without a set that would name the key. */
        NOT_KNOWN
    }

    public DiskEncryption {
        if (evidence == null) {
            throw new IllegalArgumentException("evidence is required");
        }
        if (evidence == Evidence.NOT_IN_RECORD && (type != null || diskEncryptionSetId != null)) {
            throw new IllegalArgumentException("a record without encryption facts carries no type or set");
        }
    }

    /** What an {@code encryption} block says; a set without a type is a customer key, the type Azure defaults to then. */
    public static DiskEncryption reported(String type, ResourceId diskEncryptionSetId) {
        return new DiskEncryption(type, diskEncryptionSetId, Evidence.REPORTED);
    }

    public boolean known() {
        return evidence != Evidence.NOT_IN_RECORD;
    }

    public KeyKind keyKind() {
        if (!known()) {
            return KeyKind.NOT_KNOWN;
        }
        String t = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
        if (t.equals(PLATFORM_AND_CUSTOMER_KEYS.toLowerCase(Locale.ROOT))) {
            return KeyKind.PLATFORM_AND_CUSTOMER;
        }
        if (t.equals(CUSTOMER_KEY.toLowerCase(Locale.ROOT))) {
            return KeyKind.CUSTOMER;
        }
        if (t.equals(PLATFORM_KEY.toLowerCase(Locale.ROOT)) && diskEncryptionSetId == null) {
            return KeyKind.PLATFORM;
        }
        // an empty or unfamiliar type with a set: the set names a customer key, whatever the label
        return diskEncryptionSetId != null ? KeyKind.CUSTOMER : KeyKind.NOT_KNOWN;
    }

    /** True when a customer-managed key, through {@link #diskEncryptionSetId}, protects the data. */
    public boolean usesCustomerKey() {
        KeyKind kind = keyKind();
        return kind == KeyKind.CUSTOMER || kind == KeyKind.PLATFORM_AND_CUSTOMER;
    }

    /** True when only Microsoft's platform key protects the data. */
    public boolean platformKeyOnly() {
        return keyKind() == KeyKind.PLATFORM;
    }
}
