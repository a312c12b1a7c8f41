package io.byokwatch.domain;

import org.junit.jupiter.api.Test;

import static io.byokwatch.domain.DiskEncryption.KeyKind.CUSTOMER;
import static io.byokwatch.domain.DiskEncryption.KeyKind.NOT_KNOWN;
import static io.byokwatch.domain.DiskEncryption.KeyKind.PLATFORM;
import static io.byokwatch.domain.DiskEncryption.KeyKind.PLATFORM_AND_CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskEncryptionTest {
    private static final ResourceId SET = ResourceId.parse(
            "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des");

    @Test
    void typesCompareIgnoringCase() {
        assertEquals(PLATFORM, DiskEncryption.reported("encryptionatrestwithplatformkey", null).keyKind());
        assertEquals(CUSTOMER, DiskEncryption.reported("EncryptionAtRestWithCustomerKey", SET).keyKind());
        assertEquals(PLATFORM_AND_CUSTOMER,
                DiskEncryption.reported("ENCRYPTIONATRESTWITHPLATFORMANDCUSTOMERKEYS", SET).keyKind());
    }

    @Test
    void aSetNamesACustomerKey_whateverTheLabel() {
        assertEquals(CUSTOMER, DiskEncryption.reported(null, SET).keyKind());
        assertEquals(CUSTOMER, DiskEncryption.reported("SomeFutureType", SET).keyKind());
        assertEquals(CUSTOMER, DiskEncryption.reported("EncryptionAtRestWithPlatformKey", SET).keyKind(),
                "a platform label beside a set is not proof of a platform-only disk");
    }

    @Test
    void unfamiliarOrEmptyBlockWithoutASet_isNotKnown() {
        assertEquals(NOT_KNOWN, DiskEncryption.reported("SomeFutureType", null).keyKind());
        assertEquals(NOT_KNOWN, DiskEncryption.reported(null, null).keyKind());
    }

    @Test
    void customerTypeWithoutASet_stillSaysCustomer_forTheRuleToFindTheSetMissing() {
        assertEquals(CUSTOMER, DiskEncryption.reported("EncryptionAtRestWithCustomerKey", null).keyKind());
    }

    @Test
    void stubAndDefault_areKeptApart() {
        assertFalse(DiskEncryption.NOT_IN_RECORD.known());
        assertEquals(NOT_KNOWN, DiskEncryption.NOT_IN_RECORD.keyKind());
        assertTrue(DiskEncryption.PLATFORM_KEY_BY_DEFAULT.known());
        assertTrue(DiskEncryption.PLATFORM_KEY_BY_DEFAULT.platformKeyOnly());
        assertThrows(IllegalArgumentException.class,
                () -> new DiskEncryption("EncryptionAtRestWithPlatformKey", null, DiskEncryption.Evidence.NOT_IN_RECORD));
    }
}
