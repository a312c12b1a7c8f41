package io.byokwatch.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyRefTest {

    @Test
    void theSameKeyMatchesWhateverHostCasePortVersionOrTrailingSlash() {
        KeyRef plain = KeyRef.parse("https://kv-pay.vault.azure.net/keys/aks-disk");
        for (String other : new String[] {
                "https://KV-PAY.vault.azure.net/keys/aks-disk/",
                "https://kv-pay.vault.azure.net:443/keys/AKS-DISK/0123456789abcdef0123456789abcdef",
                " https://kv-pay.vault.azure.net//keys//aks-disk// "}) {
            assertTrue(plain.sameKey(KeyRef.parse(other)), other);
        }
        assertFalse(plain.sameKey(KeyRef.parse("https://kv-other.vault.azure.net/keys/aks-disk")));
        assertEquals("kv-pay", plain.vaultName());
        assertEquals("kv-pay.vault.azure.net/keys/aks-disk", plain.keyId());
    }

    @Test
    void versionIsOptionalAndDroppedByVersionless() {
        KeyRef versioned = KeyRef.parse("https://kv.vault.azure.net/keys/k/abc123");
        assertEquals("abc123", versioned.version());
        assertNull(versioned.versionless().version());
        assertEquals("https://kv.vault.azure.net/keys/k", versioned.versionless().toString());
    }

    @Test
    void percentEscapesAreKeptAsWrittenSoTheUrlReadsBackAsTheSameKey() {
        KeyRef escaped = KeyRef.parse("https://kvur.net:442/keys/a-ks-di/0%1abcdef");
        assertEquals("0%1abcdef", escaped.version());
        KeyRef again = KeyRef.parse(escaped.toString());
        assertEquals(escaped, again);
    }

    @Test
    void managedHsmKeysAreRecognised() {
        assertTrue(KeyRef.parse("https://pool.managedhsm.azure.net/keys/k").inManagedHsm());
        assertFalse(KeyRef.parse("https://kv.vault.azure.net/keys/k").inManagedHsm());
    }

    @Test
    void anythingButAKeyUrlIsNullOrAClearError() {
        for (String notAKey : new String[] {null, "", "  ", "kv/keys/k", "https://kv.vault.azure.net/secrets/s",
                "https://kv.vault.azure.net/keys/", "https://kv.vault.azure.net", "https://kv .net/keys/k"}) {
            assertNull(KeyRef.orNull(notAKey), String.valueOf(notAKey));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyRef.parse("https://kv.vault.azure.net/secrets/s"));
        assertTrue(e.getMessage().contains("https://<vault>.vault.azure.net/keys/<name>"), e.getMessage());
    }
}
