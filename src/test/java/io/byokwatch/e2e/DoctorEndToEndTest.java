package io.byokwatch.e2e;

import com.google.gson.JsonObject;
import io.byokwatch.adapter.arm.FakeArm;
import io.byokwatch.adapter.arm.Harness;
import io.byokwatch.adapter.loganalytics.LocalLogAnalytics;
import io.byokwatch.app.doctor.CheckStatus;
import io.byokwatch.app.doctor.DoctorCheck;
import io.byokwatch.app.doctor.DoctorReport;
import io.byokwatch.bootstrap.DoctorWiring;
import io.byokwatch.bootstrap.Settings;
import io.byokwatch.impact.RoutedOperations;
import io.byokwatch.testsupport.Deployment;
import io.byokwatch.testsupport.DoctorOnFakes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.byokwatch.testsupport.Deployment.APP;
import static io.byokwatch.testsupport.Deployment.KEYS;
import static io.byokwatch.testsupport.Deployment.VAULT;
import static io.byokwatch.testsupport.Deployment.WATCHED;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code byokwatch doctor} against a deployment: the real ARM SDK pipeline over HTTPS to the fake ARM, the real Log
 * Analytics query client to a local workspace stand-in, and Azurite for the state storage. Each broken link of a
 * working deployment turns exactly its check to fail (or unknown, when it cannot be checked), with the fix.
 */
class DoctorEndToEndTest {
    private static DoctorOnFakes fakes;
    private static FakeArm fake;
    private Harness h;
    private Map<String, String> env;

    @BeforeAll
    static void startFakes() {
        fakes = DoctorOnFakes.start();
        fake = fakes.arm;
    }

    @AfterAll
    static void stopFakes() {
        fakes.close();
    }

    @BeforeEach
    void healthyDeployment() {
        env = fakes.reset();
        h = fakes.h;
    }

    private DoctorReport run(DoctorWiring.Choices choices) {
        DoctorWiring.Wired wired = fakes.wire(env, choices);
        return wired.doctor().run(wired.config());
    }

    private DoctorReport run() {
        return run(DoctorWiring.Choices.NONE);
    }

    private static DoctorCheck only(DoctorReport r, String id, String subject) {
        List<DoctorCheck> found = r.checks().stream().filter(c -> c.id().equals(id) && c.subject().equalsIgnoreCase(subject)).toList();
        assertEquals(1, found.size(), id + " " + subject + " in " + r.checks());
        return found.get(0);
    }

    private static List<DoctorCheck> notPassed(DoctorReport r) {
        return r.checks().stream().filter(c -> c.status() != CheckStatus.PASS).toList();
    }

    @Test
    void aWorkingDeployment_passesEveryCheck() {
        DoctorReport r = run();

        assertEquals(List.of(), notPassed(r));
        assertEquals(0, r.exitCode());
        List<String> kinds = r.checks().stream().map(DoctorCheck::id).distinct().toList();
        assertEquals(List.of("scope", "subscription-read", "vault-read", "event-subscription", "function", "audit-setting",
                "audit-workspace", "audit-rows", "state-storage", "notify-config", "channel-secret"), kinds);
        assertEquals(CheckStatus.PASS, only(r, "subscription-read", KEYS).status(), "the central key subscription is checked");
        assertTrue(only(r, "event-subscription", WATCHED).detail().contains("exactly the " + RoutedOperations.ALL.size()),
                only(r, "event-subscription", WATCHED).detail());
        assertEquals(CheckStatus.PASS, only(r, "event-subscription", VAULT.toString()).status());
        assertTrue(only(r, "audit-rows", VAULT.toString()).detail().startsWith("42 audit rows"));
        assertEquals(4, r.checks().stream().filter(c -> c.id().equals("state-storage")).count());
        assertEquals("managed identity with client id " + DoctorOnFakes.CLIENT_ID, r.identity());
        String query = fakes.workspace.requests.get(0).query();
        assertTrue(query.contains("AZKVAuditLogs") && query.contains("AzureDiagnostics"), query);
    }

