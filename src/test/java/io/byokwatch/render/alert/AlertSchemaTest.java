package io.byokwatch.render.alert;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.cli.Main;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.render.NoticeSamples;
import io.byokwatch.render.SchemaCheck;
import io.byokwatch.render.report.JsonReportRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The alert contract as a JSON Schema: well formed, met by every alert byokwatch sends, and one spelling per id. */
class AlertSchemaTest {
    private static final SchemaCheck CONTRACT = SchemaCheck.load(AlertJson.SCHEMA_RESOURCE);
    private final AlertJson codec = new AlertJson();

    @Test
    void theSchema_isValidJsonSchema_andItsFindingIsTheScanReportsWordForWord() {
        assertEquals(List.of(), SchemaCheck.metaSchema().problems(SchemaCheck.resourceText(AlertJson.SCHEMA_RESOURCE)));
        JsonObject alert = JsonParser.parseString(SchemaCheck.resourceText(AlertJson.SCHEMA_RESOURCE)).getAsJsonObject();
        JsonObject scan = JsonParser.parseString(SchemaCheck.resourceText(JsonReportRenderer.SCHEMA_RESOURCE)).getAsJsonObject();
        for (String def : List.of("resourceId", "ruleId", "severity", "status")) {
            assertEquals(scan.getAsJsonObject("$defs").get(def), alert.getAsJsonObject("$defs").get(def), def);
        }
        // an alert's finding is the scan report's: the same required fields, each defined word for word (the report
        // may describe more, such as where in a plan to fix it, which alerts never carry)
        JsonObject scanFinding = scan.getAsJsonObject("$defs").getAsJsonObject("findingFields");
        JsonObject alertFinding = alert.getAsJsonObject("$defs").getAsJsonObject("findingFields");
        assertEquals(scanFinding.get("required"), alertFinding.get("required"));
        for (String field : alertFinding.getAsJsonObject("properties").keySet()) {
            assertEquals(scanFinding.getAsJsonObject("properties").get(field), alertFinding.getAsJsonObject("properties").get(field), field);
        }
    }

    @Test
    void everySampleAlert_meetsTheSchema() {
        for (Alert a : List.of(NoticeSamples.opened(), NoticeSamples.changed(), NoticeSamples.resolved(), NoticeSamples.deleted(),
                NoticeSamples.claimsOpened(), NoticeSamples.huge(), NoticeSamples.hostile())) {
            assertEquals(List.of(), CONTRACT.problems(codec.encode(a)), a.kind().label());
        }
    }

    @Test
    void theSchema_refusesWhatBreaksTheContract() {
        JsonObject o = JsonParser.parseString(codec.encode(NoticeSamples.opened())).getAsJsonObject();
        o.addProperty("kind", "reopened");
        assertFalse(CONTRACT.problems(o.toString()).isEmpty());
        JsonObject missing = JsonParser.parseString(codec.encode(NoticeSamples.opened())).getAsJsonObject();
        missing.remove("sequence");
        assertFalse(CONTRACT.problems(missing.toString()).isEmpty());
        JsonObject extraInFinding = JsonParser.parseString(codec.encode(NoticeSamples.opened())).getAsJsonObject();
        extraInFinding.getAsJsonArray("findings").get(0).getAsJsonObject().addProperty("clusterIds", "x");
        assertFalse(CONTRACT.problems(extraInFinding.toString()).isEmpty());
    }

