package io.byokwatch.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two AKS KMS experiences classified as the AKS docs describe them: {@code use-kms-etcd-encryption.md} (legacy,
 * versioned key), {@code kms-data-encryption.md} (platform-managed keys: infrastructureEncryption alone; customer key:
 * both blocks, versionless key) and the 2026-07-01 API text "a versioned key identifier uses the legacy KMS
 * experience, while an unversioned key identifier uses the new KMS experience".
 */
class KmsProfileTest {
    private static final KeyRef VERSIONED = KeyRef.parse("https://kv-etcd.vault.azure.net/keys/etcd/0a1b2c3d");
    private static final KeyRef VERSIONLESS = KeyRef.parse("https://kv-etcd.vault.azure.net/keys/etcd");
    private static final String UNREAD = "read with an API version that does not show the block";

    @Test
    void versionedKey_isLegacyCustomerKey_whetherOrNotTheNewerBlockIsInTheRecord() {
        KmsState known = new KmsProfile(true, VERSIONED, "Public", null, null).state();
        KmsState unread = new KmsProfile(true, VERSIONED, "Public", null, null, UNREAD).state();
        assertEquals(KmsState.legacy(VERSIONED), known);
        assertEquals(KmsState.legacy(VERSIONED), unread);
        assertTrue(known.customerKey());
    }

    @Test
    void versionlessKeyWithInfrastructureEncryption_isCustomerKeyRotatedAutomatically() {
        KmsState state = new KmsProfile(true, VERSIONLESS, "Private", null, "Enabled").state();
        assertEquals(KmsState.Kind.CUSTOMER_KEY_AUTO_ROTATED, state.kind());
        assertEquals(VERSIONLESS, state.key());
        assertEquals("KMS data encryption with customer key https://kv-etcd.vault.azure.net/keys/etcd (rotated"
                + " automatically)", state.describe());
    }

    @Test
    void infrastructureEncryptionWithoutAzureKeyVaultKms_isPlatformManaged_notOff() {
        KmsState state = new KmsProfile(false, null, null, null, "Enabled").state();
        assertEquals(KmsState.PLATFORM_MANAGED, state);
        assertFalse(state.customerKey());
        assertEquals("platform-managed KMS", state.describe());
        assertEquals(KmsState.PLATFORM_MANAGED, new KmsProfile(false, null, null, null, " enabled ").state(),
                "enum values are open strings, compared ignoring case");
    }

    @Test
    void nothingOn_isOff_whenTheRecordShowsTheNewerBlock() {
        assertEquals(KmsState.OFF, KmsProfile.NONE.state());
        assertEquals(KmsState.OFF, new KmsProfile(false, null, null, null, "Disabled").state());
    }

    @Test
    void nothingOn_isUnknown_whenTheRecordCannotShowTheNewerBlock() {
        KmsProfile profile = new KmsProfile(false, null, null, null, null, UNREAD);
        KmsState state = profile.state();
        assertEquals(KmsState.Kind.UNKNOWN, state.kind());
        assertEquals(UNREAD, state.missing());
        assertFalse(profile.objectEncryptionInRecord());
    }

    @Test
    void aValueOfTheNewerBlock_isKnownWhateverTheReasonGiven() {
        KmsProfile profile = new KmsProfile(false, null, null, null, "Enabled", UNREAD);
        assertTrue(profile.objectEncryptionInRecord());
        assertEquals(KmsState.PLATFORM_MANAGED, profile.state());
    }

    @Test
    void enabledWithoutKeyId_isUnknown_neverOff() {
        KmsState state = new KmsProfile(true, null, null, null, null).state();
        assertEquals(KmsState.Kind.UNKNOWN, state.kind());
        assertTrue(state.missing().contains("no keyId"), state.missing());
    }

    @Test
    void networkAccess_defaultsToPublic_andPrivateIsReadIgnoringCase() {
        KmsProfile absent = new KmsProfile(true, VERSIONED, null, null, null);
        assertEquals("Public", absent.effectiveNetworkAccess());
        assertFalse(absent.privateVaultNetwork());
        assertTrue(new KmsProfile(true, VERSIONED, "private", null, null).privateVaultNetwork());
    }

    @Test
    void kmsState_refusesContradictions() {
        assertThrows(IllegalArgumentException.class, () -> new KmsState(KmsState.Kind.PLATFORM_MANAGED, VERSIONLESS, null));
        assertThrows(IllegalArgumentException.class, () -> new KmsState(KmsState.Kind.LEGACY_CUSTOMER_KEY, null, null));
        assertThrows(IllegalArgumentException.class, () -> new KmsState(KmsState.Kind.UNKNOWN, null, " "));
        assertNull(KmsState.OFF.missing());
    }
}
