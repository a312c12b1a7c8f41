package io.byokwatch.functions;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs after {@code mvn package}: the deployment folder the Functions host would load has exactly our functions, each
 * with the trigger, entry point and settings-driven schedule it needs.
 */
class FunctionPackageIT {
    private static final Path APP = Path.of("target/azure-functions/byokwatch");

    private static JsonObject functionJson(String name) throws IOException {
        return JsonParser.parseString(Files.readString(APP.resolve(name).resolve("function.json"))).getAsJsonObject();
    }

    private static JsonObject trigger(JsonObject fn) {
        for (JsonElement b : fn.getAsJsonArray("bindings")) {
            if (b.getAsJsonObject().get("direction").getAsString().equals("in")) {
                return b.getAsJsonObject();
            }
        }
        throw new AssertionError("no input binding in " + fn);
    }

    @Test
    void deploymentFolder_holdsExactlyTheFunctions_withHostJsonAndTheJar() throws IOException {
        try (Stream<Path> dirs = Files.list(APP)) {
            Set<String> functions = dirs.filter(d -> Files.exists(d.resolve("function.json")))
                    .map(d -> d.getFileName().toString()).collect(Collectors.toSet());
            assertEquals(Set.of("ResourceChanged", "KeyVaultChanged", "Reconcile", "Compliance", "DeliverAlert", "DailyReminder",
                    "AccessReport", "Doctor", "Kpi", "KpiDashboard", "KpiReport", "KpiDigest"), functions);
        }
        assertTrue(Files.exists(APP.resolve("host.json")));
        JsonObject host = JsonParser.parseString(Files.readString(APP.resolve("host.json"))).getAsJsonObject();
        assertEquals("2.0", host.get("version").getAsString());
        String jar = functionJson("Reconcile").get("scriptFile").getAsString();
        assertTrue(Files.exists(APP.resolve("Reconcile").resolve(jar).normalize()), jar);
    }

    @Test
    void eachFunction_hasTheRightTriggerAndEntryPoint() throws IOException {
        Map<String, String> expected = new HashMap<>(Map.of("ResourceChanged", "eventGridTrigger", "KeyVaultChanged", "eventGridTrigger",
                "Reconcile", "timerTrigger", "Compliance", "httpTrigger", "DeliverAlert", "queueTrigger",
                "DailyReminder", "timerTrigger", "AccessReport", "timerTrigger", "Doctor", "httpTrigger"));
        for (Map.Entry<String, String> e : expected.entrySet()) {
            JsonObject fn = functionJson(e.getKey());
            assertEquals("io.byokwatch.functions." + e.getKey() + ".run", fn.get("entryPoint").getAsString());
            assertEquals(e.getValue(), trigger(fn).get("type").getAsString(), e.getKey());
        }
    }

    @Test
    void doctor_isAGetBehindAFunctionKey_atApiDoctor() throws IOException {
        JsonObject t = trigger(functionJson("Doctor"));
        assertEquals("doctor", t.get("route").getAsString());
        assertEquals("FUNCTION", t.get("authLevel").getAsString().toUpperCase(java.util.Locale.ROOT));
        assertEquals(List.of("GET"), t.getAsJsonArray("methods").asList().stream().map(e -> e.getAsString().toUpperCase(java.util.Locale.ROOT)).toList());
    }

    @Test
    void reconcileSchedule_comesFromAnAppSetting() throws IOException {
        assertEquals("%BYOKWATCH_RECONCILE_SCHEDULE%", trigger(functionJson("Reconcile")).get("schedule").getAsString());
        JsonObject example = JsonParser.parseString(Files.readString(Path.of("local.settings.json.example"))).getAsJsonObject();
        assertTrue(example.getAsJsonObject("Values").has("BYOKWATCH_RECONCILE_SCHEDULE"));
    }

