package io.byokwatch.app;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.eventgrid.EventEnvelopeParser;
import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.adapter.storage.FileOutbox;
import io.byokwatch.adapter.storage.FileVerdictStore;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.ChangeEvent;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.impact.ImpactRouter;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.StoredVerdict;
import io.byokwatch.port.VerdictStore;
import io.byokwatch.render.alert.AlertJson;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.testsupport.TreeCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The event path end to end on real components: the example estate as files, the file verdict store and outbox, the
 * real parser and router. The inventory is edited between steps, as the estate would change in Azure.
 */
class DriftDetectorTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final String HOTFIX = "/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg-checkout/providers/Microsoft.ContainerService/managedClusters/aks-checkout-hotfix";

    private static final String PAYMENTS_KMS_IDENTITY = "/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups"
            + "/rg-payments-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aks-payments-kms";

    @TempDir
    Path tmp;

    private Path estate() throws IOException {
        return TreeCopy.copy(Path.of("examples/estate"), tmp.resolve("estate"));
    }

    private DriftDetector detector(Path estate) {
        Policy policy = new PolicyLoader(RuleCatalog.standard().ids()).load(Path.of("examples/policy.json"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new DriftDetector(SnapshotInventory.load(estate), new ImpactRouter(), new ClusterEvaluator(RuleCatalog.standard()),
                () -> policy, new FileVerdictStore(tmp.resolve("state/verdicts")), outbox(), new AlertJson(), clock);
    }

    private Outbox outbox() {
        return new FileOutbox(tmp.resolve("state/outbox"), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ChangeEvent event(String file) throws IOException {
        return new EventEnvelopeParser().parse(Files.readString(Path.of("examples/events", file)), null).events().get(0);
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

    @Test
    void clusterShippedWithoutByok_opensOneAlertNamingWhoShippedIt() throws IOException {
        DriftDetector d = detector(estate());
        DriftDetector.EventOutcome o = d.onEvent(event("01-cluster-shipped-without-byok.json"));
        assertEquals(1, o.alerts().size());
        List<JsonObject> alerts = drain();
        assertEquals(1, alerts.size());
        JsonObject a = alerts.get(0);
        assertEquals("opened", a.get("kind").getAsString());
        assertEquals("aks-checkout-hotfix", a.getAsJsonObject("cluster").get("name").getAsString());
        assertEquals("maria.lopez@contoso.example", a.getAsJsonObject("trigger").getAsJsonObject("actor").get("upn").getAsString());
        assertEquals("Microsoft.ContainerService/managedClusters/write", a.getAsJsonObject("trigger").get("operationName").getAsString());
        assertTrue(a.getAsJsonArray("findings").toString().contains("aks-no-byok"));
    }

    @Test
    void duplicateAndReplayedEvents_raiseNothingMore() throws IOException {
        Path estate = estate();
        DriftDetector d = detector(estate);
        d.onEvent(event("01-cluster-shipped-without-byok.json"));
        d.onEvent(event("01-cluster-shipped-without-byok.json"));
        detector(estate).onEvent(event("01-cluster-shipped-without-byok.json"));
        assertEquals(1, drain().size());
    }

    @Test
    void vaultChange_reevaluatesTheThreeClustersBehindIt_inOneEvent() throws IOException {
        DriftDetector.EventOutcome o = detector(estate()).onEvent(event("02-shared-vault-access-policy-changed.cloudevents.json"));
        assertEquals(3, o.clusters().size(), o.reason());
        assertEquals(3, drain().size(), "first sight of three noncompliant clusters opens three alerts");
    }

    @Test
    void fixArrives_alertResolves_thenClusterDeleted_isSilentBecauseNothingIsOpen() throws IOException {
        Path estate = estate();
        detector(estate).onEvent(event("01-cluster-shipped-without-byok.json"));
        drain();
        Path file = estate.resolve("payments/aks-shipped-nobyok.az.json");
        String fixed = Files.readString(file)
                .replace("\"diskEncryptionSetId\": null", "\"diskEncryptionSetId\": \"/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg-keys-prod/providers/Microsoft.Compute/diskEncryptionSets/des-pay-prod\"")
                .replace("\"enableEncryptionAtHost\": null", "\"enableEncryptionAtHost\": true")
                .replace("\"azureKeyVaultKms\": null", "\"azureKeyVaultKms\": {\"enabled\": true, \"keyId\":"
                        + " \"https://kv-pay-prod.vault.azure.net/keys/aks-disk/d64e0f2dd88bf5b4ef73d47e7e8c29ca\"}")
                // legacy KMS runs on a user-assigned identity: the payments clusters' one, which may encrypt and decrypt
                .replace("\"type\": \"SystemAssigned\",\n    \"userAssignedIdentities\": null", "\"type\": \"UserAssigned\","
                        + " \"userAssignedIdentities\": {\"" + PAYMENTS_KMS_IDENTITY + "\": {\"principalId\":"
                        + " \"7a1e4c2b-9d3f-4e8a-b6c5-1f0e2d3c4b5a\"}}");
        Files.writeString(file, fixed);
        detector(estate).onEvent(event("01-cluster-shipped-without-byok.json"));
        List<JsonObject> resolved = drain();
        assertEquals(1, resolved.size());
        assertEquals("resolved", resolved.get(0).get("kind").getAsString());
        assertEquals("noncompliant", resolved.get(0).get("previousStatus").getAsString());

        Files.delete(file);
        assertTrue(detector(estate).reevaluate(io.byokwatch.domain.ResourceId.parse(HOTFIX),
                Alert.Trigger.sweep("test", NOW), new ArrayList<>()).isEmpty());
        assertEquals(0, drain().size());
    }

    @Test
    void openClusterDeleted_raisesDeleted() throws IOException {
        Path estate = estate();
        detector(estate).onEvent(event("01-cluster-shipped-without-byok.json"));
        drain();
        Files.delete(estate.resolve("payments/aks-shipped-nobyok.az.json"));
        DriftDetector.EventOutcome o = detector(estate).reconcile("byokwatch.Reconcile");
        List<JsonObject> alerts = drain();
        assertTrue(alerts.stream().anyMatch(a -> a.get("kind").getAsString().equals("deleted")
                && a.getAsJsonObject("cluster").get("name").getAsString().equals("aks-checkout-hotfix")), alerts.toString());
        assertTrue(o.clusters().size() >= 21);
    }

    @Test
    void crashAfterVerdictWrite_resendsThePendingAlertWithTheSameId() throws IOException {
        Path estate = estate();
        Policy policy = Policy.DEFAULT;
        Outbox failing = new Outbox() {
            public void enqueue(io.byokwatch.port.OutboxMessage m) { throw new IllegalStateException("queue unavailable"); }
            public void enqueue(io.byokwatch.port.OutboxMessage m, Duration delay) { enqueue(m); }
            public List<Lease> lease(int max, Duration visibility) { return List.of(); }
            public Lease renew(Lease lease, Duration visibility) { return lease; }
            public void ack(Lease lease) { }
            public void release(Lease lease, Duration delay) { }
            public long size() { return 0; }
        };
        DriftDetector broken = new DriftDetector(SnapshotInventory.load(estate), new ImpactRouter(), new ClusterEvaluator(RuleCatalog.standard()),
                () -> policy, new FileVerdictStore(tmp.resolve("state/verdicts")), failing, new AlertJson(), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThrows(IllegalStateException.class, () -> broken.onEvent(event("01-cluster-shipped-without-byok.json")));
        assertEquals(0, drain().size());
        detector(estate).onEvent(event("01-cluster-shipped-without-byok.json"));
        List<JsonObject> alerts = drain();
        assertEquals(1, alerts.size(), "the pending alert is re-sent, and the unchanged verdict raises no second one");
        assertEquals("opened", alerts.get(0).get("kind").getAsString());
    }

    /**
     * Every instance gets the same event; the one that wins the verdict write sends the alert. Another that reads the
     * verdict while the winner is still sending gives it a moment instead of sending a copy of its own.
     */
    @Test
    void aPendingAlertItsWriterIsStillSending_isNotSentAgainByAnotherInstance() throws Exception {
        Path estate = estate();
        FileVerdictStore verdicts = new FileVerdictStore(tmp.resolve("state/verdicts"));
        Outbox failing = new io.byokwatch.testsupport.ForwardingOutbox(outbox()) {
            @Override
            public void enqueue(io.byokwatch.port.OutboxMessage m) {
                throw new IllegalStateException("the writer is between its verdict write and its hand-off");
            }
        };
        DriftDetector writer = new DriftDetector(SnapshotInventory.load(estate), new ImpactRouter(), new ClusterEvaluator(RuleCatalog.standard()),
                () -> Policy.DEFAULT, verdicts, failing, new AlertJson(), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThrows(IllegalStateException.class, () -> writer.onEvent(event("01-cluster-shipped-without-byok.json")));
        io.byokwatch.port.StoredVerdict pending = verdicts.get(io.byokwatch.domain.ResourceId.parse(HOTFIX)).orElseThrow();
        AlertJson codec = new AlertJson();
        Thread finishesSending = new Thread(() -> {
            try {
                Thread.sleep(DriftDetector.WRITER_WAIT.toMillis() / 5);
            } catch (InterruptedException e) {
                return;
            }
            String body = codec.pendingAlert(pending.detailJson());
            outbox().enqueue(io.byokwatch.port.OutboxMessage.of(codec.alertId(body), pending.clusterId().key(), NOW, body));
            verdicts.put(new io.byokwatch.port.StoredVerdict(pending.clusterId(), pending.clusterName(), pending.subscriptionId(),
                    pending.status(), pending.findingKeys(), codec.withoutPending(pending.detailJson()), pending.since(),
                    pending.evaluatedAt(), NOW, pending.lastAlertKind(), pending.version()));
        });
        finishesSending.start();

        detector(estate).onEvent(event("01-cluster-shipped-without-byok.json"));
        finishesSending.join();

        assertEquals(1, outbox().size(), "the writer's copy only");
    }

    /**
     * Between a writer's verdict write and its clearing of the pending mark, another instance may store a newer verdict
     * with a pending alert of its own. The writer clears only the version it wrote, so the other alert stays pending
     * until its own writer (or, if that one crashed, the next evaluation) sends it.
     */
    @Test
    void aWriterClearsOnlyItsOwnPendingMark_neverOneAnotherInstanceWroteSince() throws IOException {
        Path estate = estate();
        FileVerdictStore files = new FileVerdictStore(tmp.resolve("state/verdicts"));
        Instant theirs = NOW.plusSeconds(1);
        VerdictStore overtaken = new VerdictStore() {
            private boolean overtook;

            public Optional<StoredVerdict> get(ResourceId id) { return files.get(id); }
            public boolean delete(ResourceId id, String version) { return files.delete(id, version); }
            public List<StoredVerdict> all() { return files.all(); }

            public String write(StoredVerdict v) {
                String written = files.write(v);
                if (written != null && !overtook && v.lastAlertKind() != null && v.lastAlertAt() == null) {
                    overtook = true;
                    files.write(new StoredVerdict(v.clusterId(), v.clusterName(), v.subscriptionId(), v.status(),
                            v.findingKeys(), v.detailJson(), v.since(), theirs, null, v.lastAlertKind(), written));
                }
                return written;
            }
        };
        new DriftDetector(SnapshotInventory.load(estate), new ImpactRouter(), new ClusterEvaluator(RuleCatalog.standard()),
                () -> Policy.DEFAULT, overtaken, outbox(), new AlertJson(), Clock.fixed(NOW, ZoneOffset.UTC))
                .onEvent(event("01-cluster-shipped-without-byok.json"));

        StoredVerdict stored = files.get(ResourceId.parse(HOTFIX)).orElseThrow();
        assertEquals(theirs, stored.evaluatedAt(), "the other instance's verdict is the one stored");
        assertNull(stored.lastAlertAt(), "and its alert is still marked pending, not cleared by the first writer");
        assertEquals(1, outbox().size(), "the first writer sent its own alert");
    }

    @Test
    void evaluatingClustersSideBySide_decidesExactlyWhatOneAtATimeDecides() throws IOException {
        Path estate = estate();
        Policy policy = new PolicyLoader(RuleCatalog.standard().ids()).load(Path.of("examples/policy.json"));
        List<List<String>> runs = new ArrayList<>();
        for (int width : List.of(1, 8)) {
            Path state = tmp.resolve("width-" + width);
            DriftDetector d = new DriftDetector(SnapshotInventory.load(estate), new ImpactRouter(),
                    new ClusterEvaluator(RuleCatalog.standard()), () -> policy, new FileVerdictStore(state.resolve("verdicts")),
                    new FileOutbox(state.resolve("outbox"), Clock.fixed(NOW, ZoneOffset.UTC)), new AlertJson(),
                    Clock.fixed(NOW, ZoneOffset.UTC), width);
            List<String> decided = new ArrayList<>();
            d.reconcile("byokwatch.Reconcile").alerts().forEach(a -> decided.add(a.kind() + " " + a.clusterName() + " " + a.alertId()));
            d.onEvent(event("02-shared-vault-access-policy-changed.cloudevents.json")).alerts()
                    .forEach(a -> decided.add("again " + a.alertId()));
            runs.add(decided);
        }
        assertTrue(runs.get(0).size() >= 10, runs.get(0).toString());
        assertEquals(runs.get(0), runs.get(1), "same alerts, same ids, same order");
    }
}
