package io.byokwatch.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.render.SchemaCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The KPI arithmetic on the history the demo writes, whose answers the demo's story fixes: a baseline sweep at 08:00,
 * a cluster shipped without BYOK at 09:14 and rebuilt at 14:05, a vault re-created without purge protection at 11:47.
 */
class KpiOfTheDemoTest {
    @TempDir
    static Path dir;
    private static JsonObject kpi;

    @BeforeAll
    static void runTheDemo_thenTheKpis() {
        assertEquals(0, Main.run(new String[]{"demo", "--dir", dir.toString()}, quiet(), quiet(), Map.of()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[]{"kpi", "--state", dir.resolve("state").toString(), "--inventory",
                dir.resolve("estate").toString(), "--logs", "examples/logs", "--from", "2026-11-30", "--to", "2026-11-30",
                "--now", "2026-12-01T02:00:00Z", "--format", "json"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String json = out.toString(StandardCharsets.UTF_8);
        assertEquals(List.of(), SchemaCheck.load("schema/kpi-report.v1.schema.json").problems(json));
        kpi = JsonParser.parseString(json).getAsJsonObject();
    }

    @Test
    void compliance_fourOfTwentyInScopeClusters_atTheEndOfTheDay_unknownCountingAgainst() {
        JsonObject day = kpi.getAsJsonObject("compliance").getAsJsonArray("days").get(0).getAsJsonObject();
        assertEquals("2026-11-30", day.get("date").getAsString());
        assertEquals(20, day.get("inScope").getAsInt());
        assertEquals(4, day.get("compliant").getAsInt(), "aks-ehr is not: its postgres PVC is on the platform key");
        assertEquals(1, day.get("unknown").getAsInt(), "aks-shared-services, whose set's subscription was not exported");
        assertEquals(1, day.get("exempt").getAsInt());
        assertEquals(20.0, day.get("percent").getAsDouble());
    }

    @Test
    void remediation_theHotfixsThreeFindings_fixedIn4h51m26s() {
        JsonObject overall = kpi.getAsJsonObject("remediation").getAsJsonObject("overall");
        assertEquals(3, overall.get("count").getAsInt());
        long took = (14 * 3600 + 5 * 60 + 35) - (9 * 3600 + 14 * 60 + 9);
        assertEquals(took, overall.get("p50Seconds").getAsLong());
        assertEquals(took, overall.get("maxSeconds").getAsLong());
    }

    @Test
    void detectionLatency_fiveEventDrivenBreaks_allWithinTheHour_andTheFirstSweepIsNotTimed() {
        JsonObject d = kpi.getAsJsonObject("remediation").getAsJsonObject("detectionLatency");
        assertEquals(5, d.get("count").getAsInt(), "the hotfix, aks-ehr's platform-key PVC, and three clusters behind the"
                + " re-created vault");
        assertEquals(5, d.get("withinBudget").getAsInt());
        assertEquals(3600, d.get("budgetSeconds").getAsInt());
        assertTrue(d.get("maxSeconds").getAsLong() <= 2, "handled two seconds after Event Grid stamped each event");
        assertEquals(0, d.get("fromSweeps").getAsInt());
    }

    @Test
    void rotation_theThreeKeysWithExportedVersions_areJudged_theRestSayWhatToExport() {
        JsonObject r = kpi.getAsJsonObject("rotation");
        assertEquals(3, r.get("keysJudged").getAsInt());
        assertEquals(2, r.get("keysWithinPolicy").getAsInt(), "aks-disk's newest version is 548 days old");
        JsonArray keys = r.getAsJsonArray("keys");
        JsonObject stalest = keys.get(0).getAsJsonObject();
        assertEquals("aks-disk", stalest.get("name").getAsString());
        assertEquals(548, stalest.get("daysSinceNewest").getAsInt());
        assertFalse(stalest.get("withinPolicy").getAsBoolean());
        JsonObject legacy = keys.get(1).getAsJsonObject();
        assertEquals("disk-shared", legacy.get("name").getAsString());
        assertFalse(legacy.getAsJsonArray("consumers").get(0).getAsJsonObject().get("onNewest").getAsBoolean(),
                "the shared set is still on the 2024 version");
        assertTrue(keys.asList().stream().anyMatch(k -> k.getAsJsonObject().has("unknown")
                && k.getAsJsonObject().get("unknown").getAsString().contains("az keyvault key list-versions")));
    }

    @Test
    void cost_isAnEstimateFromTheAuditLogs_largestVaultFirst() {
        JsonObject c = kpi.getAsJsonObject("cost");
        assertTrue(c.get("estimate").getAsBoolean());
        assertEquals("audit-logs", c.get("source").getAsString());
        assertTrue(c.get("total").getAsDouble() > 0);
        assertEquals("kv-pay-prod", c.getAsJsonArray("byVault").get(0).getAsJsonObject().get("vault").getAsString());
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
