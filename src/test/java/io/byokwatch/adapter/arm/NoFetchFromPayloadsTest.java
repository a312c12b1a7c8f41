package io.byokwatch.adapter.arm;

import com.google.gson.JsonObject;
import io.byokwatch.adapter.storage.FileOutbox;
import io.byokwatch.adapter.storage.FileVerdictStore;
import io.byokwatch.app.ClusterEvaluator;
import io.byokwatch.app.DriftDetector;
import io.byokwatch.bootstrap.EventIntake;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.impact.ImpactRouter;
import io.byokwatch.policy.Policy;
import io.byokwatch.render.alert.AlertJson;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.testsupport.ConnectionTrap;
import io.byokwatch.testsupport.Reliability;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.byokwatch.adapter.arm.Harness.SUB_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the live inventory, URLs reach byokwatch from events and from ARM's own answers (key URLs, vault URIs). Reads
 * must only ever go to the configured ARM endpoint: a listener named by all those URLs receives no connection.
 */
@Tag("reliability")
class NoFetchFromPayloadsTest {
    @TempDir
    Path temp;

    @Test
    void urlsInEventsAndInArmAnswers_areNeverConnectedTo() throws Exception {
        try (FakeArm fake = FakeArm.start(); ConnectionTrap trap = new ConnectionTrap()) {
            String url = trap.url("https");
            Harness h = new Harness(fake);
            ResourceId cluster = Harness.clusterId(SUB_A, "aks-ssrf");
            ResourceId set = Harness.setId(SUB_A, "des-ssrf");
            ResourceId vault = Harness.vaultId(SUB_A, "kv-ssrf");
            fake.put(Harness.kms(Harness.cluster(cluster, set), url + "/keys/etcd/1"));
            fake.put(Harness.set(set, url + "/keys/disk/1", vault, url + "/keys/old/1"));
            JsonObject v = Harness.vault(vault, true);
            v.getAsJsonObject("properties").addProperty("vaultUri", url + "/");
            fake.put(v);
            LiveInventory inventory = h.inventory();
            DriftDetector detector = new DriftDetector(inventory, new ImpactRouter(), new ClusterEvaluator(RuleCatalog.standard()),
                    () -> Policy.DEFAULT, new FileVerdictStore(temp.resolve("v")), new FileOutbox(temp.resolve("o"), h.clock),
                    new AlertJson(), h.clock);
            EventIntake intake = new EventIntake(detector, inventory::inScope);
            List<String> events = List.of(
                    "[{\"id\":\"1\",\"eventType\":\"Microsoft.Resources.ResourceWriteSuccess\",\"eventTime\":\"2026-03-01T10:00:00Z\","
                            + "\"subject\":\"" + cluster + "\",\"topic\":\"" + url + "\",\"data\":{\"resourceUri\":\"" + url + cluster
                            + "\",\"httpRequest\":{\"url\":\"" + url + "/req\"}}}]",
                    "[{\"id\":\"2\",\"eventType\":\"Microsoft.KeyVault.KeyNewVersionCreated\",\"eventTime\":\"2026-03-01T10:00:00Z\","
                            + "\"subject\":\"disk\",\"topic\":\"" + vault + "\",\"data\":{\"Id\":\"" + url + "/keys/disk/2\","
                            + "\"VaultName\":\"kv-ssrf\",\"ObjectName\":\"disk\"}}]",
                    "[{\"id\":\"3\",\"eventType\":\"Microsoft.Resources.ResourceWriteSuccess\",\"eventTime\":\"2026-03-01T10:00:00Z\","
                            + "\"subject\":\"" + vault + "\",\"data\":{\"resourceUri\":\"" + vault + "\"}}]",
                    "[{\"id\":\"4\",\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\",\"eventTime\":\"2026-03-01T10:00:00Z\","
                            + "\"subject\":\"\",\"data\":{\"validationCode\":\"c\",\"validationUrl\":\"" + url + "/validate\"}}]");
            int processed = 0;
            for (String e : events) {
                EventIntake.Result r = intake.accept(e, null);
                processed += r.outcomes().size();
            }
            Thread.sleep(300);
            assertTrue(processed >= 2, "the events were not processed, so the test proves nothing");
            assertTrue(!fake.armGets().isEmpty(), "nothing was read from ARM, so the test proves nothing");
            assertEquals(0, trap.connections(), "byokwatch connected to a URL taken from an event or an ARM answer");
            Reliability.record("Security: serve", "Live inventory: event URLs and ARM-returned key/vault URLs pointing at a local listener",
                    events.size(), fake.requests().size() + " requests, all to the ARM endpoint; 0 connections to the listener", "n/a");
        }
    }
}
