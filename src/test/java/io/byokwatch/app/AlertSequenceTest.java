package io.byokwatch.app;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.eventgrid.EventEnvelopeParser;
import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.adapter.storage.FileOutbox;
import io.byokwatch.adapter.storage.FileVerdictStore;
import io.byokwatch.domain.ChangeEvent;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.impact.ImpactRouter;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.StoredVerdict;
import io.byokwatch.render.alert.AlertJson;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.testsupport.MutableClock;
import io.byokwatch.testsupport.TreeCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cluster's alert sequence only ever grows, also when the clock steps back between its alerts. */
class AlertSequenceTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final String HOTFIX = "/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg-checkout/providers/Microsoft.ContainerService/managedClusters/aks-checkout-hotfix";

    @TempDir
    Path tmp;
    private final MutableClock clock = new MutableClock(NOW);

    @Test
    void clockSteppedBack_resolvedStillComesAfterTheOpenedItCloses() throws IOException {
        Path estate = TreeCopy.copy(Path.of("examples/estate"), tmp.resolve("estate"));
        detector(estate).onEvent(event());
        JsonObject opened = only(drain());
        assertEquals("opened", opened.get("kind").getAsString());
        assertEquals(NOW.toEpochMilli(), opened.get("sequence").getAsLong(), "a sane clock: the detection time");

        clock.advance(Duration.ofHours(-1));
        detector(estate).onEvent(event());
        assertEquals(0, drain().size(), "nothing changed: a silent write at the earlier time");
        clock.advance(Duration.ofMinutes(-5));
        fix(estate);
        detector(estate).onEvent(event());
        JsonObject resolved = only(drain());
        assertEquals("resolved", resolved.get("kind").getAsString());
        assertTrue(resolved.get("sequence").getAsLong() > opened.get("sequence").getAsLong(),
                "resolved " + resolved.get("sequence") + " must order after opened " + opened.get("sequence"));
    }

    @Test
    void aVerdictStoredBeforeSequencesWereKept_ordersAfterItsTimes() throws IOException {
        Path estate = TreeCopy.copy(Path.of("examples/estate"), tmp.resolve("estate"));
        detector(estate).onEvent(event());
        drain();
        FileVerdictStore store = new FileVerdictStore(tmp.resolve("state/verdicts"));
        StoredVerdict v = store.get(ResourceId.parse(HOTFIX)).orElseThrow();
        JsonObject legacy = JsonParser.parseString(v.detailJson()).getAsJsonObject();
        legacy.remove("lastAlertSequence");
        assertTrue(store.put(new StoredVerdict(v.clusterId(), v.clusterName(), v.subscriptionId(), v.status(), v.findingKeys(),
                legacy.toString(), v.since(), v.evaluatedAt(), v.lastAlertAt(), v.lastAlertKind(), v.version())));

        clock.advance(Duration.ofDays(-1));
        fix(estate);
        detector(estate).onEvent(event());
        assertTrue(only(drain()).get("sequence").getAsLong() > NOW.toEpochMilli());
    }

    private DriftDetector detector(Path estate) {
        Policy policy = new PolicyLoader(RuleCatalog.standard().ids()).load(Path.of("examples/policy.json"));
        return new DriftDetector(SnapshotInventory.load(estate), new ImpactRouter(), new ClusterEvaluator(RuleCatalog.standard()),
                () -> policy, new FileVerdictStore(tmp.resolve("state/verdicts")), outbox(), new AlertJson(), clock);
    }

    private static void fix(Path estate) throws IOException {
        Path file = estate.resolve("payments/aks-shipped-nobyok.az.json");
        Files.writeString(file, Files.readString(file)
                .replace("\"diskEncryptionSetId\": null", "\"diskEncryptionSetId\": \"/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg-keys-prod/providers/Microsoft.Compute/diskEncryptionSets/des-pay-prod\"")
                .replace("\"enableEncryptionAtHost\": null", "\"enableEncryptionAtHost\": true")
                .replace("\"azureKeyVaultKms\": null", "\"azureKeyVaultKms\": {\"enabled\": true, \"keyId\":"
                        + " \"https://kv-pay-prod.vault.azure.net/keys/aks-disk/d64e0f2dd88bf5b4ef73d47e7e8c29ca\"}")
                // legacy KMS runs on a user-assigned identity: the payments clusters' one, which may encrypt and decrypt
                .replace("\"type\": \"SystemAssigned\",\n    \"userAssignedIdentities\": null", "\"type\": \"UserAssigned\","
                        + " \"userAssignedIdentities\": {\"/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups"
                        + "/rg-payments-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aks-payments-kms\":"
                        + " {\"principalId\": \"7a1e4c2b-9d3f-4e8a-b6c5-1f0e2d3c4b5a\"}}"));
    }

    private Outbox outbox() {
        return new FileOutbox(tmp.resolve("state/outbox"), clock);
    }

    private static ChangeEvent event() throws IOException {
        return new EventEnvelopeParser().parse(Files.readString(Path.of("examples/events/01-cluster-shipped-without-byok.json")), null)
                .events().get(0);
    }

    private List<JsonObject> drain() {
        List<JsonObject> bodies = new ArrayList<>();
        Outbox outbox = outbox();
        for (Outbox.Lease l : outbox.lease(100, Duration.ofMinutes(1))) {
            bodies.add(JsonParser.parseString(l.message().body()).getAsJsonObject());
            outbox.ack(l);
        }
        return bodies;
    }

    private static JsonObject only(List<JsonObject> alerts) {
        assertEquals(1, alerts.size(), alerts.toString());
        return alerts.get(0);
    }
}
