package io.byokwatch.app;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.eventgrid.EventEnvelopeParser;
import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.adapter.storage.FileOutbox;
import io.byokwatch.adapter.storage.FileVerdictStore;
import io.byokwatch.domain.ChangeEvent;
import io.byokwatch.impact.ImpactRouter;
import io.byokwatch.policy.Policy;
import io.byokwatch.port.Outbox;
import io.byokwatch.render.alert.AlertJson;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.testsupport.Reliability;
import org.junit.jupiter.api.Tag;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Receivers drop an alert whose alertId they have seen (the README tells them to). So a new transition must never
 * reuse an old transition's id: a cluster deleted and created again under the same name, without BYOK again, is a
 * new incident and its "opened" must get through.
 */
@Tag("reliability")
class ClusterRecreatedTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void recreatedCluster_opensWithANewAlertId() throws IOException {
        Path estate = TreeCopy.copy(Path.of("examples/estate"), tmp.resolve("estate"));
        Path file = estate.resolve("payments/aks-shipped-nobyok.az.json");
        String content = Files.readString(file);
        List<String> opened = new ArrayList<>();
        int cycles = 3;
        for (int cycle = 0; cycle < cycles; cycle++) {
            Files.writeString(file, content);
            detector(estate).onEvent(event());
            List<JsonObject> alerts = drain();
            assertEquals(1, alerts.size(), "cycle " + cycle + ": " + alerts);
            assertEquals("opened", alerts.get(0).get("kind").getAsString());
            opened.add(alerts.get(0).get("alertId").getAsString());
            Files.delete(file);
            detector(estate).reconcile("byokwatch.Reconcile");
            assertEquals("deleted", drain().stream().map(a -> a.get("kind").getAsString()).filter("deleted"::equals)
                    .findFirst().orElse("none"), "cycle " + cycle);
        }
        for (int i = 1; i < opened.size(); i++) {
            assertNotEquals(opened.get(0), opened.get(i), "the re-created cluster's 'opened' reused the first incident's alertId,"
                    + " so receivers that drop repeats drop it");
        }
        Reliability.record("Faults: state machine edge cases", "Cluster deleted and created again without BYOK, " + cycles + " times",
                cycles, cycles + " 'opened' alerts with " + opened.stream().distinct().count() + " distinct alertIds, one 'deleted' each",
                "nothing");
    }

    private DriftDetector detector(Path estate) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new DriftDetector(SnapshotInventory.load(estate), new ImpactRouter(), new ClusterEvaluator(RuleCatalog.standard()),
                () -> Policy.DEFAULT, new FileVerdictStore(tmp.resolve("state/verdicts")), outbox(), new AlertJson(), clock);
    }

    private Outbox outbox() {
        return new FileOutbox(tmp.resolve("state/outbox"), Clock.fixed(NOW, ZoneOffset.UTC));
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

    private static ChangeEvent event() throws IOException {
        return new EventEnvelopeParser().parse(Files.readString(Path.of("examples/events/01-cluster-shipped-without-byok.json")), null)
                .events().get(0);
    }
}
