package io.byokwatch.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import io.byokwatch.adapter.arm.ArmSettings;
import io.byokwatch.adapter.arm.FakeArm;
import io.byokwatch.adapter.arm.Harness;
import io.byokwatch.adapter.arm.LiveInventory;
import io.byokwatch.adapter.arm.TestTls;
import io.byokwatch.domain.ResourceId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.byokwatch.adapter.arm.Harness.SUB_A;
import static io.byokwatch.adapter.arm.Harness.SUB_B;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code scan --live} through the real SDK clients and Resource Graph paging against the fake ARM over HTTPS. Only the
 * identity is a stand-in (Entra ID cannot be reached here): the command builds DefaultAzureCredential as in production,
 * and the test's source swaps in the fake's fixed token and a client that trusts its self-signed certificate.
 */
class ScanLiveTest {
    private static FakeArm fake;
    private final List<ArmSettings> opened = new ArrayList<>();

    @BeforeAll
    static void start() {
        fake = FakeArm.start();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void estate() {
        fake.reset();
        ResourceId vault = Harness.vaultId(SUB_A, "kv-disk");
        ResourceId set = Harness.setId(SUB_A, "des-prod");
        fake.put(Harness.vault(vault, false));
        fake.put(Harness.key(vault, "disk"));
        fake.put(Harness.set(set, "https://kv-disk.vault.azure.net/keys/disk/0123456789abcdef0123456789abcdef", vault, null));
        fake.put(Harness.cluster(Harness.clusterId(SUB_A, "aks-byok"), set));
        fake.put(Harness.cluster(Harness.clusterId(SUB_A, "aks-nobyok"), null));
        fake.put(Harness.cluster(Harness.clusterId(SUB_B, "aks-other-sub"), null));
    }

    /** The fake's fixed token: everything after the credential is the real SDK pipeline and Netty client. */
    private static final TokenCredential TOKEN = request -> Mono.just(new AccessToken(FakeArm.TOKEN,
            OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)));

    private MainTest.Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LiveSource onFake = settings -> {
            opened.add(settings);
            ArmSettings s = new ArmSettings(settings.cloud(), fake.endpoint(), settings.subscriptionIds(),
                    settings.managementGroupId(), TOKEN, settings.readsPerMinute(), settings.cacheTtl(), 0);
            return new LiveInventory(s, TestTls.get().trustingClient, Clock.systemUTC(), d -> { });
        };
        CliContext cli = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env, onFake);
        int code = Main.run(args, cli);
        return new MainTest.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> clusterNames(String json) {
        List<String> names = new ArrayList<>();
        for (JsonElement c : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("clusters")) {
            names.add(c.getAsJsonObject().get("name").getAsString());
        }
        return names;
    }

    @Test
    void live_scansTheSubscriptionsGiven_throughResourceGraphAndArm() {
        MainTest.Result r = run(Map.of(), "scan", "--live", "--subscription", SUB_A, "--format", "json", "--now", "2026-03-01T00:00:00Z");
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of("aks-byok", "aks-nobyok"), clusterNames(r.out()));
        JsonObject report = JsonParser.parseString(r.out()).getAsJsonObject();
        boolean noByok = false;
        for (JsonElement f : report.getAsJsonArray("findings")) {
            noByok |= f.getAsJsonObject().get("ruleId").getAsString().equals("aks-no-byok")
                    && f.getAsJsonObject().get("resourceId").getAsString().endsWith("/aks-nobyok");
        }
        assertTrue(noByok, r.out());
        JsonArray scoped = fake.graphRequests().get(0).json().getAsJsonArray("subscriptions");
        assertEquals(1, scoped.size());
        assertEquals(SUB_A, scoped.get(0).getAsString());
        assertTrue(fake.armGets().stream().anyMatch(g -> g.path().toLowerCase().contains("/diskencryptionsets/des-prod")),
                "the set is read from ARM");
        assertEquals(1, opened.size());
        assertNull(opened.get(0).armEndpoint(), "production ARM unless BYOKWATCH_ARM_ENDPOINT says otherwise");
    }

    @Test
    void live_takesAManagementGroup_orTheScopeFromTheSettings() {
        fake.managementGroup("mg-prod", SUB_B);
        MainTest.Result mg = run(Map.of(), "scan", "--live", "--management-group", "mg-prod", "--format", "json", "--fail-on", "none");
        assertEquals("mg-prod", opened.get(0).managementGroupId());
        assertTrue(opened.get(0).subscriptionIds().isEmpty());
        assertNotNull(mg);
        Map<String, String> env = new HashMap<>(Map.of("BYOKWATCH_SUBSCRIPTIONS", SUB_A + "," + SUB_B,
                "BYOKWATCH_ARM_ENDPOINT", "https://management.example.test", "BYOKWATCH_CLOUD", "AzureUSGovernment"));
        MainTest.Result fromEnv = run(env, "scan", "--live", "--format", "json", "--fail-on", "none");
        assertEquals(0, fromEnv.code(), fromEnv.err());
        assertEquals(List.of("aks-byok", "aks-nobyok", "aks-other-sub"), clusterNames(fromEnv.out()));
        ArmSettings s = opened.get(1);
        assertEquals(List.of(SUB_A, SUB_B), s.subscriptionIds());
        assertEquals("https://management.example.test", s.armEndpoint().toString());
        assertEquals("AzureUSGovernment", s.cloud().toString());
    }

    @Test
    void aClusterListThatCannotBeRead_isAnError_neverAShortReport() {
        fake.scriptGraph(FakeArm.Reply.status(403, "AuthorizationFailed"));
        MainTest.Result r = run(Map.of(), "scan", "--live", "--subscription", SUB_A);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("byokwatch: cannot list the clusters to scan:"), r.err());
        assertTrue(r.err().contains("az login"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void liveSarif_givesTheResourceIdAsALogicalLocation_andSaysWhatThatMeansForGitHub() {
        MainTest.Result r = run(Map.of(), "scan", "--live", "--subscription", SUB_A, "--format", "sarif", "--fail-on", "none");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(), io.byokwatch.render.SchemaCheck.load("schema/sarif-2.1.0.json").problems(r.out()));
        JsonObject run = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject();
        assertFalse(run.getAsJsonArray("results").isEmpty());
        for (JsonElement result : run.getAsJsonArray("results")) {
            JsonObject location = result.getAsJsonObject().getAsJsonArray("locations").get(0).getAsJsonObject();
            assertFalse(location.has("physicalLocation"), "no invented path: " + location);
            assertTrue(location.getAsJsonArray("logicalLocations").get(0).getAsJsonObject().get("fullyQualifiedName")
                    .getAsString().startsWith("/subscriptions/" + SUB_A));
        }
        assertTrue(r.err().contains("GitHub code scanning refuses results without a file location"), r.err());
    }

    @Test
    void usageMistakes_withLive() {
        assertEquals(2, run(Map.of(), "scan", "--live").code(), "no scope");
        assertTrue(run(Map.of(), "scan", "--live").err().contains("az account list"));
        assertEquals(2, run(Map.of(), "scan", "--live", "--inventory", "examples/estate").code());
        assertEquals(2, run(Map.of(), "scan", "--live", "--subscription", "prod").code());
        assertEquals(2, run(Map.of(), "scan", "--live", "--subscription", SUB_A, "--management-group", "mg").code());
        assertEquals(2, run(Map.of(), "scan", "--inventory", "examples/estate", "--subscription", SUB_A).code());
        assertTrue(opened.isEmpty(), "nothing is read from Azure for a usage mistake");
    }
}
