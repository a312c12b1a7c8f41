package io.byokwatch.app;

import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Tags;
import io.byokwatch.render.alert.AlertJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KmsKeyMemoryTest {
    private static final KeyRef V1 = KeyRef.parse("https://kv-kms.vault.azure.net/keys/etcd/1111");
    private static final KeyRef V2 = KeyRef.parse("https://kv-kms.vault.azure.net/keys/etcd/2222");
    private static final KeyRef V3 = KeyRef.parse("https://kv-kms.vault.azure.net/keys/etcd/3333");

    private static ManagedCluster cluster(KmsProfile kms) {
        return new ManagedCluster(ResourceId.parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService"
                + "/managedClusters/aks"), "aks", "westeurope", Tags.NONE, null, kms, List.of(), "Succeeded");
    }

    private static ManagedCluster legacy(KeyRef key) {
        return cluster(new KmsProfile(true, key, "Public", null, null));
    }

    @Test
    void aRotation_remembersTheKeyBefore_forTheTwoKeyWindow() {
        KmsKeyMemory m = KmsKeyMemory.NONE.after(legacy(V1)).after(legacy(V2));
        assertEquals(new KmsKeyMemory(V2, V1), m);
        assertEquals(V1, m.apply(legacy(V2)).kms().formerKey());
    }

    @Test
    void aSecondRotation_forgetsTheOldestKey() {
        KmsKeyMemory m = KmsKeyMemory.NONE.after(legacy(V1)).after(legacy(V2)).after(legacy(V3));
        assertEquals(new KmsKeyMemory(V3, V2), m);
    }

    @Test
    void kmsTurnedOff_keepsJudgingTheLastKey() {
        KmsKeyMemory m = KmsKeyMemory.NONE.after(legacy(V1));
        ManagedCluster off = cluster(new KmsProfile(false, null, null, null, null));
        assertSame(m, m.after(off));
        assertEquals(V1, m.apply(off).kms().formerKey());
    }

    @Test
    void movedToPlatformManagedKeys_keepsJudgingTheLastCustomerKey() {
        KeyRef versionless = V1.versionless();
        KmsKeyMemory m = KmsKeyMemory.NONE.after(cluster(new KmsProfile(true, versionless, null, null, "Enabled")));
        ManagedCluster platform = cluster(new KmsProfile(false, null, null, null, "Enabled"));
        assertEquals(versionless, m.after(platform).apply(platform).kms().formerKey());
    }

    @Test
    void theKeyInUse_isNeverAlsoItsOwnFormerKey() {
        KmsKeyMemory m = KmsKeyMemory.NONE.after(legacy(V1)).after(legacy(KeyRef.parse("https://KV-KMS.vault.azure.net/keys/etcd/1111")));
        assertNull(m.previous());
        assertNull(m.apply(legacy(V1)).kms().formerKey());
    }

    @Test
    void storedDetail_carriesBothKeys_andADetailWrittenBeforeThemLoadsAsNone() {
        AlertJson codec = new AlertJson();
        String old = codec.verdictDetail(null, Tags.NONE, null);
        assertEquals(KmsKeyMemory.NONE, codec.storedKmsKeys(old));
        String stored = codec.withKmsKeys(old, new KmsKeyMemory(V2, V1));
        assertTrue(codec.storedKmsKeys(stored).sameAs(new KmsKeyMemory(V2, V1)), stored);
        assertEquals(old, codec.withKmsKeys(stored, KmsKeyMemory.NONE));
        assertEquals(stored, codec.withKmsKeys(codec.withoutPending(stored), new KmsKeyMemory(V2, V1)));
    }
}
