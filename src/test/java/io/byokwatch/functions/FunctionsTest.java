package io.byokwatch.functions;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.port.Outbox;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Each Azure Functions entry point invoked as the host would, over the example estate and file-backed state. */
class FunctionsTest {
    private static final String HOTFIX = "/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg-checkout/providers/Microsoft.ContainerService/managedClusters/aks-checkout-hotfix";

    @TempDir
    Path state;
    private Runtime runtime;

    @BeforeEach
    void wire() {
        runtime = Runtime.build(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate",
                "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", state.toString(),
                "BYOKWATCH_POLICY_FILE", "examples/policy.json", "BYOKWATCH_SUBSCRIPTIONS",
                "6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01,a3d9e5f2-8c1b-4f6a-b2e7-9d4c3a1f5e02"),
                Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
    }

    private List<JsonObject> drain() {
        List<JsonObject> out = new ArrayList<>();
        for (Outbox.Lease l : runtime.outbox().lease(100, Duration.ofMinutes(1))) {
            out.add(JsonParser.parseString(l.message().body()).getAsJsonObject());
            runtime.outbox().ack(l);
        }
        return out;
    }

    /** The host hands a trigger one event, not the array Event Grid posted. */
    private static String single(String file) throws IOException {
        JsonArray batch = JsonParser.parseString(Files.readString(Path.of("examples/events", file))).getAsJsonArray();
        return batch.get(0).toString();
    }

    @Test
    void resourceChanged_opensAnAlertForAClusterShippedWithoutByok() throws IOException {
        TestContext ctx = new TestContext("ResourceChanged");
        new ResourceChanged(() -> runtime).run(single("01-cluster-shipped-without-byok.json"), ctx);
        List<JsonObject> alerts = drain();
        assertEquals(1, alerts.size());
        assertEquals("opened", alerts.get(0).get("kind").getAsString());
        assertTrue(ctx.log().contains("maria.lopez@contoso.example"), ctx.log());
    }

    @Test
    void resourceChanged_acceptsCloudEvents_andFansOutAVaultChange() throws IOException {
        TestContext ctx = new TestContext("ResourceChanged");
        new ResourceChanged(() -> runtime).run(single("02-shared-vault-access-policy-changed.cloudevents.json"), ctx);
        assertEquals(3, drain().size(), ctx.log());
    }

    @Test
    void keyVaultChanged_reevaluatesClustersUsingTheKey() throws IOException {
        TestContext ctx = new TestContext("KeyVaultChanged");
        new KeyVaultChanged(() -> runtime).run(single("03-key-new-version.json"), ctx);
        assertTrue(ctx.log().contains("re-evaluated"), ctx.log());
        assertFalse(drain().isEmpty(), "clusters behind kv-pay-prod/aks-disk with findings open alerts on first sight");
    }

    @Test
    void malformedEvent_isLoggedAndDropped_notRetried() {
        TestContext ctx = new TestContext("ResourceChanged");
        assertDoesNotThrow(() -> new ResourceChanged(() -> runtime).run("{\"id\": 1, ", ctx));
        assertTrue(ctx.log().contains("dropped a malformed event"), ctx.log());
    }

    @Test
    void eventFromAnotherSubscription_isIgnoredAndCounted() throws IOException {
        TestContext ctx = new TestContext("ResourceChanged");
        String other = single("01-cluster-shipped-without-byok.json").replace("6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01", "11111111-2222-4333-8444-555555555555");
        new ResourceChanged(() -> runtime).run(other, ctx);
        assertTrue(ctx.log().contains("outside the configured scope"), ctx.log());
        assertTrue(drain().isEmpty());
    }

    @Test
    void reconcile_sweepsEveryCluster() {
        TestContext ctx = new TestContext("Reconcile");
        new Reconcile(() -> runtime).run("{}", ctx);
        assertTrue(ctx.log().contains("re-evaluated 21 cluster(s)"), ctx.log());
        assertEquals(15, drain().size(), "every noncompliant cluster opens once (aks-ehr for its platform-key PVC)");
        new Reconcile(() -> runtime).run("{}", new TestContext("Reconcile"));
        assertTrue(drain().isEmpty(), "a second sweep over an unchanged estate is silent");
    }

    @Test
    void compliance_getListsVerdicts_postReevaluatesOne_badInputIs400() {
        Compliance fn = new Compliance(() -> runtime);
        HttpResponseMessage post = fn.run(new TestHttpRequest(HttpMethod.POST, Map.of(), "{\"clusterId\": \"" + HOTFIX + "\"}"), new TestContext("Compliance"));
        assertEquals(200, post.getStatusCode(), String.valueOf(post.getBody()));
        JsonObject body = JsonParser.parseString((String) post.getBody()).getAsJsonObject();
        assertEquals("noncompliant", body.getAsJsonObject("verdict").get("status").getAsString());
        assertEquals("opened", body.getAsJsonObject("alert").get("kind").getAsString());

        HttpResponseMessage all = fn.run(new TestHttpRequest(HttpMethod.GET, Map.of(), null), new TestContext("Compliance"));
        assertEquals(1, JsonParser.parseString((String) all.getBody()).getAsJsonObject().getAsJsonArray("clusters").size());
        HttpResponseMessage one = fn.run(new TestHttpRequest(HttpMethod.GET, Map.of("clusterId", HOTFIX.toUpperCase().replace("/SUBSCRIPTIONS", "/subscriptions")), null), new TestContext("Compliance"));
        assertEquals(200, one.getStatusCode());

        assertEquals(400, fn.run(new TestHttpRequest(HttpMethod.POST, Map.of(), "not json"), new TestContext("Compliance")).getStatusCode());
        assertEquals(404, fn.run(new TestHttpRequest(HttpMethod.GET, Map.of("clusterId", HOTFIX.replace("hotfix", "other")), null), new TestContext("Compliance")).getStatusCode());
    }
}
