package io.byokwatch.render.access;

import io.byokwatch.render.SchemaCheck;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

public class AccessJsonRendererTest {
    private final AccessJsonRenderer renderer = new AccessJsonRenderer();
    private final SchemaCheck schema = SchemaCheck.load(AccessJsonRenderer.SCHEMA_RESOURCE);

    @Test
    void theSchemaIsItselfValidJsonSchema() {
        assertEquals(List.of(), SchemaCheck.metaSchema().problems(SchemaCheck.resourceText(AccessJsonRenderer.SCHEMA_RESOURCE)));
    }

    @Test
    void aFullReport_followsTheContract_keyForKeyInOrder() {
        String json = renderer.render(AccessReports.full());
        assertEquals(List.of(), schema.problems(json));
        JsonObject root = JsonParser.parseString(json).getAsJsonObject();
        assertEquals(List.of("schemaVersion", "window", "baselineDays", "records", "vaults", "keys", "anomalies"),
                List.copyOf(root.keySet()));
        assertEquals(1, root.get("schemaVersion").getAsInt());
        assertEquals("2026-11-30T02:00:00Z", root.getAsJsonObject("window").get("start").getAsString());
        JsonArray anomalies = root.getAsJsonArray("anomalies");
        assertEquals(3, anomalies.size(), "allowlisted anomalies are not in the contract");
        JsonObject first = anomalies.get(0).getAsJsonObject();
        assertEquals(List.of("detector", "severity", "score", "vault", "key", "operation", "caller", "sourceIp", "count",
                "baseline", "firstSeen", "lastSeen", "explanation", "kql", "action"), List.copyOf(first.keySet()));
        assertEquals(List.of("objectId", "upn"), List.copyOf(first.getAsJsonObject("caller").keySet()));
        assertEquals(94.3, first.get("score").getAsDouble());
        assertEquals(8, first.get("count").getAsLong());
        JsonObject silent = anomalies.asList().stream().map(e -> e.getAsJsonObject())
                .filter(o -> o.get("detector").getAsString().equals("silent-key")).findFirst().orElseThrow();
        assertEquals(12, silent.getAsJsonObject("failuresByStatus").get("401").getAsInt(), "the evidence, not a caller");
        assertEquals("des-archive", silent.getAsJsonArray("expectedCallers").get(0).getAsJsonObject().get("name").getAsString());
        assertTrue(silent.get("action").getAsString().startsWith("Check that key kv-pay-prod/archive-disk is enabled"));
    }

    @Test
    void absentValues_areLeftOut_neverNull() {
        String json = renderer.render(AccessReports.full());
        assertFalse(json.contains("null"), json);
        JsonObject silent = JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("anomalies").get(1).getAsJsonObject();
        assertFalse(silent.has("sourceIp"));
        assertEquals(0, silent.getAsJsonObject("caller").size());
        JsonObject vault = JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("anomalies").get(2).getAsJsonObject();
        assertFalse(vault.has("key"));
    }

    @Test
    void aQuietNight_isAnEmptyList() {
        String json = renderer.render(AccessReports.quiet());
        assertEquals(List.of(), schema.problems(json));
        assertEquals(0, JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("anomalies").size());
    }

    @Test
    void theSchemaIsExact_soAFieldOutsideTheContractFailsIt() {
        JsonObject root = JsonParser.parseString(renderer.render(AccessReports.full())).getAsJsonObject();
        root.addProperty("generatedAt", "2026-12-01T02:00:00Z");
        assertFalse(schema.problems(root.toString()).isEmpty());
        JsonObject anomaly = JsonParser.parseString(renderer.render(AccessReports.full())).getAsJsonObject();
        anomaly.getAsJsonArray("anomalies").get(0).getAsJsonObject().addProperty("chart", "[]");
        assertFalse(schema.problems(anomaly.toString()).isEmpty());
    }
}
