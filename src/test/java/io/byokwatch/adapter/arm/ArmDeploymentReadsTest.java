package io.byokwatch.adapter.arm;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.DeploymentReads;
import io.byokwatch.port.Lookup;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.byokwatch.adapter.arm.Harness.SUB_A;
import static io.byokwatch.adapter.arm.Harness.SUB_B;
import static org.junit.jupiter.api.Assertions.*;

/** The deployment reads against the fake ARM: payload shapes of the REST specs' examples, every page, 403 and 404. */
class ArmDeploymentReadsTest extends OnFakeArm {
    private static final ResourceId TOPIC = ResourceId.parse("/subscriptions/" + SUB_A
            + "/resourceGroups/rg-events/providers/Microsoft.EventGrid/systemTopics/evgt-a");

    private ArmDeploymentReads reads() {
        return new ArmDeploymentReads(h.settings(), TestTls.get().trustingClient, h.clock, d -> h.clock.advance(d));
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void subscriptionAccess_isReadableDeniedOrUnknown_asARMAnswers() {
        fake.put(Harness.cluster(Harness.clusterId(SUB_A, "c"), null));
        fake.forbidBelow("/subscriptions/" + SUB_B);
        assertEquals(DeploymentReads.Access.Outcome.READABLE, reads().subscriptionAccess(SUB_A).outcome());
        DeploymentReads.Access denied = reads().subscriptionAccess(SUB_B);
        assertEquals(DeploymentReads.Access.Outcome.DENIED, denied.outcome());
        assertTrue(denied.detail().contains("403 Forbidden (AuthorizationFailed"), denied.detail());
        fake.script("/subscriptions/" + Harness.SUB_C + "/resourcegroups", FakeArm.Reply.status(404, "SubscriptionNotFound"));
        assertEquals(DeploymentReads.Access.Outcome.DENIED, reads().subscriptionAccess(Harness.SUB_C).outcome());
        for (int i = 0; i < 5; i++) {
            fake.script("/subscriptions/" + SUB_A + "/resourcegroups", FakeArm.Reply.status(503, "ServiceUnavailable"));
        }
        assertEquals(DeploymentReads.Access.Outcome.UNKNOWN, reads().subscriptionAccess(SUB_A).outcome());
    }

    @Test
    void eventSubscriptions_areReadAcrossPages_includingIdentityDelivery() {
        fake.roleAssignmentPageSize(1);
        fake.put(json("""
                {"properties": {"topic": "%1$s", "provisioningState": "Succeeded",
                  "destination": {"properties": {"resourceId": "/subscriptions/x/resourceGroups/r/providers/Microsoft.Web/sites/f/functions/ResourceChanged"},
                                  "endpointType": "AzureFunction"},
                  "filter": {"includedEventTypes": ["Microsoft.Resources.ResourceWriteSuccess"],
                             "advancedFilters": [{"values": ["a/write", "b/delete"], "operatorType": "StringIn", "key": "data.operationName"},
                                                 {"operatorType": "IsNotNull", "key": "subject"}]},
                  "expirationTimeUtc": "2027-01-01T00:00:00Z"},
                 "id": "%1$s/eventSubscriptions/one", "name": "one", "type": "Microsoft.EventGrid/systemTopics/eventSubscriptions"}
                """.formatted(TOPIC)));
        fake.put(json("""
                {"properties": {"topic": "%1$s", "provisioningState": "Creating",
                  "deliveryWithResourceIdentity": {"identity": {"type": "SystemAssigned"},
                    "destination": {"properties": {"resourceId": "/subscriptions/x/resourceGroups/r/providers/Microsoft.Web/sites/f/functions/KeyVaultChanged"},
                                    "endpointType": "AzureFunction"}},
                  "filter": {}},
                 "id": "%1$s/eventSubscriptions/two", "name": "two", "type": "Microsoft.EventGrid/systemTopics/eventSubscriptions"}
                """.formatted(TOPIC)));

        List<DeploymentReads.Subscription> subs = ((Lookup.Found<List<DeploymentReads.Subscription>>) reads().eventSubscriptions(TOPIC)).value();

        assertEquals(2, subs.size(), "two pages");
        DeploymentReads.Subscription one = subs.get(0);
        assertEquals(List.of("Microsoft.Resources.ResourceWriteSuccess"), one.includedEventTypes());
        assertEquals(List.of("a/write", "b/delete"), one.filters().get(0).values());
        assertEquals(List.of(), one.filters().get(1).values());
        assertEquals("2027-01-01T00:00:00Z", one.expiration());
        DeploymentReads.Subscription two = subs.get(1);
        assertNull(two.includedEventTypes(), "no list means every type");
        assertTrue(two.destinationResourceId().endsWith("/functions/KeyVaultChanged"));
        assertEquals("Creating", two.provisioningState());
    }

    @Test
    void diagnosticSettings_withAnEmptyWorkspace_sendToNone() {
        ResourceId vault = Harness.vaultId(SUB_A, "kv");
        fake.put(json("""
                {"id": "%s/providers/microsoft.insights/diagnosticSettings/to-storage", "type": "Microsoft.Insights/diagnosticSettings",
                 "name": "to-storage", "properties": {"storageAccountId": "/subscriptions/x/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/s",
                 "workspaceId": "", "logs": [{"categoryGroup": "allLogs", "enabled": true, "retentionPolicy": {"enabled": false, "days": 0}}]}}
                """.formatted(vault.toString().toLowerCase())));

        DeploymentReads.DiagnosticSetting s = ((Lookup.Found<List<DeploymentReads.DiagnosticSetting>>) reads().diagnosticSettings(vault))
                .value().get(0);

        assertNull(s.workspaceId());
        assertEquals("allLogs", s.logs().get(0).categoryGroup());
        assertTrue(s.logs().get(0).enabled());
    }

    @Test
    void aFunctionIsFoundAbsentOrUnknown_andAForbiddenListIsUnknownNamingThePermission() {
        ResourceId app = ResourceId.parse("/subscriptions/" + SUB_A + "/resourceGroups/rg/providers/Microsoft.Web/sites/func");
        fake.put(json("{\"id\": \"" + app + "/functions/ResourceChanged\", \"name\": \"func/ResourceChanged\","
                + " \"type\": \"Microsoft.Web/sites/functions\", \"properties\": {\"name\": \"ResourceChanged\", \"isDisabled\": true}}"));
        assertTrue(((Lookup.Found<DeploymentReads.FunctionState>) reads().function(app, "ResourceChanged")).value().disabled());
        assertInstanceOf(Lookup.Absent.class, reads().function(app, "KeyVaultChanged"));
        fake.forbidBelow("/subscriptions/" + SUB_B);
        Lookup<List<DeploymentReads.Topic>> topics = reads().systemTopics(SUB_B);
        String reason = ((Lookup.Unknown<List<DeploymentReads.Topic>>) topics).reason();
        assertTrue(reason.contains("Microsoft.EventGrid/systemTopics/read"), reason);
    }

    @Test
    void noTokenAtAll_isNoCredentials_notARefusalOfTheSubscription() {
        ArmSettings noLogin = new ArmSettings(ArmCloud.AZURE_CLOUD, fake.endpoint(), List.of(SUB_A), null,
                request -> reactor.core.publisher.Mono.error(new com.azure.core.exception.ClientAuthenticationException(
                        "DefaultAzureCredential failed to retrieve a token", null)), 100, null, 0);

        DeploymentReads.Access access = new ArmDeploymentReads(noLogin, TestTls.get().trustingClient, h.clock,
                d -> h.clock.advance(d)).subscriptionAccess(SUB_A);

        assertEquals(DeploymentReads.Access.Outcome.NO_CREDENTIALS, access.outcome());
        assertTrue(access.detail().contains("DefaultAzureCredential failed"), access.detail());
    }
}
