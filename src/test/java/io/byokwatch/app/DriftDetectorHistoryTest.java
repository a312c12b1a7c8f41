package io.byokwatch.app;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.eventgrid.EventEnvelopeParser;
import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.adapter.storage.FileOutbox;
import io.byokwatch.adapter.storage.FileTransitionHistory;
import io.byokwatch.adapter.storage.FileVerdictStore;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.ChangeEvent;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.Transition;
import io.byokwatch.impact.ImpactRouter;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.OutboxMessage;
import io.byokwatch.port.TransitionHistory;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The history the event path writes beside each verdict, on real components: the example estate as files and the file
 * verdict store, outbox and history.
 */
class DriftDetectorHistoryTest {
    private static final Instant BASELINE = Instant.parse("2026-11-30T08:00:00Z");
    private static final Instant HANDLED = Instant.parse("2026-11-30T09:14:11Z");
    private static final String HOTFIX = "/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg-checkout/providers/Microsoft.ContainerService/managedClusters/aks-checkout-hotfix";

    @TempDir
    Path tmp;

    private Path estate() throws IOException {
        return TreeCopy.copy(Path.of("examples/estate"), tmp.resolve("estate"));
    }

    private TransitionHistory history() {
        return new FileTransitionHistory(tmp.resolve("state/history"));
    }

    private DriftDetector detector(Path estate, Instant now, Outbox outbox) {
        Policy policy = new PolicyLoader(RuleCatalog.standard().ids()).load(Path.of("examples/policy.json"));
        return new DriftDetector(SnapshotInventory.load(estate), new ImpactRouter(), new ClusterEvaluator(RuleCatalog.standard()),
                () -> policy, new FileVerdictStore(tmp.resolve("state/verdicts")), outbox, new AlertJson(),
                Clock.fixed(now, ZoneOffset.UTC), 1, history());
    }

    private DriftDetector detector(Path estate, Instant now) {
        return detector(estate, now, new FileOutbox(tmp.resolve("state/outbox"), Clock.fixed(now, ZoneOffset.UTC)));
    }