    @Test
    void deliverAlert_readsTheOutboxQueueNamedBySetting_throughTheHostsStorageConnection() throws IOException {
        JsonObject fn = functionJson("DeliverAlert");
        JsonObject t = trigger(fn);
        assertEquals("message", t.get("name").getAsString());
        assertEquals("%BYOKWATCH_OUTBOX_QUEUE%", t.get("queueName").getAsString());
        assertEquals("AzureWebJobsStorage", t.get("connection").getAsString());
        assertEquals(1, fn.getAsJsonArray("bindings").size(), "no output binding: retries go back through the outbox port");
    }

    @Test
    void dailyReminder_scheduleComesFromAnAppSetting() throws IOException {
        assertEquals("%BYOKWATCH_REMINDER_SCHEDULE%", trigger(functionJson("DailyReminder")).get("schedule").getAsString());
        JsonObject values = JsonParser.parseString(Files.readString(Path.of("local.settings.json.example"))).getAsJsonObject()
                .getAsJsonObject("Values");
        for (String setting : List.of("BYOKWATCH_REMINDER_SCHEDULE", "BYOKWATCH_NOTIFY_CONFIG", "BYOKWATCH_OUTBOX_QUEUE")) {
            assertTrue(values.has(setting), setting);
        }
    }

    @Test
    void accessReportSchedule_comesFromAnAppSetting_nightlyByDefault() throws IOException {
        assertEquals("%BYOKWATCH_ACCESS_REPORT_SCHEDULE%", trigger(functionJson("AccessReport")).get("schedule").getAsString());
        JsonObject example = JsonParser.parseString(Files.readString(Path.of("local.settings.json.example"))).getAsJsonObject();
        assertEquals("0 0 2 * * *", example.getAsJsonObject("Values").get("BYOKWATCH_ACCESS_REPORT_SCHEDULE").getAsString());
    }

    @Test
    void kpiTimers_comeFromAppSettings_nightlyPageAndWeeklyDigestByDefault() throws IOException {
        assertEquals("%BYOKWATCH_KPI_REPORT_SCHEDULE%", trigger(functionJson("KpiReport")).get("schedule").getAsString());
        assertEquals("%BYOKWATCH_KPI_DIGEST_SCHEDULE%", trigger(functionJson("KpiDigest")).get("schedule").getAsString());
        JsonObject values = JsonParser.parseString(Files.readString(Path.of("local.settings.json.example"))).getAsJsonObject()
                .getAsJsonObject("Values");
        assertEquals("0 30 2 * * *", values.get("BYOKWATCH_KPI_REPORT_SCHEDULE").getAsString());
        assertEquals("0 0 8 * * 1", values.get("BYOKWATCH_KPI_DIGEST_SCHEDULE").getAsString());
    }

    @Test
    void kpiEndpoints_areFunctionKeyProtected_GetOnly() throws IOException {
        for (String fn : List.of("Kpi", "KpiDashboard")) {
            JsonObject t = trigger(functionJson(fn));
            assertEquals("FUNCTION", t.get("authLevel").getAsString().toUpperCase(), fn);
            assertEquals(List.of("GET"), t.getAsJsonArray("methods").asList().stream().map(JsonElement::getAsString).toList(), fn);
        }
        assertEquals("kpi", trigger(functionJson("Kpi")).get("route").getAsString());
        assertEquals("dashboard", trigger(functionJson("KpiDashboard")).get("route").getAsString());
    }

    @Test
    void compliance_isFunctionKeyProtected_GetAndPostOnly() throws IOException {
        JsonObject t = trigger(functionJson("Compliance"));
        assertEquals("FUNCTION", t.get("authLevel").getAsString().toUpperCase());
        JsonArray methods = t.getAsJsonArray("methods");
        assertEquals(List.of("GET", "POST"), methods.asList().stream().map(JsonElement::getAsString).sorted().toList());
        assertEquals("compliance", t.get("route").getAsString());
    }
}
