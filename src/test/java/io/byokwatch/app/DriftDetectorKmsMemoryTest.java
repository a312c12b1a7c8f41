package io.byokwatch.app;

import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.adapter.storage.FileOutbox;
import io.byokwatch.adapter.storage.FileVerdictStore;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.impact.ImpactRouter;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.port.StoredVerdict;
import io.byokwatch.render.alert.AlertJson;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.testsupport.TreeCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event path remembers each cluster's KMS keys in its verdict state (the example estate as files, the file verdict
 * store): a key that served KMS stays load-bearing after KMS is turned off, and only the state can say which it was.
 */
class DriftDetectorKmsMemoryTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final ResourceId EHR = ResourceId.parse("/subscriptions/a3d9e5f2-8c1b-4f6a-b2e7-9d4c3a1f5e02"
            + "/resourceGroups/rg-ehr/providers/Microsoft.ContainerService/managedClusters/aks-ehr");
    private static final KeyRef EHR_KEY = KeyRef.parse(
            "https://kv-phi-prod.vault.azure.net/keys/phi-disk/fa1bf7cee13147942e2391ab207eaeb6");

    @TempDir
    Path tmp;

    private FileVerdictStore store() {
        return new FileVerdictStore(tmp.resolve("state/verdicts"));
    }

    private DriftDetector detector(Path estate) {
        Policy policy = new PolicyLoader(RuleCatalog.standard().ids()).load(Path.of("examples/policy.json"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new DriftDetector(SnapshotInventory.load(estate), new ImpactRouter(), new ClusterEvaluator(RuleCatalog.standard()),
                () -> policy, store(), new FileOutbox(tmp.resolve("state/outbox"), clock), new AlertJson(), clock);
    }

    private KmsKeyMemory remembered() {
        StoredVerdict v = store().get(EHR).orElseThrow();
        return new AlertJson().storedKmsKeys(v.detailJson());
    }

    @Test
    void kmsTurnedOff_theStateStillNamesTheKeyThatServedIt() throws IOException {
        Path estate = TreeCopy.copy(Path.of("examples/estate"), tmp.resolve("estate"));
        detector(estate).reconcile("byokwatch.Reconcile");
        assertTrue(remembered().sameAs(new KmsKeyMemory(EHR_KEY, null)), remembered().toString());

        Path file = estate.resolve("health/aks-ehr.az.json");
        String off = Files.readString(file).replace("\"enabled\": true,\n      \"keyId\"", "\"enabled\": false,\n      \"keyId\"");
        assertTrue(!off.equals(Files.readString(file)), "the fixture's KMS block moved");
        Files.writeString(file, off);
        detector(estate).reevaluate(EHR, io.byokwatch.domain.Alert.Trigger.sweep("test", NOW), new java.util.ArrayList<>());
        assertTrue(remembered().sameAs(new KmsKeyMemory(EHR_KEY, null)), remembered().toString());
    }

    @Test
    void aStateWrittenBeforeKeysWereRemembered_loads_andLearnsTheKey() throws IOException {
        Path estate = TreeCopy.copy(Path.of("examples/estate"), tmp.resolve("estate"));
        detector(estate).reconcile("byokwatch.Reconcile");
        StoredVerdict v = store().get(EHR).orElseThrow();
        String withoutKeys = new AlertJson().withKmsKeys(v.detailJson(), KmsKeyMemory.NONE);
        assertTrue(!withoutKeys.contains("kmsKeys"));
        assertTrue(store().put(new StoredVerdict(v.clusterId(), v.clusterName(), v.subscriptionId(), v.status(),
                v.findingKeys(), withoutKeys, v.since(), v.evaluatedAt(), v.lastAlertAt(), v.lastAlertKind(), v.version())));
        assertEquals(KmsKeyMemory.NONE, remembered());
        detector(estate).reconcile("byokwatch.Reconcile");
        assertTrue(remembered().sameAs(new KmsKeyMemory(EHR_KEY, null)), remembered().toString());
    }
}
