package io.byokwatch.app;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.adapter.storage.FileOutbox;
import io.byokwatch.adapter.storage.FileVerdictStore;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.impact.ImpactRouter;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.port.Outbox;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What only the event path can prove, because it remembers each cluster's KMS keys (the KMS estate as files, the file
 * verdict store and outbox): the previous key version must stay usable during the two-key window after a rotation,
 * and a key that served KMS stays load-bearing after KMS is turned off. The disk rules are disabled so that each
 * cluster's status is its KMS chain's.
 */
class KmsEventPathTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final ResourceId OK = ResourceId.parse("/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"
            + "/resourceGroups/rg-kms/providers/Microsoft.ContainerService/managedClusters/aks-kms-ok");
    private static final String V1 = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final String V2 = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";

    @TempDir
    Path tmp;

    private DriftDetector detector(Path estate) {
        Policy policy = new PolicyLoader(RuleCatalog.standard().ids())
                .parse("{\"disabledRules\": [\"aks-no-byok\", \"aks-no-host-encryption\"]}", "kms-policy");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new DriftDetector(SnapshotInventory.load(estate), new ImpactRouter(), new ClusterEvaluator(RuleCatalog.standard()),
                () -> policy, new FileVerdictStore(tmp.resolve("state/verdicts")), outbox(), new AlertJson(), clock);
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

    private Path estate() throws IOException {
        return TreeCopy.copy(Path.of("src/test/resources/kms/estate"), tmp.resolve("estate"));
    }

    /** Replaces the first occurrence: aks-kms-ok is the first cluster, and etcd the first key, in their files. */
    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), "fixture moved: " + from);
        int at = text.indexOf(from);
        Files.writeString(file, text.substring(0, at) + to + text.substring(at + from.length()));
    }

    private Alert reevaluate(Path estate) {
        return detector(estate).reevaluate(OK, Alert.Trigger.sweep("test", NOW), new ArrayList<>()).orElse(null);
    }

    private static String messages(JsonObject alert) {
        List<String> out = new ArrayList<>();
        for (JsonElement f : alert.getAsJsonArray("findings")) {
            out.add(f.getAsJsonObject().get("ruleId").getAsString() + ": " + f.getAsJsonObject().get("message").getAsString());
        }
        return String.join("\n", out);
    }

    @Test
    void theVersionBeforeARotation_expiringDuringTheTwoKeyWindow_opensACriticalAlert() throws IOException {
        Path estate = estate();
        Path clusters = estate.resolve("managed-clusters.json");
        edit(clusters, "kv-kms-open.vault.azure.net/keys/etcd/" + V2, "kv-kms-open.vault.azure.net/keys/etcd/" + V1);
        reevaluate(estate);
        edit(clusters, "kv-kms-open.vault.azure.net/keys/etcd/" + V1, "kv-kms-open.vault.azure.net/keys/etcd/" + V2);
        reevaluate(estate);
        assertEquals(List.of(), drain(), "a rotation with both versions usable is no change worth an alert");

        edit(estate.resolve("etcd.versions.az.json"), "\"expires\": \"2027-07-01T00:00:00+00:00\"",
                "\"expires\": \"2026-11-20T00:00:00+00:00\"");
        reevaluate(estate);
        List<JsonObject> alerts = drain();
        assertEquals(1, alerts.size());
        assertEquals("opened", alerts.get(0).get("kind").getAsString());
        String m = messages(alerts.get(0));
        assertTrue(m.contains("des-key-unavailable: Cluster aks-kms-ok used version " + V1) && m.contains("expired on")
                && m.contains("still protects Kubernetes secrets"), m);
    }

    @Test
    void kmsTurnedOff_theKeyItUsedStaysJudged_andDisablingItAlerts() throws IOException {
        Path estate = estate();
        Path clusters = estate.resolve("managed-clusters.json");
        reevaluate(estate);
        edit(clusters, "\"enabled\": true,\n            \"keyId\": \"https://kv-kms-open.vault.azure.net/keys/etcd/" + V2
                + "\",\n", "\"enabled\": false,\n");
        reevaluate(estate);
        drain();
        edit(estate.resolve("keys.json"), "\"enabled\": true", "\"enabled\": false");
        reevaluate(estate);
        List<JsonObject> alerts = drain();
        assertEquals(1, alerts.size());
        String m = messages(alerts.get(0));
        assertTrue(m.contains("Cluster aks-kms-ok used key etcd") && m.contains("is disabled"), m);
    }
}
