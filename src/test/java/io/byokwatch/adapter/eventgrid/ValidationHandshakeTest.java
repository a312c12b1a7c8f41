package io.byokwatch.adapter.eventgrid;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationHandshakeTest {

    @Test
    void eventGridReplyCarriesTheCodeFromTheValidationEvent() {
        ParsedBatch batch = new EventEnvelopeParser().parse(Corpus.read("eg_subscription_validation_event_docs.json"));
        String body = ValidationHandshake.eventGridResponseBody(batch.validationCode());
        assertEquals("{\"validationResponse\":\"512d38b6-c7b8-40c8-89fe-f46f9e9622b6\"}", body);
    }

    @Test
    void eventGridReplyEscapesTheCode() {
        String body = ValidationHandshake.eventGridResponseBody("a\"b");
        assertEquals("a\"b", JsonParser.parseString(body).getAsJsonObject().get("validationResponse").getAsString());
    }

    @Test
    void eventGridReplyNeedsACode() {
        assertThrows(IllegalArgumentException.class, () -> ValidationHandshake.eventGridResponseBody(" "));
    }

    @Test
    void cloudEventsOptionsReplyEchoesTheOriginAndAllowsPost() {
        Map<String, String> headers = ValidationHandshake.cloudEventsOptionsHeaders("eventgrid.azure.net");
        assertEquals(Map.of("WebHook-Allowed-Origin", "eventgrid.azure.net", "WebHook-Allowed-Rate", "*",
                "Allow", "POST, OPTIONS"), headers);
        assertEquals(List.of("WebHook-Allowed-Origin", "WebHook-Allowed-Rate", "Allow"), List.copyOf(headers.keySet()));
    }

    @Test
    void cloudEventsOptionsWithoutOriginIsNotAValidationRequest() {
        String m = assertThrows(EventFormatException.class, () -> ValidationHandshake.cloudEventsOptionsHeaders(null))
                .getMessage();
        assertTrue(m.contains("no WebHook-Request-Origin header"), m);
    }

    @Test
    void originThatCouldInjectHeadersIsRefused() {
        assertThrows(EventFormatException.class,
                () -> ValidationHandshake.cloudEventsOptionsHeaders("eventgrid.azure.net\r\nSet-Cookie: x=1"));
    }
}
