package io.byokwatch.render.doctor;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.app.doctor.CheckStatus;
import io.byokwatch.app.doctor.DoctorCheck;
import io.byokwatch.app.doctor.DoctorReport;
import io.byokwatch.render.SchemaCheck;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DoctorRenderTest {
    private static final String GRANT = "az role assignment create --assignee 7d1f5a9e-0000-4000-8000-00000000c1d0 --role Reader"
            + " --scope /subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-central-keys";

    private static DoctorReport report() {
        return new DoctorReport(Instant.parse("2026-03-01T10:00:00Z"), "managed identity with client id 7d1f5a9e",
                new DoctorReport.Scope(List.of("6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01"), "mg-estate"), List.of(
                new DoctorCheck("scope", "mg-estate", CheckStatus.PASS, "Management group mg-estate holds 1 subscription(s).", null),
                new DoctorCheck("subscription-read", "6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01", CheckStatus.FAIL,
                        "byokwatch's identity cannot read it.", GRANT),
                new DoctorCheck("audit-rows", "/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv",
                        CheckStatus.UNKNOWN, "No rows in the last 24 hours.", "Use the vault once and run again.")));
    }

    @Test
    void theSchemaIsItselfValidJsonSchema() {
        assertEquals(List.of(), SchemaCheck.metaSchema().problems(SchemaCheck.resourceText(DoctorJson.SCHEMA_RESOURCE)));
    }

    @Test
    void json_followsTheContract_keyForKeyInOrder() {
        String json = DoctorJson.render(report());
        assertEquals(List.of(), SchemaCheck.load(DoctorJson.SCHEMA_RESOURCE).problems(json));
        JsonObject root = JsonParser.parseString(json).getAsJsonObject();
        assertEquals(List.of("schemaVersion", "generatedAt", "identity", "scope", "passed", "checks", "summary"),
                List.copyOf(root.keySet()));
        assertFalse(root.get("passed").getAsBoolean());
        assertFalse(root.getAsJsonArray("checks").get(0).getAsJsonObject().has("fix"), "a pass has no fix");
        assertEquals("{\"pass\":1,\"fail\":1,\"unknown\":1}", root.get("summary").toString());
    }

    @Test
    void theSchema_refusesAFailWithoutAFix_andAnUnknownCheckKind() {
        SchemaCheck schema = SchemaCheck.load(DoctorJson.SCHEMA_RESOURCE);
        String json = DoctorJson.render(report());
        assertFalse(schema.problems(json.replace("\"fix\": \"Use the vault once and run again.\"", "\"x\": 1")).isEmpty());
        assertFalse(schema.problems(json.replace("\"id\": \"audit-rows\"", "\"id\": \"audit-row\"")).isEmpty());
    }

    @Test
    void aFixIsRequiredWheneverACheckDidNotPass() {
        assertThrows(IllegalArgumentException.class, () -> new DoctorCheck("scope", "s", CheckStatus.UNKNOWN, "d", null));
    }

    @Test
    void text_keepsCommandsWholeOnTheirLine_andEndsWithTheTally() {
        String text = DoctorText.render(report());
        assertTrue(text.contains("\n        fix: " + GRANT + "\n"), text);
        assertTrue(text.contains("FAIL    subscription-read  6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01\n"), text);
        assertTrue(text.endsWith("1 passed, 1 failed, 1 could not be checked.\nFix what failed, grant what is missing, and"
                + " run byokwatch doctor again.\n"), text);
        for (String line : text.split("\n")) {
            assertTrue(line.length() <= 110 || line.contains(" az ") || line.startsWith("byokwatch doctor:")
                    || line.matches("^[A-Z]+ +[a-z-]+ +/.*"), "too wide: " + line);
        }
    }

    @Test
    void exitCode_isZeroOnlyWhenEveryCheckPassed() {
        assertEquals(1, report().exitCode());
        assertEquals(0, new DoctorReport(Instant.EPOCH, "i", new DoctorReport.Scope(List.of(), null),
                List.of(new DoctorCheck("scope", "s", CheckStatus.PASS, "d", null))).exitCode());
        assertEquals(1, new DoctorReport(Instant.EPOCH, "i", new DoctorReport.Scope(List.of(), null), List.of()).exitCode(),
                "no check made is no proof");
    }
}
