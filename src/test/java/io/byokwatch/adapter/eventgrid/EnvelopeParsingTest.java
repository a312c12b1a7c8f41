package io.byokwatch.adapter.eventgrid;

import io.byokwatch.domain.ChangeEvent;
import io.byokwatch.domain.ResourceId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Single events and batches in both schemas, and batches where some events are bad. */
class EnvelopeParsingTest {
    private static final String DES = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute"
            + "/diskEncryptionSets/des-1";

    private final EventEnvelopeParser parser = new EventEnvelopeParser();

    static String egEvent(String id, String time) {
        return "{\"id\":\"" + id + "\",\"topic\":\"/subscriptions/s1\",\"subject\":\"" + DES + "\","
                + "\"eventType\":\"Microsoft.Resources.ResourceWriteSuccess\",\"eventTime\":\"" + time + "\","
                + "\"data\":{\"resourceUri\":\"" + DES + "\",\"operationName\":\"Microsoft.Compute/diskEncryptionSets"
                + "/write\",\"status\":\"Succeeded\"},\"dataVersion\":\"2\",\"metadataVersion\":\"1\"}";
    }

    static String cloudEvent(String id) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/subscriptions/s1\","
                + "\"type\":\"Microsoft.Resources.ResourceDeleteSuccess\",\"subject\":\"" + DES + "\","
                + "\"time\":\"2024-05-01T10:00:00.1234567Z\",\"data\":{\"resourceUri\":\"" + DES + "\","
                + "\"operationName\":\"Microsoft.Compute/diskEncryptionSets/delete\",\"status\":\"Succeeded\"}}";
    }

    private static List<String> ids(ParsedBatch batch) {
        return batch.events().stream().map(ChangeEvent::eventId).toList();
    }

    @Test
    void eventGridSingleObjectIsAcceptedAsABatchOfOne() {
        ParsedBatch batch = parser.parse(egEvent("a", "2024-05-01T10:00:00Z"));
        assertEquals(List.of("a"), ids(batch));
        assertEquals(ResourceId.parse(DES), batch.events().get(0).resourceId());
        assertEquals(ChangeEvent.SCHEMA_EVENT_GRID, batch.events().get(0).schema());
    }

    @Test
    void eventGridBatchKeepsDeliveryOrder() {
        ParsedBatch batch = parser.parse("[" + egEvent("a", "2024-05-01T10:00:00Z") + ","
                + egEvent("b", "2024-05-01T09:00:00Z") + "," + egEvent("c", "2024-05-01T11:00:00Z") + "]");
        assertEquals(List.of("a", "b", "c"), ids(batch));
    }

    @Test
    void cloudEventSingleObjectIsRead() {
        ParsedBatch batch = parser.parse(cloudEvent("x"), "application/cloudevents+json; charset=utf-8");
        ChangeEvent e = batch.events().get(0);
        assertEquals("x", e.eventId());
        assertEquals(ChangeEvent.SCHEMA_CLOUD_EVENTS, e.schema());
        assertEquals("/subscriptions/s1", e.topic());
        assertEquals("Microsoft.Compute/diskEncryptionSets/delete", e.operationName());
    }

    @Test
    void cloudEventBatchIsRead() {
        ParsedBatch batch = parser.parse("[" + cloudEvent("x") + "," + cloudEvent("y") + "]",
                "application/cloudevents-batch+json");
        assertEquals(List.of("x", "y"), ids(batch));
        assertEquals(0, batch.rejected().size());
    }

    @Test
    void cloudEventWithoutTimeIsAcceptedBecauseTimeIsOptionalThere() {
        ParsedBatch batch = parser.parse(cloudEvent("x").replace("\"time\":\"2024-05-01T10:00:00.1234567Z\",", ""));
        assertEquals(List.of("x"), ids(batch));
        assertNull(batch.events().get(0).eventTime());
    }

    @Test
    void cloudEventDataInBase64IsDecoded() {
        String data = "{\"resourceUri\":\"" + DES + "\",\"operationName\":\"Microsoft.Compute/diskEncryptionSets/write\"}";
        String event = "{\"specversion\":\"1.0\",\"id\":\"b64\",\"source\":\"/subscriptions/s1\","
                + "\"type\":\"Microsoft.Resources.ResourceWriteSuccess\",\"data_base64\":\""
                + Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)) + "\"}";
        ChangeEvent e = parser.parse(event).events().get(0);
        assertEquals("Microsoft.Compute/diskEncryptionSets/write", e.operationName());
        assertEquals(ResourceId.parse(DES), e.resourceId());
    }

    @Test
    void cloudEventsContentTypeMakesAnEventWithoutSpecversionAReportedCloudEvent() {
        String noVersion = cloudEvent("x").replace("\"specversion\":\"1.0\",", "");
        ParsedBatch batch = parser.parse("[" + noVersion + "]", "application/cloudevents-batch+json");
        assertEquals("field 'specversion' is missing", batch.rejected().get(0).reason());
    }

    @Test
    void otherCloudEventsVersionsAreRejectedWithTheFix() {
        ParsedBatch batch = parser.parse("[" + cloudEvent("x").replace("\"1.0\"", "\"0.3\"") + "]");
        assertTrue(batch.rejected().get(0).reason().contains("'0.3'"));
        assertTrue(batch.rejected().get(0).reason().contains("CloudEvents v1.0"));
    }

    @Test
    void oneBrokenEventInABatchKeepsTheOthersAndReportsIndexIdAndField() {
        ParsedBatch batch = parser.parse("[" + egEvent("a", "2024-05-01T10:00:00Z") + ","
                + egEvent("b", "yesterday") + "," + egEvent("c", "2024-05-01T10:00:00Z") + "]");

        assertEquals(List.of("a", "c"), ids(batch));
        ParsedBatch.Rejected r = batch.rejected().get(0);
        assertEquals(1, r.index());
        assertEquals("b", r.eventId());
        assertTrue(r.reason().startsWith("field 'eventTime' is 'yesterday'"), r.reason());
        assertTrue(r.describe().startsWith("event 1 (id b): field 'eventTime'"), r.describe());
    }

    @Test
    void nonObjectElementsAreRejectedOneByOne() {
        ParsedBatch batch = parser.parse("[42, " + egEvent("a", "2024-05-01T10:00:00Z") + ", \"text\", null]");

        assertEquals(List.of("a"), ids(batch));
        assertEquals(List.of(0, 2, 3), batch.rejected().stream().map(ParsedBatch.Rejected::index).toList());
        assertEquals("is a number (42), not an event object", batch.rejected().get(0).reason());
        assertEquals("is a string, not an event object", batch.rejected().get(1).reason());
        assertNull(batch.rejected().get(0).eventId());
    }

    @Test
    void elementWithoutEnvelopeFieldsIsRejectedNamingItsKeys() {
        ParsedBatch batch = parser.parse("[{\"foo\":1,\"bar\":2}]");
        assertTrue(batch.rejected().get(0).reason().contains("keys found: 'foo', 'bar'"),
                batch.rejected().get(0).reason());
    }

    @Test
    void missingIdIsRejectedWithoutAnId() {
        ParsedBatch batch = parser.parse("[" + egEvent("a", "2024-05-01T10:00:00Z").replace("\"id\":\"a\",", "") + "]");
        assertNull(batch.rejected().get(0).eventId());
        assertEquals("field 'id' is missing", batch.rejected().get(0).reason());
    }

    @Test
    void mistypedFieldsAreRejectedNamingTheType() {
        ParsedBatch batch = parser.parse("[" + egEvent("a", "2024-05-01T10:00:00Z").replace("\"id\":\"a\"", "\"id\":7")
                + "," + egEvent("b", "2024-05-01T10:00:00Z").replace("\"subject\":\"" + DES + "\"", "\"subject\":[]")
                + "]");
        assertEquals("field 'id' must be a string, but is a number (7)", batch.rejected().get(0).reason());
        assertEquals("field 'subject' must be a string, but is an array", batch.rejected().get(1).reason());
        assertEquals("b", batch.rejected().get(1).eventId());
    }

    @Test
    void missingEventTypeIsRejected() {
        ParsedBatch batch = parser.parse("[" + egEvent("a", "2024-05-01T10:00:00Z")
                .replace("\"eventType\":\"Microsoft.Resources.ResourceWriteSuccess\",", "") + "]");
        assertEquals("field 'eventType' is missing", batch.rejected().get(0).reason());
    }

    @Test
    void resourceEventWithoutAnyResourceIdIsRejectedNamingBothPlaces() {
        String noIds = egEvent("a", "2024-05-01T10:00:00Z").replace("\"subject\":\"" + DES + "\",", "")
                .replace("\"resourceUri\":\"" + DES + "\",", "\"resourceUri\":\"storage\",");
        ParsedBatch batch = parser.parse("[" + noIds + "]");
        String reason = batch.rejected().get(0).reason();
        assertTrue(reason.contains("'data.resourceUri' is 'storage'") && reason.contains("'subject' is missing"),
                reason);
    }

    @Test
    void resourceUriFallsBackToSubject() {
        String event = egEvent("a", "2024-05-01T10:00:00Z").replace("\"resourceUri\":\"" + DES + "\",", "");
        assertEquals(ResourceId.parse(DES), parser.parse(event).events().get(0).resourceId());
    }

    @Test
    void dataSentAsAnEncodedStringIsStillRead() {
        String event = egEvent("a", "2024-05-01T10:00:00Z").replace(
                "\"data\":{\"resourceUri\":\"" + DES + "\",\"operationName\":\"Microsoft.Compute/diskEncryptionSets"
                        + "/write\",\"status\":\"Succeeded\"}",
                "\"data\":\"{\\\"operationName\\\":\\\"Microsoft.Compute/diskEncryptionSets/delete\\\"}\"");
        assertEquals("Microsoft.Compute/diskEncryptionSets/delete", parser.parse(event).events().get(0).operationName());
    }

    @Test
    void emptyArrayIsAnEmptyBatch() {
        ParsedBatch batch = parser.parse("[]");
        assertEquals(0, batch.events().size());
        assertEquals(0, batch.rejected().size());
    }

    @Test
    void validationEventWithoutCodeIsRejectedAndNoHandshakeIsDue() {
        ParsedBatch batch = parser.parse("[{\"id\":\"v\",\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\","
                + "\"eventTime\":\"2022-10-28T04:23:35Z\",\"subject\":\"\",\"data\":{}}]");
        assertEquals(false, batch.validationRequest());
        assertTrue(batch.rejected().get(0).reason().contains("validationCode"));
    }

    @Test
    void bytesAreDecodedAsUtf8WithOrWithoutByteOrderMark() {
        byte[] plain = ("[" + egEvent("é", "2024-05-01T10:00:00Z") + "]").getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[plain.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(plain, 0, bom, 3, plain.length);

        assertEquals(List.of("é"), ids(parser.parse(plain, "application/json")));
        assertEquals(List.of("é"), ids(parser.parse(bom, null)));
    }

    @Test
    void bytesFollowTheContentTypeCharset() {
        byte[] latin1 = ("[" + egEvent("é", "2024-05-01T10:00:00Z") + "]").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(List.of("é"), ids(parser.parse(latin1, "application/json; charset=ISO-8859-1")));
    }
}
