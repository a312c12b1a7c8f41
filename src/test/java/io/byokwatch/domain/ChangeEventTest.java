package io.byokwatch.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeEventTest {

    private static ChangeEvent ofType(String type) {
        return new ChangeEvent("1", type, ChangeEvent.SCHEMA_EVENT_GRID, null, null, null, null, null, null, null, null,
                null);
    }

    @Test
    void keyEventsAndAccessPolicyChangesAreKeyRelated() {
        assertTrue(ofType("Microsoft.KeyVault.KeyNewVersionCreated").keyRelated());
        assertTrue(ofType("microsoft.keyvault.keynearexpiry").keyRelated());
        assertTrue(ofType("Microsoft.KeyVault.KeyExpired").keyRelated());
        assertTrue(ofType("Microsoft.KeyVault.VaultAccessPolicyChanged").keyRelated());
    }

    @Test
    void secretAndCertificateEventsAreVaultEventsButNotKeyRelated() {
        ChangeEvent secret = ofType("Microsoft.KeyVault.SecretNewVersionCreated");
        assertTrue(secret.keyVaultEvent());
        assertFalse(secret.keyRelated());
        assertFalse(ofType("Microsoft.KeyVault.CertificateExpired").keyRelated());
    }

    @Test
    void armResourceEventsAreNotVaultEvents() {
        ChangeEvent write = ofType("Microsoft.Resources.ResourceWriteSuccess");
        assertFalse(write.keyVaultEvent());
        assertFalse(write.keyRelated());
    }

    @Test
    void missingActorBecomesUnknownAndMissingTypeIsRefused() {
        assertEquals(Actor.UNKNOWN, ofType("t").actor());
        assertThrows(NullPointerException.class, () -> ofType(null));
    }
}
