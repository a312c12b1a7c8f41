package io.byokwatch.functions;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.bootstrap.KpiRuntime;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.testsupport.NoSecretLeaks;
import io.byokwatch.testsupport.Receiver;
import io.byokwatch.testsupport.TestSecrets;
import io.byokwatch.testsupport.TreeCopy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The weekly KpiDigest function with a notify config, posting over real HTTP to a receiver on 127.0.0.1: Slack and
 * Teams get the four numbers with their change and the link, the signed webhook the KPI JSON, cluster-alert routes
 * nothing. The history: a sweep two weeks ago, a cluster shipped without BYOK and fixed last week.
 */
@ExtendWith(NoSecretLeaks.class)
class KpiDigestFunctionTest {
    private static final Instant MONDAY = Instant.parse("2026-12-07T08:00:00Z");
    @TempDir
    Path tmp;
    private Receiver receiver;
    private Map<String, String> env;

    @BeforeEach
    void historyReceiverAndConfig() throws Exception {
        receiver = Receiver.start();
        Path config = tmp.resolve("notify.json");
        Files.writeString(config, """
                {"channels": {"sec-slack": {"type": "slack", "urlSetting": "SEC_SLACK_URL", "maxPerSecond": 50},
                              "sec-teams": {"type": "teams", "urlSetting": "SEC_TEAMS_URL", "maxPerSecond": 50},
                              "siem": {"type": "webhook", "urlSetting": "SIEM_URL", "secretSetting": "SIEM_SECRET"},
                              "alerts-slack": {"type": "slack", "urlSetting": "ALERTS_SLACK_URL", "maxPerSecond": 50}},
                 "routes": [{"name": "weekly KPIs", "match": {"kinds": ["kpi"]}, "channels": ["sec-slack", "sec-teams", "siem"]},
                            {"match": {"kinds": ["opened", "changed", "resolved", "deleted"]}, "channels": ["alerts-slack"]}],
                 "default": ["alerts-slack"], "delivery": {"allowLoopbackHttp": true, "timeoutSeconds": 5}}
                """);
        Path estate = TreeCopy.copy(Path.of("examples/estate"), tmp.resolve("estate"));
        env = new HashMap<>(Map.of("SEC_SLACK_URL", receiver.url(TestSecrets.slackPath()),
                "SEC_TEAMS_URL", receiver.url("/teams/" + TestSecrets.TEAMS_SIG),
                "SIEM_URL", receiver.url(TestSecrets.webhookPath()), "SIEM_SECRET", TestSecrets.SIGNING_SECRET,
                "ALERTS_SLACK_URL", receiver.url("/alerts/" + TestSecrets.TEAMS_SIG),
                "BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", estate.toString(),
                "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", tmp.resolve("state").toString(),
                "BYOKWATCH_NOTIFY_CONFIG", config.toString()));
        env.put("BYOKWATCH_KPI_DASHBOARD_URL", "https://byokwatch.example.org/api/dashboard");
        NoSecretLeaks.watch(List.of(env.get("SEC_SLACK_URL"), env.get("SEC_TEAMS_URL"), env.get("SIEM_URL"),
                env.get("ALERTS_SLACK_URL"), TestSecrets.SIGNING_SECRET));
        Path hotfix = estate.resolve("payments/aks-shipped-nobyok.az.json");
        String shipped = Files.readString(hotfix);
        Files.delete(hotfix);
        Runtime.build(env, Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC)).detector().reconcile("byokwatch.Reconcile");
        Files.writeString(hotfix, shipped);
        Runtime.build(env, Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC)).detector().reconcile("byokwatch.Reconcile");
        Files.writeString(hotfix, shipped.replace("\"diskEncryptionSetId\": null", "\"diskEncryptionSetId\": \"/subscriptions/"
                        + "6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg-keys-prod/providers/Microsoft.Compute/diskEncryptionSets/des-pay-prod\"")
                .replace("\"enableEncryptionAtHost\": null", "\"enableEncryptionAtHost\": true")
                .replace("\"azureKeyVaultKms\": null", "\"azureKeyVaultKms\": {\"enabled\": true, \"keyId\":"
                        + " \"https://kv-pay-prod.vault.azure.net/keys/aks-disk/d64e0f2dd88bf5b4ef73d47e7e8c29ca\"}")
                // legacy KMS runs on a user-assigned identity: the payments clusters' one, which may encrypt and decrypt
                .replace("\"type\": \"SystemAssigned\",\n    \"userAssignedIdentities\": null", "\"type\": \"UserAssigned\","
                        + " \"userAssignedIdentities\": {\"/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups"
                        + "/rg-payments-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aks-payments-kms\":"
                        + " {\"principalId\": \"7a1e4c2b-9d3f-4e8a-b6c5-1f0e2d3c4b5a\"}}"));
        Runtime.build(env, Clock.fixed(Instant.parse("2026-12-01T15:00:00Z"), ZoneOffset.UTC)).detector().reconcile("byokwatch.Reconcile");
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void mondaysDigest_givesEachChannelTheFourNumbers_theirChange_andTheLink() throws Exception {
        Runtime runtime = Runtime.build(env, Clock.fixed(MONDAY, ZoneOffset.UTC));
        TestContext ctx = new TestContext("KpiDigest");
        new KpiDigest(() -> KpiRuntime.from(runtime, env), () -> runtime.notifications().kpiDigests()).run("{}", ctx);
        NoSecretLeaks.check(ctx.log());

        List<Receiver.Request> requests = receiver.requests();
        assertEquals(3, requests.size(), ctx.log());
        assertTrue(requests.stream().noneMatch(q -> q.path().startsWith("/alerts/")), "cluster-alert routes do not get it");
        String slack = requests.stream().filter(q -> q.path().equals(TestSecrets.slackPath())).findFirst().orElseThrow().body();
        assertTrue(slack.contains("byokwatch KPIs \u00b7 week to 2026-12-07"), slack);
        assertTrue(slack.contains("*Mean time to remediate:* 6 h"), slack);
        assertTrue(slack.contains("https://byokwatch.example.org/api/dashboard"), slack);
        String teams = requests.stream().filter(q -> q.path().startsWith("/teams/")).findFirst().orElseThrow().body();
        assertTrue(teams.contains("\"type\":\"Action.OpenUrl\""), teams);
        assertTrue(teams.contains("Compliant clusters"), teams);
        JsonObject siem = JsonParser.parseString(requests.stream().filter(q -> q.path().equals(TestSecrets.webhookPath()))
                .findFirst().orElseThrow().body()).getAsJsonObject();
        assertEquals(1, siem.get("schemaVersion").getAsInt());
        assertEquals(List.of(), io.byokwatch.render.SchemaCheck.load("schema/kpi-report.v1.schema.json").problems(siem.toString()));
        assertEquals(6.0, siem.getAsJsonObject("headline").get("meanHoursToRemediate").getAsDouble(), "09:00 to 15:00");
        assertTrue(siem.getAsJsonObject("previousWeek").has("compliantPercent"));
        assertEquals("kpi-week-20261207", requests.stream().filter(q -> q.path().equals(TestSecrets.webhookPath())).findFirst()
                .orElseThrow().header("X-Byokwatch-Alert-Id"), "one id per week on every channel, so repeats can be dropped");
        assertTrue(ctx.log().contains("KPI digest kpi-week-20261207 delivered to sec-slack"), ctx.log());
    }
}
