package io.byokwatch.adapter.eventgrid;

import io.byokwatch.domain.ChangeEvent;
import io.byokwatch.domain.ResourceId;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every published sample parses into the fields routing and audit rely on. */
class CorpusEventParsingTest {
    private static final String STORAGE_ACCOUNT = "/subscriptions/{subscription-id}/resourcegroups/{resource-group}"
            + "/providers/Microsoft.Storage/storageAccounts/{storage-name}";

    private final EventEnvelopeParser parser = new EventEnvelopeParser();

    private ChangeEvent only(String file) {
        ParsedBatch batch = parser.parse(Corpus.read(file));
        assertEquals(0, batch.rejected().size(), () -> "rejected: " + batch.rejected());
        assertEquals(1, batch.events().size());
        return batch.events().get(0);
    }

    @Test
    void resourceWriteSuccessInEventGridSchemaYieldsResourceOperationActorAndTime() {
        ChangeEvent e = only("eg_resource_write_success_eventgridschema_docs.json");

        assertEquals("4db48cba-50a2-455a-93b4-de41a3b5b7f6", e.eventId());
        assertEquals("Microsoft.Resources.ResourceWriteSuccess", e.eventType());
        assertEquals(ChangeEvent.SCHEMA_EVENT_GRID, e.schema());
        assertEquals("/subscriptions/{subscription-id}/resourceGroups/{resource-group}", e.topic());
        assertEquals(ResourceId.parse(STORAGE_ACCOUNT), e.resourceId());
        assertEquals("Microsoft.Storage/storageAccounts/write", e.operationName());
        assertEquals("Succeeded", e.status());
        assertEquals(Instant.parse("2018-07-19T18:38:04.6117357Z"), e.eventTime());
        assertEquals("{user-name}", e.actor().upn());
        assertEquals("{full-name}", e.actor().name());
        assertEquals("{ID}", e.actor().appId());
        assertEquals("{ID}", e.actor().objectId());
        assertNull(e.key());
        assertNull(e.vaultId());
    }

    @Test
    void resourceDeleteSuccessInEventGridSchemaYieldsDeleteOperation() {
        ChangeEvent e = only("eg_resource_delete_success_eventgridschema_docs.json");

        assertEquals("19a69642-1aad-4a96-a5ab-8d05494513ce", e.eventId());
        assertEquals("Microsoft.Resources.ResourceDeleteSuccess", e.eventType());
        assertEquals(ResourceId.parse(STORAGE_ACCOUNT), e.resourceId());
        assertEquals("Microsoft.Storage/storageAccounts/delete", e.operationName());
        assertEquals(Instant.parse("2018-07-19T19:24:12.763881Z"), e.eventTime());
        assertEquals("{user-name}", e.actor().upn());
        assertEquals("{user-name}", e.actor().describe());
    }

    @Test
    void resourceWriteSuccessAsCloudEventTakesTypeSourceAndTime() {
        ParsedBatch batch = parser.parse(Corpus.read("eg_resource_write_success_cloudevents_docs.json"),
                "application/cloudevents-batch+json; charset=utf-8");
        assertEquals(1, batch.events().size());
        ChangeEvent e = batch.events().get(0);

        assertEquals(ChangeEvent.SCHEMA_CLOUD_EVENTS, e.schema());
        assertEquals("4db48cba-50a2-455a-93b4-de41a3b5b7f6", e.eventId());
        assertEquals("Microsoft.Resources.ResourceWriteSuccess", e.eventType());
        assertEquals("/subscriptions/{subscription-id}/resourceGroups/{resource-group}", e.topic());
        assertEquals(ResourceId.parse(STORAGE_ACCOUNT), e.resourceId());
        assertEquals("Microsoft.Storage/storageAccounts/write", e.operationName());
        assertEquals(Instant.parse("2018-07-19T18:38:04.6117357Z"), e.eventTime());
        assertEquals("{user-name}", e.actor().upn());
        assertEquals("{ID}", e.actor().objectId());
    }

    @Test
    void cloudEventSampleIsDetectedFromItsFieldsWithoutAContentType() {
        ChangeEvent e = only("eg_resource_write_success_cloudevents_docs.json");
        assertEquals(ChangeEvent.SCHEMA_CLOUD_EVENTS, e.schema());
    }

    @Test
    void legacyStringifiedClaimsAuthorizationAndHttpRequestDoNotStopTheEvent() {
        ChangeEvent e = only("eg_resource_delete_success_stringified_data_fields_javasdk_test.json");

        assertEquals("25b3b0d0-d79b-44d5-9963-440d4e6a9bba", e.eventId());
        assertEquals(ResourceId.parse("/subscriptions/{subscription-id}/resourceGroups/{resource-group}/providers"
                + "/Microsoft.EventGrid/eventSubscriptions/LogicAppdd584bdf-8347-49c9-b9a9-d1f980783501"),
                e.resourceId());
        assertEquals("Microsoft.EventGrid/eventSubscriptions/write", e.operationName());
        assertEquals("Succeeded", e.status());
        assertEquals(Instant.parse("2017-08-16T03:54:38.2696833Z"), e.eventTime());
        // the SDK test's claims hold only claimKey1/claimKey2, so there is no one to name
        assertEquals("unknown", e.actor().describe());
    }

    @Test
    void subscriptionValidationEventYieldsItsCodeAndUrl() {
        ParsedBatch batch = parser.parse(Corpus.read("eg_subscription_validation_event_docs.json"));

        assertTrue(batch.validationRequest());
        assertEquals("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", batch.validationCode());
        assertTrue(batch.validationUrl().startsWith("https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/"
                + "myeventsub/validate?id="));
        assertEquals("Microsoft.EventGrid.SubscriptionValidationEvent", batch.events().get(0).eventType());
        assertEquals(Instant.parse("2022-10-28T04:23:35.1981776Z"), batch.events().get(0).eventTime());
    }

    @Test
    void ordinaryDeliveryIsNotAValidationRequest() {
        ParsedBatch batch = parser.parse(Corpus.read("eg_resource_write_success_eventgridschema_docs.json"));
        assertFalse(batch.validationRequest());
        assertNull(batch.validationCode());
    }

    @Test
    void keyVaultSampleWithStraySpacesYieldsTrimmedObjectNameAndVault() {
        ChangeEvent e = only("eg_keyvault_secret_new_version_eventgridschema_docs.json");

        ResourceId vault = ResourceId.parse("/subscriptions/{subscription-id}/resourceGroups/sample-rg/providers"
                + "/Microsoft.KeyVault/vaults/sample-kv");
        assertEquals(vault, e.vaultId());
        // "ObjectName " (trailing space in the published key) still names the secret
        assertEquals(vault.child("secrets", "newsecret"), e.resourceId());
        assertEquals("Microsoft.KeyVault.SecretNewVersionCreated", e.eventType());
        assertEquals(Instant.parse("2019-07-25T01:08:33.1036736Z"), e.eventTime());
        assertTrue(e.keyVaultEvent());
        assertFalse(e.keyRelated(), "a secret event is parsed but flagged as not key-related");
        assertNull(e.key(), "a secret URL is not a key");
    }
}
