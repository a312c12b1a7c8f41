package io.byokwatch.adapter.loganalytics;

import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.monitor.query.LogsQueryClient;
import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.AccessScope;
import io.byokwatch.domain.Caller;
import io.byokwatch.port.AccessLogException;
import io.byokwatch.port.AccessLogRead;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Log Analytics adapter with the real {@code LogsQueryClient} (Netty, bearer-token policy, retry policy) against
 * a local HTTPS stand-in serving the response shapes Log Analytics sends: typed cells, PartialError next to rows (the
 * SDK team's recording), throttling with Retry-After, refusals.
 */
class LogAnalyticsAccessSourceTest {
    private static final String WORKSPACE = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
    private static final Instant FROM = Instant.parse("2026-11-28T02:00:00Z");
    private static final Pattern WINDOW_START = Pattern.compile("let windowStart = datetime\\(([^)]+)\\);");
    private static final String OID = "8f5cc9a7-ee13-4650-a223-2aaf82c9fdd6";

    private LocalLogAnalytics server;
    private final LocalLogAnalytics.FixedToken credential = new LocalLogAnalytics.FixedToken();
    private final List<AccessRecord> got = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private LogAnalyticsAccessSource source(Function<LocalLogAnalytics.Request, LocalLogAnalytics.Response> answer, AccessTable table) {
        server = new LocalLogAnalytics(answer);
        LogsQueryClient client = LogAnalyticsClients.client(server.endpoint(), credential, server.httpClient(),
                new RetryOptions(new FixedDelayOptions(2, Duration.ofMillis(10))));
        return new LogAnalyticsAccessSource(client, WORKSPACE, table);
    }

    private static boolean probe(LocalLogAnalytics.Request r) {
        return r.query().contains("union isfuzzy=true");
    }

    private static Instant pageStart(LocalLogAnalytics.Request r) {
        Matcher m = WINDOW_START.matcher(r.query());
        assertTrue(m.find(), r.query());
        return Instant.parse(m.group(1));
    }

    /** One hourly bin at the page's first hour, typed the way Log Analytics types cells (numbers as numbers). */
    private static String bins(Instant hour, long count) {
        return """
                {"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeBin","type":"datetime"},{"name":"Vault","type":"string"},
                {"name":"Key","type":"string"},{"name":"OperationName","type":"string"},{"name":"ObjectId","type":"string"},
                {"name":"AppId","type":"string"},{"name":"Upn","type":"string"},{"name":"CallerIp","type":"string"},
                {"name":"Status","type":"int"},{"name":"Count","type":"long"},{"name":"FirstSeen","type":"datetime"},
                {"name":"LastSeen","type":"datetime"}],
                "rows":[["%s","kv-pay-prod","aks-disk","KeyUnwrap","%s","","","20.1.2.3",200,%d,"%s","%s"]]}]}
                """.formatted(hour, OID, count, hour.plusSeconds(60), hour.plusSeconds(3000));
    }

    private static String table(String name) {
        return "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"Table\",\"type\":\"string\"}],\"rows\":["
                + (name == null ? "" : "[\"" + name + "\"]") + "]}]}";
    }

    @Test
    void theProbeFindsTheTable_thenEachDayIsOneQuery_sentWithTheBearerTokenForTheEndpointsScope() {
        LogAnalyticsAccessSource source = source(r -> LocalLogAnalytics.Response.ok(probe(r) ? table("AZKVAuditLogs")
                : bins(pageStart(r), 7)), null);
        AccessLogRead read = source.read(FROM, FROM.plus(Duration.ofDays(3)), got::add);
        assertEquals(List.of(), read.problems());
        assertEquals("Log Analytics workspace " + WORKSPACE + " (AZKVAuditLogs)", read.source());
        assertEquals(4, server.requests.size());
        assertTrue(probe(server.requests.get(0)));
        assertEquals(List.of(FROM, FROM.plus(Duration.ofDays(1)), FROM.plus(Duration.ofDays(2))),
                got.stream().map(AccessRecord::hour).toList());
        assertEquals(7, got.get(0).count());
        assertEquals(new Caller(OID, null, null), got.get(0).caller());
        for (LocalLogAnalytics.Request r : server.requests) {
            assertEquals("/v1/workspaces/" + WORKSPACE + "/query", r.path());
            assertEquals("Bearer " + LocalLogAnalytics.FixedToken.TOKEN, r.authorization());
            assertNotNull(r.timespan(), "the time range also goes as the API's timespan, for partition pruning");
        }
        assertTrue(server.requests.get(1).query().contains("\nAZKVAuditLogs\n"));
        assertEquals(List.of("https://localhost/.default"), credential.scopes.get(0), "the token is for the endpoint's host");
        assertTrue(source.rawRowsQuery(new AccessScope("kv", null, null, null, null, 0, FROM, FROM)).contains("\nAZKVAuditLogs\n"));
    }

    @Test
    void aConfiguredTable_skipsTheProbe() {
        LogAnalyticsAccessSource source = source(r -> LocalLogAnalytics.Response.ok(bins(pageStart(r), 1)), AccessTable.AZURE_DIAGNOSTICS);
        source.read(FROM, FROM.plus(Duration.ofHours(5)), got::add);
        assertEquals(1, server.requests.size());
        assertTrue(server.requests.get(0).query().contains("\nAzureDiagnostics\n"));
        assertTrue(source.rawRowsQuery(new AccessScope("kv", null, null, null, null, 0, FROM, FROM)).contains("\nAzureDiagnostics\n"));
    }

    @Test
    void aPartialResult_isReadAgainAsTwoHalves() throws IOException {
        String recorded = Files.readString(Path.of("src/test/resources/corpus/la_query_response_partialerror_java_session_record.json"));
        LogAnalyticsAccessSource source = source(r -> {
            Instant start = pageStart(r);
            boolean wholeDay = r.query().contains("datetime(" + FROM.plus(Duration.ofDays(1)) + ")") && start.equals(FROM);
            return LocalLogAnalytics.Response.ok(wholeDay ? recorded : bins(start, 3));
        }, AccessTable.AZKV_AUDIT_LOGS);
        AccessLogRead read = source.read(FROM, FROM.plus(Duration.ofDays(1)), got::add);
        assertEquals(List.of(), read.problems());
        assertEquals(3, server.requests.size());
        assertEquals(List.of(FROM, FROM.plus(Duration.ofHours(12))), got.stream().map(AccessRecord::hour).toList(),
                "the partial day's rows are dropped and replaced by its halves");
    }

    @Test
    void anHourThatStaysPartial_isKeptAndReported_andSplittingStops() {
        LogAnalyticsAccessSource source = source(r -> {
            String body = bins(pageStart(r), 2);
            String partial = body.substring(0, body.lastIndexOf('}')) + ",\"error\":{\"code\":\"PartialError\",\"message\":"
                    + "\"There were some errors when processing your query.\",\"details\":[{\"code\":\"EngineError\",\"message\":"
                    + "\"Something went wrong processing your query on the server.\"}]}}";
            return LocalLogAnalytics.Response.ok(partial);
        }, AccessTable.AZKV_AUDIT_LOGS);
        AccessLogRead read = source.read(FROM, FROM.plus(Duration.ofHours(2)), got::add);
        assertEquals(3, server.requests.size(), "the two-hour page, then each hour");
        assertEquals(2, got.size());
        assertEquals(2, read.problems().size());
        assertTrue(read.problems().get(0).contains("came back incomplete (PartialError: There were some errors"), read.problems().get(0));
    }

    @Test
    void throttling_isRetriedAfterTheRetryAfterTheServiceAsksFor() {
        AtomicInteger calls = new AtomicInteger();
        LogAnalyticsAccessSource source = source(r -> calls.getAndIncrement() == 0
                ? new LocalLogAnalytics.Response(429, Map.of("Retry-After", "1"),
                "{\"error\":{\"code\":\"ThrottledError\",\"message\":\"Your request was throttled.\"}}")
                : LocalLogAnalytics.Response.ok(bins(pageStart(r), 5)), AccessTable.AZKV_AUDIT_LOGS);
        AccessLogRead read = source.read(FROM, FROM.plus(Duration.ofHours(3)), got::add);
        assertEquals(List.of(), read.problems());
        assertEquals(1, got.size());
        assertEquals(2, server.requests.size());
        long waited = server.requests.get(1).nanos() - server.requests.get(0).nanos();
        assertTrue(waited >= Duration.ofMillis(900).toNanos(), "waited " + waited / 1_000_000 + " ms, not the 1 s asked for");
    }

    @Test
    void aWorkspaceThatRefusesByokwatch_failsSayingWhichRoleToGrant() {
        LogAnalyticsAccessSource source = source(r -> new LocalLogAnalytics.Response(403, Map.of(),
                "{\"error\":{\"code\":\"InsufficientAccessError\",\"message\":\"The provided credentials have insufficient access to perform the requested operation\"}}"),
                null);
        AccessLogException e = assertThrows(AccessLogException.class, () -> source.read(FROM, FROM.plus(Duration.ofDays(1)), got::add));
        assertTrue(e.getMessage().contains("HTTP 403") && e.getMessage().contains("Log Analytics Reader"), e.getMessage());
        assertFalse(e.getMessage().contains(LocalLogAnalytics.FixedToken.TOKEN));
    }

    @Test
    void noAuditEventsInEitherTable_isReported_notThrown() {
        LogAnalyticsAccessSource source = source(r -> LocalLogAnalytics.Response.ok(table(null)), null);
        AccessLogRead read = source.read(FROM, FROM.plus(Duration.ofDays(1)), got::add);
        assertEquals(1, server.requests.size());
        assertTrue(read.problems().get(0).contains("holds no Key Vault audit events") && read.problems().get(0).contains("AuditEvent"),
                read.problems().toString());
    }

    @Test
    void bothTablesDuringAModeSwitch_areBothRead_andTheDoubleCountRiskIsNoted() {
        LogAnalyticsAccessSource source = source(r -> LocalLogAnalytics.Response.ok(probe(r)
                ? "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"Table\",\"type\":\"string\"}],\"rows\":[[\"AZKVAuditLogs\"],[\"AzureDiagnostics\"]]}]}"
                : bins(pageStart(r), 1)), null);
        AccessLogRead read = source.read(FROM, FROM.plus(Duration.ofHours(4)), got::add);
        assertEquals(3, server.requests.size());
        assertTrue(server.requests.get(1).query().contains("\nAzureDiagnostics\n"));
        assertTrue(server.requests.get(2).query().contains("\nAZKVAuditLogs\n"));
        assertTrue(read.problems().get(0).contains("count twice"), read.problems().toString());
        assertTrue(read.source().endsWith("(AzureDiagnostics and AZKVAuditLogs)"), read.source());
    }

    @Test
    void aDayThatFails_isReported_andTheOtherDaysStillCount() {
        LogAnalyticsAccessSource source = source(r -> pageStart(r).equals(FROM)
                ? LocalLogAnalytics.Response.ok(bins(FROM, 4))
                : new LocalLogAnalytics.Response(400, Map.of(), "{\"error\":{\"code\":\"BadArgumentError\",\"message\":\"The request had some invalid properties\"}}"),
                AccessTable.AZKV_AUDIT_LOGS);
        AccessLogRead read = source.read(FROM, FROM.plus(Duration.ofDays(2)), got::add);
        assertEquals(1, got.size());
        assertEquals(1, read.problems().size());
        assertTrue(read.problems().get(0).startsWith("AZKVAuditLogs from 2026-11-29T02:00:00Z to 2026-11-30T02:00:00Z could not be read: HTTP 400"),
                read.problems().get(0));
    }

    @Test
    void whenEveryPageFails_theReadFails() {
        LogAnalyticsAccessSource source = source(r -> new LocalLogAnalytics.Response(400, Map.of(),
                "{\"error\":{\"code\":\"BadArgumentError\",\"message\":\"bad\"}}"), AccessTable.AZKV_AUDIT_LOGS);
        AccessLogException e = assertThrows(AccessLogException.class, () -> source.read(FROM, FROM.plus(Duration.ofDays(2)), got::add));
        assertTrue(e.getMessage().contains("answered none of 2 queries"), e.getMessage());
    }
}