    @Test
    void theAlertsOfTheExampleEvents_meetTheSchema_andSpellEachIdOneWay(@TempDir Path dir) {
        List<String> lines = new ArrayList<>();
        String[] events = {"01-cluster-shipped-without-byok.json", "02-shared-vault-access-policy-changed.cloudevents.json",
                "03-key-new-version.json", "04-shared-vault-recreated.json", "05-cluster-rebuilt-with-byok.json"};
        for (String event : events) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = Main.run(new String[]{"replay", "--inventory", "examples/estate", "--policy", "examples/policy.json",
                    "--state", dir.resolve("state").toString(), "--notify", "json", "--now", "2026-11-30T12:00:00Z",
                    "--events", "examples/events/" + event}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream()), Map.of());
            assertTrue(code <= 1, event);
            out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{")).forEach(lines::add);
        }
        assertTrue(lines.size() >= 10, "alerts on the clusters each event reaches: " + lines.size());
        for (String line : lines) {
            assertEquals(List.of(), CONTRACT.problems(line), line);
            assertOneSpellingPerId(JsonParser.parseString(line).getAsJsonObject());
        }
    }

    @Test
    void aTriggerAndResolvedKeysInOtherCasings_takeTheClustersSpelling() {
        Alert a = NoticeSamples.resolved();
        ResourceId lower = ResourceId.parse(a.clusterId().toString().toLowerCase(Locale.ROOT));
        List<String> keys = List.of("aks-no-byok|" + a.clusterId().key(), "aks-no-host-encryption|" + a.clusterId().key() + "/agentpools/np1",
                "vault-no-purge-protection|/subscriptions/x/resourcegroups/rg-keys/providers/microsoft.keyvault/vaults/kv-old");
        Alert mixed = new Alert(a.alertId(), a.kind(), a.clusterId(), a.clusterName(), a.subscriptionId(), a.status(),
                a.previousStatus(), a.findings(), keys, new Alert.Trigger("e1", "Microsoft.Resources.ResourceWriteSuccess",
                "write", lower, a.detectedAt(), a.trigger().actor(), "cluster"), a.detectedAt(), a.openSince(), a.sequence(),
                a.clusterTags());
        JsonObject o = JsonParser.parseString(codec.encode(mixed)).getAsJsonObject();
        String cluster = o.getAsJsonObject("cluster").get("id").getAsString();
        assertEquals(cluster, o.getAsJsonObject("trigger").get("resourceId").getAsString());
        assertEquals("aks-no-byok|" + cluster, o.getAsJsonArray("resolvedFindings").get(0).getAsString());
        assertEquals("aks-no-host-encryption|" + cluster + "/agentPools/np1", o.getAsJsonArray("resolvedFindings").get(1).getAsString());
        assertEquals("vault-no-purge-protection|/subscriptions/x/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-old",
                o.getAsJsonArray("resolvedFindings").get(2).getAsString(), "ARM's casing for the types; names as given");
        assertOneSpellingPerId(o);
        assertEquals(codec.encode(mixed), codec.encode(codec.decode(codec.encode(mixed))), "reads back to the same bytes");
    }

    /** Every id (and every id prefix that names a resource) appears in one spelling only. */
    private static void assertOneSpellingPerId(JsonObject alert) {
        List<String> ids = new ArrayList<>();
        ids.add(alert.getAsJsonObject("cluster").get("id").getAsString());
        for (JsonElement f : alert.getAsJsonArray("findings")) {
            ids.add(f.getAsJsonObject().get("resourceId").getAsString());
        }
        for (JsonElement k : alert.getAsJsonArray("resolvedFindings")) {
            ids.add(k.getAsString().substring(k.getAsString().indexOf('|') + 1));
        }
        JsonElement trigger = alert.getAsJsonObject("trigger").get("resourceId");
        if (!trigger.isJsonNull()) {
            ids.add(trigger.getAsString());
        }
        Map<String, Set<String>> spellings = new HashMap<>();
        for (String id : ids) {
            String[] parts = id.split("/");
            StringBuilder prefix = new StringBuilder();
            for (int i = 1; i < parts.length; i++) {
                prefix.append('/').append(parts[i]);
                spellings.computeIfAbsent(prefix.toString().toLowerCase(Locale.ROOT), k -> new HashSet<>()).add(prefix.toString());
            }
        }
        spellings.forEach((k, v) -> assertEquals(1, v.size(), "spelled " + v + " in " + alert.get("alertId")));
    }
}
