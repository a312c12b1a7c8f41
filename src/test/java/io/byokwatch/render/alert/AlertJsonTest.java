package io.byokwatch.render.alert;

import io.byokwatch.render.NoticeSamples;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.Tags;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The alert JSON contract: what schemaVersion 1 promised stays, cluster tags are added, and it reads back whole. */
public class AlertJsonTest {
    private final AlertJson codec = new AlertJson();

    @Test
    void contract_keepsEveryVersion1Field_andAddsClusterTags() {
        JsonObject o = JsonParser.parseString(codec.encode(NoticeSamples.opened())).getAsJsonObject();
        assertEquals(List.of("schemaVersion", "alertId", "kind", "cluster", "previousStatus", "findings", "resolvedFindings",
                "trigger", "detectedAt", "openSince", "sequence"), List.copyOf(o.keySet()));
        assertEquals(List.of("id", "name", "subscriptionId", "status", "tags"), List.copyOf(o.getAsJsonObject("cluster").keySet()));
        assertEquals("checkout", o.getAsJsonObject("cluster").getAsJsonObject("tags").get("owner-team").getAsString());
        assertEquals(1, o.get("schemaVersion").getAsInt());
    }

    @Test
    void aClusterWithoutTags_hasAnEmptyTagObject_notNull() {
        Alert a = NoticeSamples.opened();
        Alert untagged = new Alert(a.alertId(), a.kind(), a.clusterId(), a.clusterName(), a.subscriptionId(), a.status(),
                a.previousStatus(), a.findings(), a.resolvedFindingKeys(), a.trigger(), a.detectedAt(), a.openSince(),
                a.sequence(), null);
        assertEquals("{}", JsonParser.parseString(codec.encode(untagged)).getAsJsonObject().getAsJsonObject("cluster")
                .get("tags").toString());
    }

    @Test
    void decode_readsBackWhatEncodeWrote_forEveryKind() {
        for (Alert a : List.of(NoticeSamples.opened(), NoticeSamples.changed(), NoticeSamples.resolved(), NoticeSamples.deleted(),
                NoticeSamples.claimsOpened())) {
            Alert back = codec.decode(codec.encode(a));
            assertEquals(codec.encode(a), codec.encode(back), a.kind().label());
            assertEquals(a.clusterTags(), back.clusterTags());
            assertEquals(a.trigger().actor(), back.trigger().actor());
        }
    }

    @Test
    void decode_refusesWhatIsNotAnAlert_sayingWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> codec.decode("[1]")).getMessage().contains("an array"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> codec.decode("{\"schemaVersion\": 2}")).getMessage()
                .contains("schemaVersion 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> codec.decode("{\"schemaVersion\": 1}")).getMessage()
                .contains("'alertId' is missing"));
        assertThrows(IllegalArgumentException.class, () -> codec.decode("not json"));
    }

    @Test
    void storedDetail_keepsTheTags_soADeletedClusterIsStillRoutedByThem() {
        Tags tags = new Tags(Map.of("owner-team", "payments"));
        String detail = codec.verdictDetail(null, tags, null);
        assertEquals(tags, codec.storedTags(detail));
        assertEquals(Tags.NONE, codec.storedTags("{\"verdict\": null}"), "details written before tags were kept");
        assertEquals(List.of(), codec.storedFindings(detail));
    }
}