    @Test
    void noSecretValueAppearsAnywhereInTheReport() {
        String all = run().checks().toString();
        for (String secret : List.of(DoctorOnFakes.SLACK, DoctorOnFakes.SIEM_SECRET, "siem.example.com")) {
            assertFalse(all.contains(secret), secret);
        }
    }

    @Test
    void aFilterThatDropsARoutedOperation_fails_namingIt() {
        List<String> fewer = new ArrayList<>(RoutedOperations.ALL);
        fewer.remove("Microsoft.Compute/diskEncryptionSets/write");
        fake.put(Deployment.eventSubscription(Deployment.subscriptionTopic(WATCHED), "byokwatch-resource-changed",
                "ResourceChanged", List.of("Microsoft.Resources.ResourceWriteSuccess", "Microsoft.Resources.ResourceDeleteSuccess"), fewer));

        DoctorCheck c = only(run(), "event-subscription", WATCHED);

        assertEquals(CheckStatus.FAIL, c.status());
        assertTrue(c.detail().contains("Microsoft.Compute/diskEncryptionSets/write"), c.detail());
        assertTrue(c.fix().contains("deployEventSubscriptions=true"), c.fix());
    }

    @Test
    void aSubscriptionWithoutItsTopic_orWithoutByokwatchsSubscription_fails() {
        fake.remove(id(Deployment.subscriptionTopic(WATCHED) + "/eventSubscriptions/byokwatch-resource-changed"));
        DoctorCheck noSubscription = only(run(), "event-subscription", WATCHED);
        assertEquals(CheckStatus.FAIL, noSubscription.status());
        assertTrue(noSubscription.detail().contains("has no event subscription delivering to " + APP + "/functions/ResourceChanged"),
                noSubscription.detail());

        fake.remove(Deployment.subscriptionTopic(WATCHED));
        DoctorCheck noTopic = only(run(), "event-subscription", WATCHED);
        assertEquals(CheckStatus.FAIL, noTopic.status());
        assertTrue(noTopic.detail().startsWith("No Microsoft.Resources.Subscriptions system topic"), noTopic.detail());
        assertTrue(noTopic.fix().contains("existingSystemTopics"), noTopic.fix());
    }

    @Test
    void anEventSubscriptionStillProvisioning_orToAnotherApp_fails() {
        JsonObject stuck = Deployment.eventSubscription(Deployment.vaultTopic(), "byokwatch-keyvault-changed", "KeyVaultChanged",
                List.of("Microsoft.KeyVault.KeyNewVersionCreated", "Microsoft.KeyVault.KeyNearExpiry", "Microsoft.KeyVault.KeyExpired",
                        "Microsoft.KeyVault.VaultAccessPolicyChanged"), null);
        stuck.getAsJsonObject("properties").addProperty("provisioningState", "AwaitingManualAction");
        fake.put(stuck);
        DoctorCheck c = only(run(), "event-subscription", VAULT.toString());
        assertEquals(CheckStatus.FAIL, c.status());
        assertTrue(c.detail().contains("in state AwaitingManualAction"), c.detail());

        env.put("BYOKWATCH_FUNCTION_APP_ID", APP.toString().replace("x7k2", "old1"));
        DoctorCheck other = only(run(), "event-subscription", WATCHED);
        assertEquals(CheckStatus.FAIL, other.status());
        assertTrue(other.detail().contains("not to this deployment's"), other.detail());
    }

    @Test
    void aSubscriptionTheIdentityCannotRead_fails_withTheGrant_andWhatDependsOnItIsUnknown() {
        env.put(Settings.SUBSCRIPTIONS, WATCHED + "," + Harness.SUB_B);
        fake.forbidBelow("/subscriptions/" + Harness.SUB_B);

        DoctorReport r = run();

        DoctorCheck read = only(r, "subscription-read", Harness.SUB_B);
        assertEquals(CheckStatus.FAIL, read.status());
        assertEquals("az role assignment create --assignee 7d1f5a9e-0000-4000-8000-00000000c1d0 --role Reader --scope /subscriptions/"
                + Harness.SUB_B, read.fix());
        DoctorCheck events = only(r, "event-subscription", Harness.SUB_B);
        assertEquals(CheckStatus.UNKNOWN, events.status(), "a 403 is never a pass and never a finding about the topic");
        assertTrue(events.detail().contains("403 Forbidden"), events.detail());
        assertEquals(1, r.exitCode());
    }

