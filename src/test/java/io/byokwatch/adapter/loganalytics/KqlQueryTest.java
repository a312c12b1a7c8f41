package io.byokwatch.adapter.loganalytics;

import io.byokwatch.domain.AccessScope;
import io.byokwatch.domain.Caller;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class KqlQueryTest {
    private static final Instant FROM = Instant.parse("2026-11-30T02:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-01T02:00:00Z");

    @Test
    void everyShippedQuery_loadsAndDeclaresItsParameters() {
        for (String name : KqlQuery.SHIPPED) {
            KqlQuery q = KqlQuery.load(name);
            assertTrue(q.parameters().containsKey("windowStart") && q.parameters().containsKey("windowEnd"), name);
        }
    }

    @Test
    void parametersAreBoundAsLetStatements_afterTheLeadingComments() {
        String text = KqlQuery.load("hourly-azkvauditlogs").render(Map.of("windowStart", FROM, "windowEnd", TO));
        assertTrue(text.startsWith("// Key Vault key and vault operations"), text);
        assertTrue(text.contains("// parameters: windowStart:datetime, windowEnd:datetime\n"
                + "let windowStart = datetime(2026-11-30T02:00:00Z);\nlet windowEnd = datetime(2026-12-01T02:00:00Z);\n"
                + "AZKVAuditLogs\n"), text);
    }

    @Test
    void missingOrUnknownParameters_areRefused() {
        KqlQuery q = KqlQuery.load("hourly-azkvauditlogs");
        assertThrows(IllegalArgumentException.class, () -> q.render(Map.of("windowStart", FROM)));
        Map<String, Object> extra = new LinkedHashMap<>(Map.of("windowStart", FROM, "windowEnd", TO));
        extra.put("vaultName", "x");
        assertThrows(IllegalArgumentException.class, () -> q.render(extra));
        assertThrows(IllegalArgumentException.class, () -> q.render(Map.of("windowStart", "yesterday", "windowEnd", TO)));
    }

    @Test
    void textValues_areQuotedLiterals_soTheyCannotChangeTheQuery() {
        assertEquals("\"a\\\"b\\\\c\\nd\"", KqlQuery.string("a\"b\\c\nd"));
        String rows = AccessTable.AZKV_AUDIT_LOGS.rawRowsQuery(new AccessScope("kv\" | take 1 //", "disk", null,
                new Caller(null, null, "eve@contoso.example"), null, 0, FROM, TO));
        assertTrue(rows.contains("let vaultName = \"kv\\\" | take 1 //\";"), rows);
        assertTrue(rows.contains("let callerId = \"eve@contoso.example\";"), rows);
        assertTrue(rows.contains("let operationName = \"\";"), "an absent part matches anything");
        assertTrue(rows.contains("let httpStatus = 0;"));
    }

    @Test
    void eachTable_hasItsOwnRawRowQuery() {
        AccessScope scope = new AccessScope("kv", "disk", "KeyUnwrap", Caller.ANONYMOUS, "1.2.3.4", 403, FROM, TO);
        assertTrue(AccessTable.AZURE_DIAGNOSTICS.rawRowsQuery(scope).contains("\nAzureDiagnostics\n"));
        assertTrue(AccessTable.AZKV_AUDIT_LOGS.rawRowsQuery(scope).contains("\nAZKVAuditLogs\n"));
        assertEquals(AccessTable.AZKV_AUDIT_LOGS, AccessTable.named("azkvauditlogs"));
        assertNull(AccessTable.named("AuditLogs"));
    }

    @Test
    void keyNames_comeFromTheObjectUriOrElseTheRequestUri_inEveryQueryOfBothTables() {
        // the Key Vault logging docs promise id only "when an object is returned", so unwrap rows may lack it
        for (String name : List.of("hourly-azkvauditlogs", "raw-rows-azkvauditlogs")) {
            String text = kql(name);
            assertTrue(text.contains("coalesce(Id, RequestUri)") && text.contains("1, ObjectUri))"), name);
        }
        for (String name : List.of("hourly-azurediagnostics", "raw-rows-azurediagnostics")) {
            String text = kql(name);
            assertTrue(text.contains("coalesce(column_ifexists(\"id_s\", \"\"), column_ifexists(\"requestUri_s\", \"\"))"), name);
        }
        assertTrue(kql("hourly-azkvauditlogs").contains("OperationName == \"BackupCreate\""));
    }

    private static String kql(String name) {
        try (java.io.InputStream in = KqlQuery.class.getResourceAsStream("/kql/" + name + ".kql")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
