package io.byokwatch.adapter.arm;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.storage.FileOutbox;
import io.byokwatch.adapter.storage.FileVerdictStore;
import io.byokwatch.app.ClusterEvaluator;
import io.byokwatch.app.DriftDetector;
import io.byokwatch.bootstrap.EventIntake;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.impact.ImpactRouter;
import io.byokwatch.policy.Policy;
import io.byokwatch.port.Outbox;
import io.byokwatch.render.alert.AlertJson;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.testsupport.Reliability;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.byokwatch.adapter.arm.Harness.SUB_A;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The other side of {@code DeletionEvidenceTest}: a live read of the cluster answering 404 is the inventory seeing it
 * gone, so a write event followed by that 404 (the cluster was deleted since) does close its incident as deleted.
 */
@Tag("reliability")
class LiveDeletionEvidenceTest {
    private static final ResourceId CLUSTER = Harness.clusterId(SUB_A, "aks-gone");

    @TempDir
    Path temp;

    @Test
    void writeEventThenALiveReadAnswering404_closesTheIncidentAsDeleted() {
        try (FakeArm fake = FakeArm.start()) {
            Harness h = new Harness(fake);
            fake.put(Harness.cluster(CLUSTER, null));
            LiveInventory inventory = h.inventory();
            FileOutbox outbox = new FileOutbox(temp.resolve("outbox"), h.clock);
            EventIntake intake = new EventIntake(new DriftDetector(inventory, new ImpactRouter(),
                    new ClusterEvaluator(RuleCatalog.standard()), () -> Policy.DEFAULT,
                    new FileVerdictStore(temp.resolve("verdicts")), outbox, new AlertJson(), h.clock), inventory::inScope);

            intake.accept(clusterWriteEvent("first"), null);
            assertEquals(List.of("opened"), kinds(outbox));
            fake.remove(CLUSTER);
            h.clock.advance(Duration.ofMinutes(1));
            intake.accept(clusterWriteEvent("second"), null);
            assertEquals(List.of("deleted"), kinds(outbox));
            Reliability.record("Faults: state machine edge cases", "Open incident; a write event for its cluster, then the live"
                    + " read of the cluster answers 404", 1, "'deleted' raised: a read answering 404 is seeing it gone", "nothing");
        }
    }

    private static List<String> kinds(Outbox outbox) {
        List<String> kinds = new ArrayList<>();
        for (Outbox.Lease l : outbox.lease(100, Duration.ofMinutes(1))) {
            JsonObject a = JsonParser.parseString(l.message().body()).getAsJsonObject();
            kinds.add(a.get("kind").getAsString());
            outbox.ack(l);
        }
        return kinds;
    }

    private static String clusterWriteEvent(String id) {
        return "[{\"id\":\"" + id + "\",\"eventType\":\"Microsoft.Resources.ResourceWriteSuccess\",\"eventTime\":\"2026-03-01T10:00:00Z\","
                + "\"subject\":\"" + CLUSTER + "\",\"topic\":\"/subscriptions/" + SUB_A + "\",\"dataVersion\":\"2\",\"data\":{\"resourceUri\":\""
                + CLUSTER + "\",\"operationName\":\"Microsoft.ContainerService/managedClusters/write\",\"status\":\"Succeeded\"}}]";
    }
}