    @Test
    void auditLogsToAnotherWorkspace_fail_andUnreadableSettings_areUnknown() {
        io.byokwatch.domain.ResourceId other = id(Deployment.WORKSPACE.toString().replace("log-byokwatch-x7k2", "log-central"));
        fake.put(Deployment.workspace(other, "99999999-8888-4777-8666-555555555555"));
        fake.put(Deployment.diagnosticSetting(VAULT, "byokwatch-audit", other.toString(), null, "audit"));
        DoctorCheck elsewhere = only(run(), "audit-setting", VAULT.toString());
        assertEquals(CheckStatus.FAIL, elsewhere.status());
        assertTrue(elsewhere.detail().contains("log-central"), elsewhere.detail());
        assertTrue(elsewhere.fix().contains("az monitor diagnostic-settings create --name byokwatch-audit --resource " + VAULT),
                elsewhere.fix());

        fake.forbidBelow(VAULT + "/providers/Microsoft.Insights/diagnosticSettings");
        DoctorCheck unreadable = only(run(), "audit-setting", VAULT.toString());
        assertEquals(CheckStatus.UNKNOWN, unreadable.status());
        assertTrue(unreadable.fix().contains("--role Reader --scope " + VAULT), unreadable.fix());
    }

    @Test
    void theAllLogsGroup_countsAsAuditEvent() {
        fake.put(Deployment.diagnosticSetting(VAULT, "byokwatch-audit", Deployment.WORKSPACE.toString(), null, "allLogs"));

        assertEquals(CheckStatus.PASS, only(run(), "audit-setting", VAULT.toString()).status());
    }

    @Test
    void aWorkspaceWithoutRows_fails_aQuietVault_isUnknown_andARefusal_isUnknownWithTheRole() {
        fakes.answer = r -> LocalLogAnalytics.Response.ok(DoctorOnFakes.rows("/subscriptions/other/resourcegroups/x/providers/microsoft.keyvault/vaults/kv-x", 5));
        DoctorReport quiet = run();
        assertEquals(CheckStatus.PASS, only(quiet, "audit-workspace", Deployment.WORKSPACE_CUSTOMER_ID).status());
        assertEquals(CheckStatus.UNKNOWN, only(quiet, "audit-rows", VAULT.toString()).status());

        fakes.answer = r -> LocalLogAnalytics.Response.ok(DoctorOnFakes.rows("/x", 0).replace("[[\"/x\",0,\"2026-03-01T09:41:00Z\"]]", "[]"));
        assertEquals(CheckStatus.FAIL, only(run(), "audit-workspace", Deployment.WORKSPACE_CUSTOMER_ID).status());

        fakes.answer = r -> new LocalLogAnalytics.Response(403, Map.of(), "{\"error\":{\"code\":\"InsufficientAccessError\","
                + "\"message\":\"The provided credentials have insufficient access to perform the requested operation\"}}");
        DoctorCheck refused = only(run(), "audit-workspace", Deployment.WORKSPACE_CUSTOMER_ID);
        assertEquals(CheckStatus.UNKNOWN, refused.status());
        assertTrue(refused.detail().contains("HTTP 403"), refused.detail());
        assertTrue(refused.fix().contains("--role 'Log Analytics Reader' --scope " + Deployment.WORKSPACE), refused.fix());
    }

    @Test
    void aDisabledOrMissingFunction_fails() {
        fake.put(Deployment.function("ResourceChanged", true));
        fake.remove(id(APP + "/functions/KeyVaultChanged"));

        DoctorReport r = run();

        DoctorCheck disabled = only(r, "function", APP + "/functions/ResourceChanged");
        assertEquals(CheckStatus.FAIL, disabled.status());
        assertEquals("az functionapp config appsettings delete --name func-byokwatch-x7k2 --resource-group rg-byokwatch"
                + " --setting-names AzureWebJobs.ResourceChanged.Disabled", disabled.fix());
        assertEquals(CheckStatus.FAIL, only(r, "function", APP + "/functions/KeyVaultChanged").status());
    }

