package io.byokwatch.render.kpi;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.render.SchemaCheck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KpiJsonRendererTest {
    private static final SchemaCheck SCHEMA = SchemaCheck.load("schema/kpi-report.v1.schema.json");

    @Test
    void theSchema_isAValidJsonSchema() {
        assertEquals(java.util.List.of(), SchemaCheck.metaSchema().problems(
                SchemaCheck.resourceText("schema/kpi-report.v1.schema.json")));
    }

    @Test
    void aBusyReport_followsTheSchema_withItsKnownFigures() {
        String json = KpiJsonRenderer.render(KpiReports.busy());

        assertEquals(java.util.List.of(), SCHEMA.problems(json));
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        assertEquals(1, o.get("schemaVersion").getAsInt());
        JsonObject headline = o.getAsJsonObject("headline");
        assertEquals(83.3, headline.get("compliantPercent").getAsDouble(), "10 of 12 compliant at the end");
        assertEquals(30.0, headline.get("meanHoursToRemediate").getAsDouble(), "two fixes of 30 h each");
        assertEquals(100.0, headline.get("rotatedWithinPolicyPercent").getAsDouble());
        assertEquals(6.63, headline.get("costEstimate").getAsDouble(), 1e-9, "4.2 x 0.15 + $5 key-month + $1 rotation");
        assertEquals("tag:owner", o.getAsJsonObject("compliance").get("groupedBy").getAsString());
        assertEquals(2, o.getAsJsonObject("remediation").getAsJsonObject("open").get("total").getAsInt());
        assertTrue(o.getAsJsonObject("cost").get("estimate").getAsBoolean());
    }

    @Test
    void anEmptyReport_leavesUnknownFiguresOut_neverNullOrZero() {
        String json = KpiJsonRenderer.render(KpiReports.empty());

        assertEquals(java.util.List.of(), SCHEMA.problems(json));
        assertFalse(json.contains("null"), json);
        JsonObject headline = JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("headline");
        assertFalse(headline.has("compliantPercent"));
        assertFalse(headline.has("meanHoursToRemediate"));
        assertFalse(headline.has("costEstimate"));
    }
}
