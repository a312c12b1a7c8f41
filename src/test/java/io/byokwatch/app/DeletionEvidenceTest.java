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
import io.byokwatch.render.alert.AlertJson;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.testsupport.Reliability;
import io.byokwatch.testsupport.TreeCopy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A write event is evidence that its cluster exists: an export that lacks the cluster is incomplete, and the cluster's
 * open incident must not be closed as "deleted". Only the cluster's delete event closes it (a live read answering 404
 * is covered with the fake ARM in {@code LiveDeletionEvidenceTest}).
 */
@Tag("reliability")
class DeletionEvidenceTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final String HOTFIX = "/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourcegroups/rg-checkout/providers/Microsoft.ContainerService/managedClusters/aks-checkout-hotfix";
    private static final List<String> OUTCOMES = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterAll
    static void record() {
        if (!OUTCOMES.isEmpty()) {
            long falseDeleted = OUTCOMES.stream().filter("deleted"::equals).count();
            Reliability.record("Faults: state machine edge cases", "Open incident; a write event for its cluster (cluster, node pool)"
                    + " arrives with an export that lacks the cluster", OUTCOMES.size(), falseDeleted + " false 'deleted'; "
                    + OUTCOMES.stream().filter("kept"::equals).count() + "× verdict kept open with a note saying why;"
                    + " the cluster's delete event then closed it", falseDeleted == 0 ? "nothing" : "an open incident");
        }
    }

    @Test
    void writeEventWithAnExportLackingTheCluster_keepsTheIncidentOpen_andSaysWhy() throws IOException {
        for (String operation : List.of("managedClusters/write", "managedClusters/agentPools/write")) {
            Path estate = TreeCopy.copy(Path.of("examples/estate"), tmp.resolve(operation.replace('/', '-')).resolve("estate"));
            Path state = estate.resolveSibling("state");
            detector(estate, state).onEvent(write(operation));
            assertEquals("opened", only(drain(state)).get("kind").getAsString());

            Files.delete(estate.resolve("payments/aks-shipped-nobyok.az.json"));
            DriftDetector.EventOutcome o = detector(estate, state).onEvent(write(operation));
            List<JsonObject> after = drain(state);
            OUTCOMES.add(after.stream().anyMatch(a -> a.get("kind").getAsString().equals("deleted")) ? "deleted" : "kept");
            assertEquals(List.of(), after, operation + ": a partial export closed the incident");
            assertTrue(o.notes().stream().anyMatch(n -> n.contains("does not show it")), o.notes().toString());
            assertEquals("noncompliant", new FileVerdictStore(state.resolve("verdicts")).get(ResourceId.parse(HOTFIX))
                    .orElseThrow().status());

            detector(estate, state).onEvent(delete());
            assertEquals("deleted", only(drain(state)).get("kind").getAsString(), "the delete event still closes it");
        }
    }

    private DriftDetector detector(Path estate, Path state) {
        Policy policy = new PolicyLoader(RuleCatalog.standard().ids()).load(Path.of("examples/policy.json"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new DriftDetector(SnapshotInventory.load(estate), new ImpactRouter(), new ClusterEvaluator(RuleCatalog.standard()),
                () -> policy, new FileVerdictStore(state.resolve("verdicts")), new FileOutbox(state.resolve("outbox"), clock),
                new AlertJson(), clock);
    }

    private static ChangeEvent write(String operation) throws IOException {
        String text = Files.readString(Path.of("examples/events/01-cluster-shipped-without-byok.json"));
        if (operation.contains("agentPools")) {
            text = text.replace("managedClusters/aks-checkout-hotfix\"", "managedClusters/aks-checkout-hotfix/agentPools/nodepool1\"")
                    .replace("Microsoft.ContainerService/managedClusters/write", "Microsoft.ContainerService/managedClusters/agentPools/write");
        }
        return new EventEnvelopeParser().parse(text, null).events().get(0);
    }

    private static ChangeEvent delete() throws IOException {
        String text = Files.readString(Path.of("examples/events/01-cluster-shipped-without-byok.json"))
                .replace("ResourceWriteSuccess", "ResourceDeleteSuccess")
                .replace("Microsoft.ContainerService/managedClusters/write", "Microsoft.ContainerService/managedClusters/delete")
                .replace("8c0e4d2a-5b7f-4c1e-9a3d-6f2b8e0c4a11", "8c0e4d2a-5b7f-4c1e-9a3d-6f2b8e0c4a12");
        return new EventEnvelopeParser().parse(text, null).events().get(0);
    }

    private static List<JsonObject> drain(Path state) {
        Outbox outbox = new FileOutbox(state.resolve("outbox"), Clock.fixed(NOW, ZoneOffset.UTC));
        List<JsonObject> bodies = new ArrayList<>();
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
