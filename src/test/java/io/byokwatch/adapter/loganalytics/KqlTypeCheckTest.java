package io.byokwatch.adapter.loganalytics;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every KQL query byokwatch ships, rendered exactly as it is sent, parsed and type-checked offline by Microsoft's
 * Kusto language service against the Key Vault columns of AzureDiagnostics and AZKVAuditLogs: in a workspace that has
 * ingested every column, and in one whose AzureDiagnostics has only its fixed columns. A misspelt column fails here,
 * not at 02:00 in production.
 */
class KqlTypeCheckTest {
    static final Map<String, String> BIN_COLUMNS = binColumns();
    private static List<KqlTypeCheck.Result> shipped;

    private static Map<String, String> binColumns() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String c : List.of("TimeBin:datetime", "Vault:string", "Key:string", "OperationName:string", "ObjectId:string",
                "AppId:string", "Upn:string", "CallerIp:string", "Status:int", "Count:long", "FirstSeen:datetime",
                "LastSeen:datetime")) {
            m.put(c.split(":")[0], c.split(":")[1]);
        }
        return m;
    }

    /** A shipped query with sample values for its parameters, through the same rendering the adapter uses. */
    static String rendered(String name) {
        KqlQuery q = KqlQuery.load(name);
        Map<String, Object> values = new LinkedHashMap<>();
        q.parameters().forEach((p, type) -> values.put(p, switch (type) {
            case "datetime" -> Instant.parse("2026-11-30T02:00:00Z");
            case "int" -> 403;
            default -> "kv-pay-prod";
        }));
        return q.render(values);
    }

    @BeforeAll
    static void checkShippedQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        KqlQuery.SHIPPED.forEach(n -> queries.put(n, rendered(n)));
        shipped = KqlTypeCheck.check(queries);
    }

    @Test
    void everyShippedQuery_isCheckedAgainstBothWorkspaces_andHasNoErrorOrWarning() {
        assertEquals(KqlQuery.SHIPPED.size() * 2, shipped.size());
        String problems = shipped.stream().filter(r -> !r.problems().isEmpty())
                .map(r -> r.query() + " @ " + r.database() + ": " + r.problems()).collect(Collectors.joining("\n"));
        assertEquals("", problems);
    }

    @Test
    void bothHourlyQueries_returnTheBinColumnsTheAdapterReads_withTheirTypes() {
        for (KqlTypeCheck.Result r : shipped) {
            if (r.query().startsWith("hourly-")) {
                assertEquals(BIN_COLUMNS, r.columns(), r.query() + " @ " + r.database());
            }
        }
        assertNotNull(AuditRowShape.of(List.copyOf(BIN_COLUMNS.keySet())));
    }

    @Test
    void theProbe_returnsTheTableColumn_andBothRawRowQueriesAgreeOnTheirKeyColumns() {
        for (KqlTypeCheck.Result r : shipped) {
            if (r.query().equals("probe-table")) {
                assertEquals(Map.of("Table", "string"), r.columns());
            }
            if (r.query().startsWith("raw-rows-")) {
                assertTrue(r.columns().keySet().containsAll(List.of("TimeGenerated", "OperationName", "Vault", "Key", "ObjectId",
                        "AppId", "Upn")), r.query() + ": " + r.columns());
                assertNotNull(AuditRowShape.of(List.copyOf(r.columns().keySet())), "raw rows saved to a file read back");
            }
        }
    }

    @Test
    void aMisspeltColumn_failsTheCheck() {
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("misspelt", rendered("hourly-azkvauditlogs").replace("CallerIp = CallerIpAddress", "CallerIp = CallerIpAdress"));
        // The rename Microsoft documents: AzureDiagnostics spells it CallerIPAddress, AZKVAuditLogs CallerIpAddress.
        broken.put("wrong-table-spelling", rendered("hourly-azurediagnostics").replace("CallerIp = CallerIPAddress",
                "CallerIp = CallerIpAddress"));
        List<KqlTypeCheck.Result> results = KqlTypeCheck.check(broken);
        assertEquals(4, results.size());
        for (KqlTypeCheck.Result r : results) {
            assertTrue(r.problems().stream().anyMatch(d -> d.severity().equals("Error") && d.message().contains("CallerIp")),
                    r.query() + " @ " + r.database() + ": " + r.diagnostics());
        }
    }

    @Test
    void aFlattenedColumnReadWithoutColumnIfexists_failsInAFreshWorkspace() {
        String bare = rendered("hourly-azurediagnostics").replace("column_ifexists(\"id_s\", \"\")", "id_s");
        assertNotEquals(rendered("hourly-azurediagnostics"), bare, "the replacement must hit the shipped text");
        Map<String, List<KqlTypeCheck.Diagnostic>> byDb = KqlTypeCheck.check(Map.of("bare", bare)).stream()
                .collect(Collectors.toMap(KqlTypeCheck.Result::database, KqlTypeCheck.Result::problems));
        assertEquals(List.of(), byDb.get(KqlTypeCheck.INGESTED));
        assertTrue(byDb.get(KqlTypeCheck.FRESH).stream().anyMatch(d -> d.message().contains("id_s")), byDb.toString());
    }

    @Test
    void aSyntaxError_failsTheCheck() {
        List<KqlTypeCheck.Result> r = KqlTypeCheck.check(Map.of("empty-where", "AZKVAuditLogs | where "));
        assertTrue(r.get(0).problems().stream().anyMatch(d -> d.message().contains("Missing expression")), r.toString());
    }
}
