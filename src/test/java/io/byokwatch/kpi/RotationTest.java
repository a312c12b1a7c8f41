package io.byokwatch.kpi;

import io.byokwatch.domain.KeyRef;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.byokwatch.kpi.KeysInUse.des;
import static io.byokwatch.kpi.KeysInUse.key;
import static io.byokwatch.kpi.KeysInUse.kms;
import static io.byokwatch.kpi.KeysInUse.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RotationTest {
    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
    private static final String DISK = "https://kv-pay.vault.azure.net/keys/aks-disk";

    /** Versions on 2024-12-01, 2025-06-01 and 2026-06-01; the set still on the 2025 version, KMS on the newest. */
    private static KeyInUse rotated() {
        return new KeyInUse(KeyRef.parse(DISK), key(DISK + "/v3", "RSA-HSM", 3072, true), null,
                List.of(version(DISK + "/v1", "2024-12-01T00:00:00Z"), version(DISK + "/v3", "2026-06-01T00:00:00Z"),
                        version(DISK + "/v2", "2025-06-01T00:00:00Z")), null,
                List.of(des("des-pay", "v2", false, "aks-pay-1"), kms("aks-pay-1", "V3")), 2L);
    }

    private static KeyInUse unversioned() {
        String url = "https://kv-legacy.vault.azure.net/keys/disk-shared";
        return new KeyInUse(KeyRef.parse(url), key(url + "/aa", "RSA", 2048, false), null, null,
                "the versions of key disk-shared are not in the inventory; add az keyvault key list-versions",
                List.of(des("des-legacy", "aa", false, "aks-a"), des("des-legacy-2", null, true, "aks-b")), null);
    }

    @Test
    void aKeysVersions_giveItsYearCount_age_andInterval() {
        RotationFigures.KeyRotation k = Rotation.compute(List.of(rotated()), AT, 365).keys().get(0);

        assertEquals(1, k.versionsLastYear(), "2025-06-01 is 548 days before the end");
        assertEquals(183, k.daysSinceNewest());
        assertEquals((182 + 365) / 2.0, k.medianIntervalDays(), 1e-9, "182 then 365 days apart");
        assertEquals("v3", k.newestVersion());
        assertEquals("rotates", k.policy());
        assertTrue(k.withinPolicy());
        assertEquals(2L, k.rotateOps());
        assertNull(k.unknown());
    }

    @Test
    void eachConsumer_isOnTheNewestVersionOrNot_ignoringCase() {
        RotationFigures r = Rotation.compute(List.of(rotated()), AT, 365);

        List<RotationFigures.ConsumerState> states = r.keys().get(0).consumers();
        assertFalse(states.get(0).onNewest(), "the set is pinned to v2");
        assertTrue(states.get(1).onNewest());
        assertEquals(2, r.consumers());
        assertEquals(1, r.onNewest());
    }

    @Test
    void withoutVersions_theAgeIsUnknown_notOld_andTheKeyIsLeftOutOfTheShare() {
        RotationFigures r = Rotation.compute(List.of(rotated(), unversioned()), AT, 365);

        RotationFigures.KeyRotation k = r.keys().get(1);
        assertNull(k.daysSinceNewest());
        assertNull(k.withinPolicy());
        assertNull(k.versionsLastYear());
        assertTrue(k.unknown().contains("list-versions"), k.unknown());
        assertEquals("none", k.policy());
        assertEquals(1, r.judged());
        assertEquals(100.0, r.withinPolicyPercent());
        assertTrue(k.consumers().get(0).onNewest(), "the key's current version still says which is newest");
        assertNull(k.consumers().get(1).onNewest(), "a versionless URL cannot be compared");
    }

    @Test
    void aStricterPolicy_failsTheSameKey() {
        RotationFigures r = Rotation.compute(List.of(rotated()), AT, 90);

        assertFalse(r.keys().get(0).withinPolicy());
        assertEquals(0.0, r.withinPolicyPercent());
    }
}
