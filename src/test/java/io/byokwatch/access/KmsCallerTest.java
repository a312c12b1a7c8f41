package io.byokwatch.access;

import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.Tags;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.byokwatch.access.AccessFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The access report knows each cluster's KMS identity: it is an expected caller of encrypt and decrypt on the cluster's
 * KMS key, and anyone else encrypting or decrypting with a KMS key is as critical as someone unwrapping a disk key.
 * aks-etcd's KMS uses kv-kms/etcd as user-assigned identity id-kms (principal {@link #KMS}).
 */
class KmsCallerTest {
    private static final io.byokwatch.domain.Caller KMS = new io.byokwatch.domain.Caller(
            "5b0c1d2e-3f40-4a51-8c62-7d83e94fa0b1", null, null);
    private static final KeyRef KEY = KeyRef.parse("https://kv-kms.vault.azure.net/keys/etcd/0a1b");
    private final UnexpectedCallerDetector detector = new UnexpectedCallerDetector();

    private static ManagedCluster kmsCluster(ManagedIdentity identity) {
        return new ManagedCluster(ResourceId.parse("/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg-aks"
                + "/providers/Microsoft.ContainerService/managedClusters/aks-etcd"), "aks-etcd", "westeurope", Tags.NONE,
                null, new KmsProfile(true, KEY, "Public", null, null), List.of(), "Succeeded", null, identity);
    }

    private static ByokEstate estate(ManagedIdentity identity) {
        return ByokEstate.withKms(Map.of(), List.of(new ByokEstate.KmsUse(KEY, kmsCluster(identity))));
    }

    private static ManagedIdentity userAssigned() {
        return new ManagedIdentity("UserAssigned", null, null, Map.of(ResourceId.parse("/subscriptions/6f1c2a8e-4b7d-4e1a"
                + "-9c3f-2d5e8a7b1c01/resourceGroups/rg-aks/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-kms"),
                KMS.objectId()));
    }

    private static AccessFixtures kmsTraffic() {
        AccessFixtures f = new AccessFixtures();
        for (int d = 0; d < 15; d++) {
            f.add(START.plusSeconds(86_400L * d + 3600), "kv-kms", "etcd", "KeyDecrypt", KMS, "20.1.2.3", 200, 4);
            f.add(START.plusSeconds(86_400L * d + 3600), "kv-kms", "etcd", "KeyEncrypt", KMS, "20.1.2.3", 200, 2);
        }
        return f;
    }

    @Test
    void theClustersKmsIdentity_encryptingAndDecrypting_isExpected() {
        assertEquals(List.of(), kmsTraffic().detect(detector, estate(userAssigned())));
    }

    @Test
    void someoneElseDecryptingWithTheKmsKey_isCritical_andNamesTheCluster() {
        AccessFixtures f = kmsTraffic().add(windowHour(9), "kv-kms", "etcd", "KeyDecrypt", PERSON, "198.51.100.7", 200, 3);
        List<Anomaly> found = f.detect(detector, estate(userAssigned()));
        assertEquals(1, found.size());
        Anomaly a = found.get(0);
        assertEquals(Severity.CRITICAL, a.severity());
        assertTrue(a.explanation().contains("KMS key kv-kms/etcd") && a.explanation().contains("aks-etcd")
                && a.explanation().contains("neither a disk encryption set's identity nor a KMS cluster identity"),
                a.explanation());
        assertFalse(a.explanation().contains("cannot name"), a.explanation());
    }

    @Test
    void someoneElseEncrypting_isAsCriticalAsAnUnwrap() {
        AccessFixtures f = kmsTraffic().add(windowHour(9), "kv-kms", "etcd", "KeyEncrypt", PERSON, "198.51.100.7", 200, 1);
        assertEquals(Severity.CRITICAL, f.detect(detector, estate(userAssigned())).get(0).severity());
    }

    @Test
    void theKmsIdentityUnwrapping_isNotWhatKmsDoes() {
        AccessFixtures f = kmsTraffic().add(windowHour(9), "kv-kms", "etcd", "KeyUnwrap", KMS, "20.1.2.3", 200, 1);
        List<Anomaly> found = f.detect(detector, estate(userAssigned()));
        assertEquals(1, found.size());
        assertTrue(found.get(0).explanation().contains("it is the KMS identity of cluster aks-etcd"),
                found.get(0).explanation());
    }

    @Test
    void aClusterWhoseIdentityIsNotInTheRecord_acceptsCallersFromTheBaseline_andSaysWhy() {
        ByokEstate unknown = estate(ManagedIdentity.NONE);
        assertEquals(List.of(), kmsTraffic().detect(detector, unknown), "the baseline's callers are accepted");
        AccessFixtures f = kmsTraffic().add(windowHour(9), "kv-kms", "etcd", "KeyDecrypt", PERSON, "198.51.100.7", 200, 3);
        Anomaly a = f.detect(detector, unknown).get(0);
        assertTrue(a.explanation().contains("aks-etcd's KMS calls the vault as is not in the inventory"), a.explanation());
    }

    @Test
    void aKeyOnlyKmsUses_isNotASilentDiskKey() {
        DetectionContext c = new DetectionContext(new AccessFixtures().index(), WINDOW, END, 14, estate(userAssigned()),
                Thresholds.DEFAULTS, s -> "");
        assertEquals(List.of(), new SilentKeyDetector().detect(c));
    }
}