    private List<Transition> all() {
        return history().read(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));
    }

    private static ChangeEvent event(String file) throws IOException {
        return new EventEnvelopeParser().parse(Files.readString(Path.of("examples/events", file)), null).events().get(0);
    }

    @Test
    void firstSweep_recordsABaselinePerQuietCluster_andTheAlertOfEachFailingOne_underTheAlertId() throws IOException {
        DriftDetector.EventOutcome o = detector(estate(), BASELINE).reconcile("byokwatch.Reconcile");

        List<Transition> h = all();
        assertEquals(o.clusters().size(), h.size(), "one entry per cluster evaluated");
        List<String> alertIds = o.alerts().stream().map(Alert::alertId).sorted().toList();
        assertEquals(alertIds, h.stream().filter(t -> t.kind() == Transition.Kind.OPENED).map(Transition::id).sorted().toList());
        assertTrue(h.stream().filter(t -> t.kind() == Transition.Kind.BASELINE).allMatch(t -> t.previousStatus() == null
                && t.status() != ClusterStatus.NONCOMPLIANT && !t.fromEvent() && t.detectedAt().equals(BASELINE)));
        assertTrue(h.stream().anyMatch(t -> t.kind() == Transition.Kind.BASELINE && t.status() == ClusterStatus.COMPLIANT));
        assertTrue(h.stream().anyMatch(t -> t.kind() == Transition.Kind.BASELINE && t.status() == ClusterStatus.EXEMPT));
    }

    @Test
    void anEventThatOpens_recordsFindingsSeverityEventTimeAndActor() throws IOException {
        Path estate = estate();
        Alert alert = detector(estate, HANDLED).onEvent(event("01-cluster-shipped-without-byok.json")).alerts().get(0);

        Transition t = all().stream().filter(x -> x.id().equals(alert.alertId())).findFirst().orElseThrow();
        assertEquals(Transition.Kind.OPENED, t.kind());
        assertEquals(ResourceId.parse(HOTFIX), t.clusterId());
        assertEquals(HANDLED, t.detectedAt());
        assertEquals(Instant.parse("2026-11-30T09:14:07.2210431Z"), t.eventTime(), "the event time Event Grid stamped");
        assertTrue(t.fromEvent());
        assertEquals("maria.lopez@contoso.example", t.actor().upn());
        assertEquals(alert.findings().stream().map(f -> f.key() + " " + f.severity()).sorted().toList(),
                t.findings().stream().map(f -> f.key() + " " + f.severity()).toList());
        assertTrue(t.findings().stream().anyMatch(f -> f.ruleId().equals("aks-no-byok") && f.severity() == Severity.HIGH
                && f.key().equals("aks-no-byok|" + ResourceId.parse(HOTFIX).key())), t.findings().toString());
    }

    @Test
    void aRedeliveredEvent_addsNothing() throws IOException {
        Path estate = estate();
        detector(estate, HANDLED).onEvent(event("01-cluster-shipped-without-byok.json"));
        int before = all().size();

        detector(estate, HANDLED.plusSeconds(30)).onEvent(event("01-cluster-shipped-without-byok.json"));

        assertEquals(before, all().size());
    }

    @Test
    void aCrashBeforeTheOutbox_leavesTheEntry_andTheResentAlertRewritesTheSameOne() throws IOException {
        Path estate = estate();
        List<String> enqueued = new ArrayList<>();
        Outbox failing = new Outbox() {
            public void enqueue(OutboxMessage m) {
                throw new IllegalStateException("queue unavailable");
            }

            public void enqueue(OutboxMessage m, Duration delay) {
                enqueue(m);
            }

            public List<Lease> lease(int max, Duration visibility) {
                return List.of();
            }

            public Lease renew(Lease lease, Duration visibility) {
                return lease;
            }

            public void ack(Lease lease) {
            }

            public void release(Lease lease, Duration delay) {
            }

            public long size() {
                return 0;
            }
        };
        assertThrows(IllegalStateException.class, () -> detector(estate, HANDLED, failing)
                .onEvent(event("01-cluster-shipped-without-byok.json")));
        List<Transition> afterCrash = all();
        assertEquals(1, afterCrash.size(), "written before the outbox was tried, like the pending verdict");

        detector(estate, HANDLED.plusSeconds(60)).onEvent(event("01-cluster-shipped-without-byok.json"));
        Outbox outbox = new FileOutbox(tmp.resolve("state/outbox"), Clock.fixed(HANDLED, ZoneOffset.UTC));
        for (Outbox.Lease l : outbox.lease(10, Duration.ofMinutes(1))) {
            JsonObject body = JsonParser.parseString(l.message().body()).getAsJsonObject();
            enqueued.add(body.get("alertId").getAsString());
        }

        assertEquals(List.of(afterCrash.get(0).id()), enqueued, "the alert re-sent is the one history holds");
        assertEquals(afterCrash, all());
    }

    @Test
    void resolving_thenDeletingTheQuietCluster_recordsBoth() throws IOException {
        Path estate = estate();
        detector(estate, HANDLED).onEvent(event("01-cluster-shipped-without-byok.json"));
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
        detector(estate, HANDLED.plusSeconds(3600)).onEvent(event("01-cluster-shipped-without-byok.json"));
        Files.delete(file);
        detector(estate, HANDLED.plusSeconds(7200)).reevaluate(ResourceId.parse(HOTFIX),
                Alert.Trigger.sweep("byokwatch.Reconcile", HANDLED.plusSeconds(7200)), new ArrayList<>());

        List<Transition.Kind> kinds = all().stream().filter(t -> t.clusterId().equals(ResourceId.parse(HOTFIX)))
                .map(Transition::kind).toList();
        assertEquals(List.of(Transition.Kind.OPENED, Transition.Kind.RESOLVED, Transition.Kind.DELETED), kinds);
        Transition resolved = all().get(1);
        assertFalse(resolved.resolvedKeys().isEmpty());
    }
}
