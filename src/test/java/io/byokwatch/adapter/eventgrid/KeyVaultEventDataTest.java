package io.byokwatch.adapter.eventgrid;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.domain.ChangeEvent;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ResourceId;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyVaultEventDataTest {
    private static final String SAMPLE = "eg_keyvault_secret_new_version_eventgridschema_docs.json";
    private static final String VAULT = "/subscriptions/{subscription-id}/resourceGroups/sample-rg/providers"
            + "/Microsoft.KeyVault/vaults/sample-kv";

    private static JsonObject sampleEvent() {
        return JsonParser.parseString(Corpus.read(SAMPLE)).getAsJsonArray().get(0).getAsJsonObject();
    }

    @Test
    void publishedSampleKeysWithStraySpacesAreFoundAndValuesTrimmed() {
        KeyVaultEventData d = KeyVaultEventData.read(sampleEvent().get("data"));

        assertEquals("newsecret", d.objectName(), "key is \"ObjectName \" in the sample");
        assertEquals("ee059b2bb5bc48398a53b168c6cdcb10", d.version(), "value is \" ee05…\" in the sample");
        assertEquals("sample-kv", d.vaultName());
        assertEquals("Secret", d.objectType());
        assertEquals("https://sample-kv.vault.azure.net/secrets/newsecret/ee059b2bb5bc48398a53b168c6cdcb10", d.id());
    }

    @Test
    void epochDatesAreReadFromStringsAsInTheSample() {
        KeyVaultEventData d = KeyVaultEventData.read(sampleEvent().get("data"));
        assertEquals(Instant.ofEpochSecond(1559081980L), d.notBefore());
        assertEquals(Instant.ofEpochSecond(1559082102L), d.expires());
    }

    @Test
    void epochDatesAreReadFromNumbersAsInTheSchema() {
        KeyVaultEventData d = KeyVaultEventData.read(JsonParser.parseString(
                "{\"Id\":\"https://kv.vault.azure.net/keys/k/v1\",\"NBF\":1559081980,\"EXP\":1559082102.0}"));
        assertEquals(Instant.ofEpochSecond(1559081980L), d.notBefore());
        assertEquals(Instant.ofEpochSecond(1559082102L), d.expires());
    }

    @Test
    void camelCaseNamesOfTheOldSchemaAreReadToo() {
        KeyVaultEventData d = KeyVaultEventData.read(JsonParser.parseString(
                "{\"id\":\"https://kv.vault.azure.net/keys/k/v1\",\"vaultName\":\"kv\",\"objectName\":\"k\","
                        + "\"nbf\":\"100\"}"));
        assertEquals("kv", d.vaultName());
        assertEquals("k", d.objectName());
        assertEquals(Instant.ofEpochSecond(100), d.notBefore());
    }

    @Test
    void unreadableDatesBecomeNullInsteadOfFailingTheEvent() {
        KeyVaultEventData d = KeyVaultEventData.read(JsonParser.parseString(
                "{\"NBF\":\"soon\",\"EXP\":{\"a\":1}}"));
        assertNull(d.notBefore());
        assertNull(d.expires());
    }

    @Test
    void keyEventShapedLikeTheSampleYieldsTrimmedKeyNameVersionAndVault() {
        // The published key-event sample is the secret one; the same stray spaces on a key event must give a clean key.
        JsonObject event = sampleEvent();
        event.addProperty("eventType", "Microsoft.KeyVault.KeyNewVersionCreated");
        event.addProperty("subject", "cmk");
        JsonObject data = event.getAsJsonObject("data");
        data.addProperty("Id", " https://Sample-KV.vault.azure.net/keys/cmk ");
        data.addProperty("ObjectType", "Key");
        data.addProperty("ObjectName ", " cmk ");

        ParsedBatch batch = new EventEnvelopeParser().parse("[" + event + "]");
        ChangeEvent e = batch.events().get(0);

        assertEquals(new KeyRef("sample-kv.vault.azure.net", "cmk", "ee059b2bb5bc48398a53b168c6cdcb10"), e.key());
        assertEquals(ResourceId.parse(VAULT), e.vaultId());
        assertEquals(ResourceId.parse(VAULT).child("keys", "cmk"), e.resourceId());
        assertTrue(e.keyRelated());
    }

    @Test
    void keyEventWithoutVaultTopicOrKeyUrlIsRejectedWithTheReason() {
        ParsedBatch batch = new EventEnvelopeParser().parse("[{\"id\":\"k1\",\"eventType\":"
                + "\"Microsoft.KeyVault.KeyExpired\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"topic\":\"/subscriptions/s\","
                + "\"subject\":\"cmk\",\"data\":{\"Id\":\"not a url\"}}]");

        assertEquals(0, batch.events().size());
        assertEquals("k1", batch.rejected().get(0).eventId());
        assertTrue(batch.rejected().get(0).reason().contains("cannot tell which vault"),
                batch.rejected().get(0).reason());
    }
}
