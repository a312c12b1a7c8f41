package io.byokwatch.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.bootstrap.Notifications;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.notify.Channel;
import io.byokwatch.notify.ChannelType;
import io.byokwatch.notify.NotifyConfig;
import io.byokwatch.notify.Secrets;
import io.byokwatch.port.Sleeper;
import io.byokwatch.render.SchemaCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** serve's dashboard at / and its JSON at /api/kpi, over real HTTP on loopback, after one sweep of the example estate. */
class ServeKpiTest {
    private static final String KEY = "k3y-for-this-test-only";
    @TempDir
    Path state;
    private ServeCommand.Serving serving;
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;
    private int swept;

    @BeforeEach
    void start() {
        Runtime runtime = Runtime.build(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate",
                "BYOKWATCH_STATE", "files", "BYOKWATCH_STATE_DIR", state.toString(), "BYOKWATCH_POLICY_FILE", "examples/policy.json"),
                Clock.systemUTC());
        swept = runtime.detector().reconcile("byokwatch.Reconcile").clusters().size();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Notifications notifications = runtime.notifications(new Notifications.Parts(
                NotifyConfig.terminalOnly(new Channel("stdout", ChannelType.STDOUT, false, 0)), Map.of(), Secrets.NONE,
                quiet, true, Clock.systemUTC(), Sleeper.REAL, new SplittableRandom(7)));
        serving = new ServeCommand(quiet, quiet, Map.of()).start(runtime, notifications, "127.0.0.1", 0, KEY);
        base = "http://127.0.0.1:" + serving.port();
    }

    @AfterEach
    void stop() {
        serving.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void apiKpi_isTheKpiJsonContract_afterTheFirstSweep() throws Exception {
        HttpResponse<String> r = get("/api/kpi?key=" + KEY);

        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(List.of(), SchemaCheck.load("schema/kpi-report.v1.schema.json").problems(r.body()));
        JsonObject o = JsonParser.parseString(r.body()).getAsJsonObject();
        var days = o.getAsJsonObject("compliance").getAsJsonArray("days");
        JsonObject today = days.get(days.size() - 1).getAsJsonObject();
        assertEquals(swept, today.get("inScope").getAsInt() + today.get("notRequired").getAsInt(),
                "every cluster the sweep judged, today");
    }

    @Test
    void slash_isTheDashboardPage() throws Exception {
        HttpResponse<String> r = get("/?key=" + KEY + "&days=7");

        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().contains("<h1>Customer-managed key KPIs</h1>"));
    }

    @Test
    void theKeyGuardsThem_otherPathsAre404_andOnlyGetIsAllowed() throws Exception {
        assertEquals(401, get("/").statusCode());
        assertEquals(401, get("/api/kpi").statusCode());
        assertEquals(404, get("/favicon.ico?key=" + KEY).statusCode());
        assertEquals(400, get("/api/kpi?key=" + KEY + "&days=many").statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/?key=" + KEY))
                .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }
}
