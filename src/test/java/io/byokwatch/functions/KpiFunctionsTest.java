package io.byokwatch.functions;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import io.byokwatch.bootstrap.KpiRuntime;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.render.SchemaCheck;
import io.byokwatch.testsupport.TreeCopy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The KPI endpoints of the Compliance function and the nightly KpiReport timer, on the function classes with file state
 * and a folder archive. The Functions host cannot run here; its bindings are checked by FunctionPackageIT.
 */
class KpiFunctionsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T02:30:00Z");
    @TempDir
    Path tmp;
    private Runtime runtime;
    private Map<String, String> env;

    @BeforeEach
    void sweptEstate() throws Exception {
        Path estate = TreeCopy.copy(Path.of("examples/estate"), tmp.resolve("estate"));
        env = new HashMap<>(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", estate.toString(),
                "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", tmp.resolve("state").toString(),
                "BYOKWATCH_POLICY_FILE", "examples/policy.json", "BYOKWATCH_KPI_REPORT_DIR", tmp.resolve("reports").toString(),
                "BYOKWATCH_ACCESS_LOG_FILES", "examples/logs"));
        runtime = Runtime.build(env, Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC));
        runtime.detector().reconcile("byokwatch.Reconcile");
        runtime = Runtime.build(env, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Compliance function() {
        return new Compliance(() -> runtime, () -> KpiRuntime.from(runtime, env), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void kpi_answersTheJsonContract_andDashboard_thePage() {
        HttpResponseMessage json = function().kpi(new TestHttpRequest(HttpMethod.GET, Map.of("days", "7"), null),
                new TestContext("Kpi"));
        assertEquals(200, json.getStatusCode());
        assertEquals(List.of(), SchemaCheck.load("schema/kpi-report.v1.schema.json").problems((String) json.getBody()));
        JsonObject o = JsonParser.parseString((String) json.getBody()).getAsJsonObject();
        assertEquals("2026-11-24T02:30:00Z", o.getAsJsonObject("window").get("from").getAsString());
        assertEquals("audit-logs", o.getAsJsonObject("cost").get("source").getAsString());

        HttpResponseMessage page = function().dashboard(new TestHttpRequest(HttpMethod.GET, Map.of(), null),
                new TestContext("KpiDashboard"));
        assertEquals(200, page.getStatusCode());
        assertEquals("text/html; charset=utf-8", page.getHeader("Content-Type"));
        assertTrue(((String) page.getBody()).contains("<h1>Customer-managed key KPIs</h1>"));
        assertEquals(400, function().kpi(new TestHttpRequest(HttpMethod.GET, Map.of("days", "0"), null),
                new TestContext("Kpi")).getStatusCode());
    }

    @Test
    void theNightlyTimer_keepsTheLatestAndADatedPage_andLogsTheFourNumbers() {
        TestContext ctx = new TestContext("KpiReport");
        new KpiReport(() -> KpiRuntime.from(runtime, env)).run("{}", ctx);

        assertTrue(Files.exists(tmp.resolve("reports/kpi-latest.html")));
        assertTrue(Files.exists(tmp.resolve("reports/kpi-20261201.html")));
        assertTrue(Files.exists(tmp.resolve("reports/kpi-20261201.json")));
        assertTrue(java.util.regex.Pattern.compile("KPIs 2026-09-02 to 2026-12-01: compliant \\d+\\.\\d% \u00b7 MTTR")
                .matcher(ctx.log()).find(), ctx.log());
        assertTrue(ctx.log().contains("kept " + tmp.resolve("reports/kpi-latest.html")), ctx.log());
    }
}
