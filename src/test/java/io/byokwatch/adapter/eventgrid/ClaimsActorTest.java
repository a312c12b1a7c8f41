package io.byokwatch.adapter.eventgrid;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.byokwatch.domain.Actor;
import io.byokwatch.domain.ChangeEvent;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Who acted, from claims that come as an object or (legacy) as a JSON-encoded string. */
class ClaimsActorTest {
    private static final String CLUSTER = "/subscriptions/s1/resourceGroups/rg/providers"
            + "/Microsoft.ContainerService/managedClusters/aks-1";

    private static ChangeEvent eventWith(String claimsJson, String authorizationJson) {
        JsonObject data = new JsonObject();
        data.addProperty("resourceUri", CLUSTER);
        data.addProperty("operationName", "Microsoft.ContainerService/managedClusters/write");
        data.addProperty("status", "Succeeded");
        if (claimsJson != null) {
            data.add("claims", JsonParser.parseString(claimsJson));
        }
        if (authorizationJson != null) {
            data.add("authorization", JsonParser.parseString(authorizationJson));
        }
        JsonObject event = new JsonObject();
        event.addProperty("id", "e1");
        event.addProperty("subject", CLUSTER);
        event.addProperty("eventType", "Microsoft.Resources.ResourceWriteSuccess");
        event.addProperty("eventTime", "2024-01-01T00:00:00Z");
        event.add("data", data);
        return new EventEnvelopeParser().parse("[" + event + "]").events().get(0);
    }

    private static String encoded(String json) {
        return new JsonPrimitive(json).toString();
    }

    @Test
    void longClaimUrisGiveUpnNameAppAndObject() {
        Actor a = eventWith("{\"" + ClaimsActor.UPN_URI + "\":\"ann@contoso.com\",\"name\":\"Ann\",\"appid\":\"app-1\","
                + "\"" + ClaimsActor.OBJECT_ID_URI + "\":\"oid-1\"}", null).actor();
        assertEquals(new Actor("ann@contoso.com", "Ann", "app-1", "oid-1"), a);
    }

    @Test
    void shortClaimNamesOfV2TokensAreReadToo() {
        Actor a = eventWith("{\"upn\":\"bob@contoso.com\",\"oid\":\"oid-2\",\"azp\":\"app-2\"}", null).actor();
        assertEquals(new Actor("bob@contoso.com", null, "app-2", "oid-2"), a);
    }

    @Test
    void uniqueNameStandsInForUpn() {
        assertEquals("guest@other.com", eventWith("{\"unique_name\":\"guest@other.com\"}", null).actor().upn());
    }

    @Test
    void claimsEncodedAsAStringAreDecoded() {
        Actor a = eventWith(encoded("{\"" + ClaimsActor.UPN_URI + "\":\"ann@contoso.com\",\"appid\":\"app-1\"}"), null)
                .actor();
        assertEquals("ann@contoso.com", a.upn());
        assertEquals("app-1", a.appId());
    }

    @Test
    void objectIdFallsBackToTheAuthorizationEvidencePrincipal() {
        Actor a = eventWith("{\"appid\":\"app-3\"}", "{\"evidence\":{\"principalId\":\"sp-3\"}}").actor();
        assertEquals("sp-3", a.objectId());
        assertEquals("app app-3", a.describe());
    }

    @Test
    void encodedAuthorizationIsDecodedForTheFallback() {
        Actor a = eventWith(null, encoded("{\"scope\":\"/x\",\"evidence\":{\"principalId\":\"sp-4\"}}")).actor();
        assertEquals("sp-4", a.objectId());
        assertEquals("object sp-4", a.describe());
    }

    @Test
    void claimsThatAreNotJsonCostTheActorNotTheEvent() {
        ChangeEvent e = eventWith(encoded("{not json"), encoded("also not json"));
        assertEquals(Actor.UNKNOWN, e.actor());
        assertEquals("Microsoft.ContainerService/managedClusters/write", e.operationName());
    }
}