    @Test
    void anUnresolvedKeyVaultReference_failsItsChannel_withoutShowingIt() {
        String reference = "@Microsoft.KeyVault(SecretUri=https://kv-byokwatch-cfg.vault.azure.net/secrets/siem-secret/)";
        env.put("SIEM_SECRET", reference);

        DoctorReport r = run();

        DoctorCheck siem = only(r, "channel-secret", "siem");
        assertEquals(CheckStatus.FAIL, siem.status());
        assertTrue(siem.detail().contains("SIEM_SECRET") && siem.fix().contains("Key Vault Secrets User"), siem.detail());
        assertFalse(r.checks().toString().contains("kv-byokwatch-cfg"), "the reference's target is not echoed either");
        assertEquals(CheckStatus.PASS, only(r, "channel-secret", "sec-slack").status());
    }

    @Test
    void aMissingChannelSetting_failsTheConfigAndTheChannel() {
        env.remove("SLACK_SEC_URL");

        DoctorReport r = run();

        assertEquals(CheckStatus.FAIL, only(r, "notify-config", "BYOKWATCH_NOTIFY_CONFIG").status());
        DoctorCheck slack = only(r, "channel-secret", "sec-slack");
        assertTrue(slack.detail().contains("setting SLACK_SEC_URL is not set"), slack.detail());
    }

    @Test
    void storageThatDoesNotAnswer_fails() {
        fakes.storage = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey="
                + "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
                + ";TableEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;";

        DoctorReport r = run();

        List<DoctorCheck> state = r.checks().stream().filter(c -> c.id().equals("state-storage")).toList();
        assertEquals(4, state.size());
        assertTrue(state.stream().allMatch(c -> c.status() == CheckStatus.FAIL && c.detail().contains("could not be reached")),
                state.toString());
    }

    @Test
    void aManagementGroup_isCheckedSubscriptionBySubscription_withTheRemediationForOnesMissingTheirTopic() {
        fake.managementGroup("mg-estate", WATCHED, Harness.SUB_B);

        DoctorReport r = run(new DoctorWiring.Choices(List.of(), "mg-estate", null, null, null));

        assertEquals(CheckStatus.PASS, only(r, "scope", "mg-estate").status());
        assertEquals(List.of(WATCHED, Harness.SUB_B), r.scope().subscriptions());
        DoctorCheck missing = only(r, "event-subscription", Harness.SUB_B);
        assertEquals(CheckStatus.FAIL, missing.status());
        assertTrue(missing.fix().contains("az policy remediation create --name byokwatch-onboarding --management-group mg-estate"),
                missing.fix());
        assertEquals(CheckStatus.PASS, only(r, "event-subscription", WATCHED).status());
    }

    @Test
    void aManagementGroupTheIdentityCannotSee_failsTheScope() {
        DoctorCheck scope = only(run(new DoctorWiring.Choices(List.of(), "mg-unseen", null, null, null)), "scope", "mg-unseen");

        assertEquals(CheckStatus.FAIL, scope.status());
        assertTrue(scope.fix().contains("--role Reader --scope /providers/Microsoft.Management/managementGroups/mg-unseen"),
                scope.fix());
    }

    @Test
    void withoutTheFunctionAppOrWorkspace_theChecksThatNeedThemAreUnknown_notPassed() {
        env.remove("BYOKWATCH_FUNCTION_APP_ID");
        env.remove("BYOKWATCH_LOG_ANALYTICS_WORKSPACE_ID");
        env.remove("AZURE_CLIENT_ID");

        DoctorReport r = run();

        assertEquals(CheckStatus.UNKNOWN, only(r, "function", "functions").status());
        assertEquals(CheckStatus.UNKNOWN, only(r, "audit-workspace", "workspace").status());
        assertEquals(CheckStatus.UNKNOWN, only(r, "audit-setting", VAULT.toString()).status());
        assertEquals(CheckStatus.PASS, only(r, "event-subscription", WATCHED).status(), "still checks the function name");
        assertEquals(1, r.exitCode());
        assertTrue(r.identity().startsWith("this shell's Azure credentials"));
    }

    private static io.byokwatch.domain.ResourceId id(String id) {
        return io.byokwatch.domain.ResourceId.parse(id);
    }
}
