package io.byokwatch.adapter.loganalytics;

import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Caller;
import io.byokwatch.port.AccessLogException;
import io.byokwatch.port.AccessLogRead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AuditLogFilesTest {
    private static final Instant FROM = Instant.parse("2026-11-16T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");
    private static final String OID = "8f5cc9a7-ee13-4650-a223-2aaf82c9fdd6";

    @TempDir
    Path dir;

    private final List<AccessRecord> got = new ArrayList<>();

    private AccessLogRead read(Instant from, Instant to, Path... paths) {
        return new AuditLogFiles(List.of(paths), AccessTable.AZKV_AUDIT_LOGS).read(from, to, got::add);
    }

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static String record(String time, String op, String key, int status) {
        return "{\"time\":\"" + time + "\",\"resourceId\":\"/SUBSCRIPTIONS/6F1C/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/KV-PAY-PROD\","
                + "\"operationName\":\"" + op + "\",\"category\":\"AuditEvent\",\"resultSignature\":\"OK\",\"durationMs\":\"12\","
                + "\"callerIpAddress\":\"20.1.2.3\",\"identity\":{\"claim\":{\"oid\":\"" + OID + "\",\"appid\":\"0000-APP\"}},"
                + "\"properties\":{\"id\":\"https://kv-pay-prod.vault.azure.net/keys/" + key + "/0123\",\"httpStatusCode\":" + status + "}}";
    }

    @Test
    void theDocumentedStorageRecord_isRead_withItsLongClaimNamesAndStringDuration() {
        AccessLogRead r = read(Instant.parse("2016-01-05T00:00:00Z"), Instant.parse("2016-01-06T00:00:00Z"),
                Path.of("src/test/resources/corpus/kv_auditevent_storage_blob_record_docs.json"));
        assertEquals(List.of(), r.problems());
        assertEquals(1, got.size());
        AccessRecord e = got.get(0);
        assertEquals("contosokeyvault", e.vault());
        assertNull(e.key(), "VaultGet has no key");
        assertEquals("VaultGet", e.operation());
        assertEquals(new Caller("d9da5048-2737-4770-bd64-XXXXXXXXXXXX", "00001111-aaaa-2222-bbbb-3333cccc4444",
                "live.com#username@outlook.com"), e.caller());
        assertEquals("104.40.82.76", e.sourceIp());
        assertEquals(200, e.status());
        assertEquals(Instant.parse("2016-01-05T01:32:01.2691226Z"), e.firstSeen());
    }

    @Test
    void jsonLines_losesOnlyALineCutOffMidWrite() throws IOException {
        Path f = file("PT1H.json", record("2026-11-20T10:01:00Z", "KeyUnwrap", "aks-disk", 200) + "\n"
                + record("2026-11-20T10:02:00Z", "KeyUnwrap", "aks-disk", 403) + "\n"
                + record("2026-11-20T10:03:00Z", "KeyUnwrap", "aks-disk", 200).substring(0, 120) + "\n");
        AccessLogRead r = read(FROM, TO, f);
        assertEquals(2, got.size());
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).contains("line 3"), r.problems().toString());
        assertEquals(new Caller(OID, "0000-app", null), got.get(0).caller());
        assertEquals("aks-disk", got.get(0).key());
        assertEquals(403, got.get(1).status());
    }

    @Test
    void aRecordsDocument_andAnArray_areRead_andSecretOperationsLeftOut() throws IOException {
        Path doc = file("eventhub.json", "{\n  \"records\": [\n    " + record("2026-11-20T10:01:00Z", "KeyGet", "aks-disk", 200)
                + ",\n    " + record("2026-11-20T10:02:00Z", "SecretGet", "x", 200) + "\n  ]\n}\n");
        Path array = file("array.json", "[\n" + record("2026-11-20T11:01:00Z", "KeyWrap", "aks-disk", 200) + "\n]\n");
        AccessLogRead r = read(FROM, TO, doc, array);
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("KeyGet", "KeyWrap"), got.stream().map(AccessRecord::operation).toList());
        assertTrue(r.source().startsWith("2 files"), r.source());
    }

    @Test
    void aQueryResponseOfAzkvAuditLogsRows_isRead_withTheDynamicIdentityParsed() throws IOException {
        Path f = file("azkv.json", """
                {"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"},{"name":"OperationName","type":"string"},
                {"name":"HttpStatusCode","type":"int"},{"name":"CallerIpAddress","type":"string"},{"name":"Id","type":"string"},
                {"name":"Identity","type":"dynamic"},{"name":"_ResourceId","type":"string"}],
                "rows":[["2026-11-20T10:01:00.123Z","KeyUnwrap",200,"20.1.2.3","https://kv-pay-prod.vault.azure.net/keys/aks-disk/0123",
                "{\\"claim\\":{\\"oid\\":\\"%s\\",\\"appid\\":\\"a1\\"}}","/subscriptions/6f1c/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv-pay-prod"],
                ["2026-11-20T10:02:00Z","KeyPurge",204,"10.0.0.1","https://kv-pay-prod.vault.azure.net/deletedkeys/old-key",null,
                "/subscriptions/6f1c/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv-pay-prod"]]}]}
                """.formatted(OID));
        assertEquals(List.of(), read(FROM, TO, f).problems());
        assertEquals(2, got.size());
        assertEquals(new Caller(OID, "a1", null), got.get(0).caller());
        assertEquals("aks-disk", got.get(0).key());
        assertEquals("old-key", got.get(1).key(), "a purge names the deleted key");
        assertTrue(got.get(1).caller().anonymous());
    }

    @Test
    void aQueryResponseOfAzureDiagnosticsRows_isRead_withItsFlattenedColumns() throws IOException {
        Path f = file("ad.json", """
                {"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"},{"name":"Resource","type":"string"},
                {"name":"OperationName","type":"string"},{"name":"CallerIPAddress","type":"string"},{"name":"id_s","type":"string"},
                {"name":"httpStatusCode_d","type":"real"},{"name":"identity_claim_oid_g","type":"guid"},{"name":"ResultSignature","type":"string"}],
                "rows":[["2026-11-20T10:01:00Z","KV-PAY-PROD","KeyUnwrap","20.1.2.3","https://kv-pay-prod.vault.azure.net/keys/aks-disk/0123",200.0,"%s","OK"],
                ["2026-11-20T10:05:00Z","KV-PAY-PROD","KeyUnwrap","20.1.2.3","https://kv-pay-prod.vault.azure.net/keys/aks-disk/0123",null,"%s","Forbidden"]]}]}
                """.formatted(OID.toUpperCase(), OID));
        read(FROM, TO, f);
        assertEquals("kv-pay-prod", got.get(0).vault());
        assertEquals(200, got.get(0).status());
        assertEquals(403, got.get(1).status(), "the signature stands in for a missing code");
        assertEquals(got.get(0).caller(), got.get(1).caller(), "GUIDs compare whatever their case");
    }

    @Test
    void savedHourlyBins_keepTheirCounts() throws IOException {
        Path f = file("bins.json", """
                {"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeBin","type":"datetime"},{"name":"Vault","type":"string"},
                {"name":"Key","type":"string"},{"name":"OperationName","type":"string"},{"name":"ObjectId","type":"string"},
                {"name":"AppId","type":"string"},{"name":"Upn","type":"string"},{"name":"CallerIp","type":"string"},
                {"name":"Status","type":"int"},{"name":"Count","type":"long"},{"name":"FirstSeen","type":"datetime"},{"name":"LastSeen","type":"datetime"}],
                "rows":[["2026-11-20T10:00:00Z","kv-pay-prod","aks-disk","KeyUnwrap","%s","","","20.1.2.3",200,412,"2026-11-20T10:00:03Z","2026-11-20T10:59:58Z"],
                ["2026-11-20T10:00:00Z","kv-pay-prod","","VaultGet","%s","","","20.1.2.3",200,3,"2026-11-20T10:10:00Z","2026-11-20T10:20:00Z"]]}]}
                """.formatted(OID, OID));
        read(FROM, TO, f);
        assertEquals(412, got.get(0).count());
        assertEquals(Instant.parse("2026-11-20T10:59:58Z"), got.get(0).lastSeen());
        assertNull(got.get(1).key());
    }

    @Test
    void savedBinsWithACountThatIsNoWholeNumberOfEvents_areSkippedAndNamed_theRestKept() throws IOException {
        String columns = "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"TimeBin\",\"type\":\"datetime\"},"
                + "{\"name\":\"Vault\",\"type\":\"string\"},{\"name\":\"Key\",\"type\":\"string\"},"
                + "{\"name\":\"OperationName\",\"type\":\"string\"},{\"name\":\"ObjectId\",\"type\":\"string\"},"
                + "{\"name\":\"Count\",\"type\":\"long\"}],\"rows\":[";
        String row = "[\"2026-11-20T10:00:00Z\",\"kv-pay-prod\",\"aks-disk\",\"KeyUnwrap\",\"" + OID + "\",%s]";
        Path f = file("bins.json", columns + String.join(",", row.formatted("-5"), row.formatted("1.5"),
                row.formatted("1e300"), row.formatted("\"NaN\""), row.formatted("12")) + "]}]}");
        AccessLogRead r = read(FROM, TO, f);
        assertEquals(1, got.size());
        assertEquals(12, got.get(0).count());
        assertTrue(r.problems().get(0).contains("count '-5' is not a whole number from 1 to"), r.problems().toString());
        assertTrue(r.problems().get(1).contains("count '1.5'"), r.problems().toString());
        assertTrue(r.problems().get(2).contains("count '1e300'"), r.problems().toString());
        assertTrue(r.problems().get(3).contains("1 more records were not audit events"), r.problems().toString());
    }

    @Test
    void aQueryResponseWithAColumnWithoutAName_isNamedAsUnreadable_notACrash() throws IOException {
        Path f = file("odd.json", "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"TimeGenerated\"},"
                + "{\"type\":\"string\"}],\"rows\":[]}],\"records\":{\"not\":\"a list\"}}");
        AccessLogException e = assertThrows(AccessLogException.class, () -> read(FROM, TO, f));
        assertTrue(e.getMessage().contains("column 2 of the table has no name"), e.getMessage());
    }

    @Test
    void aRecordWhoseTablesFieldIsNoList_isOneBadRecord_notALoop() throws IOException {
        Path f = file("loop.json", "{\"time\":\"2026-11-20T10:01:00Z\",\"tables\":{\"x\":1}}\n"
                + "[[[[[" + record("2026-11-20T10:01:00Z", "KeyUnwrap", "aks-disk", 200) + "]]]]]\n"
                + record("2026-11-20T10:02:00Z", "KeyUnwrap", "aks-disk", 200) + "\n");
        AccessLogRead r = read(FROM, TO, f);
        assertEquals(1, got.size(), "the sound record is kept");
        assertEquals(1, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).contains("line 2: lists nested more than 3 deep"), r.problems().toString());
    }

    @Test
    void thePortalsCsvExport_isRead_withQuotedJsonAndItsDateFormat() throws IOException {
        Path f = file("query_data.csv", "\uFEFFTimeGenerated [UTC],OperationName,CallerIpAddress,Id,HttpStatusCode,Identity,_ResourceId\r\n"
                + "\"11/20/2026, 10:01:02.345 AM\",KeyUnwrap,20.1.2.3,https://kv-pay-prod.vault.azure.net/keys/aks-disk/0123,200,"
                + "\"{\"\"claim\"\":{\"\"oid\"\":\"\"" + OID + "\"\",\"\"appid\"\":\"\"a1\"\"}}\",/subscriptions/x/providers/Microsoft.KeyVault/vaults/kv-pay-prod\r\n"
                + "\"11/20/2026, 1:15:00 PM\",KeyGet,20.1.2.3,https://kv-pay-prod.vault.azure.net/keys/aks-disk,200,,/subscriptions/x/providers/Microsoft.KeyVault/vaults/kv-pay-prod\r\n");
        assertEquals(List.of(), read(FROM, TO, f).problems());
        assertEquals(2, got.size());
        assertEquals(Instant.parse("2026-11-20T10:01:02.345Z"), got.get(0).firstSeen());
        assertEquals(Instant.parse("2026-11-20T13:15:00Z"), got.get(1).firstSeen());
        assertEquals(new Caller(OID, "a1", null), got.get(0).caller());
    }

    @Test
    void eventsOutsideTheRange_areLeftOut_andCounted() throws IOException {
        Path f = file("PT1H.json", record("2026-11-20T10:01:00Z", "KeyUnwrap", "aks-disk", 200) + "\n"
                + record("2026-12-03T10:01:00Z", "KeyUnwrap", "aks-disk", 200) + "\n");
        AccessLogRead r = read(FROM, TO, f);
        assertEquals(1, got.size());
        assertTrue(r.problems().get(0).startsWith("1 audit events in the files lie outside"), r.problems().toString());
    }

    @Test
    void aFolderIsReadRecursively_inNameOrder_skippingHiddenFiles() throws IOException {
        file("logs/y=2026/m=11/d=20/PT1H.json", record("2026-11-20T10:01:00Z", "KeyUnwrap", "aks-disk", 200) + "\n");
        file("logs/y=2026/m=11/d=21/PT1H.json", record("2026-11-21T10:01:00Z", "KeyWrap", "aks-disk", 200) + "\n");
        file("logs/.DS_Store", "\u0000\u0001");
        read(FROM, TO, dir.resolve("logs"));
        assertEquals(List.of("KeyUnwrap", "KeyWrap"), got.stream().map(AccessRecord::operation).toList());
    }

    @Test
    void aQueryResponseThatIsNoAuditLog_saysWhichColumnsItHas() {
        AccessLogException e = assertThrows(AccessLogException.class, () -> read(FROM, TO,
                Path.of("src/test/resources/corpus/la_query_response_typed_values_java_session_record.json")));
        assertTrue(e.getMessage().contains("no Key Vault audit records") && e.getMessage().contains("not Key Vault audit rows"),
                e.getMessage());
    }

    @Test
    void aMissingPath_isAnErrorNamingIt() {
        AccessLogException e = assertThrows(AccessLogException.class, () -> read(FROM, TO, dir.resolve("nope.json")));
        assertTrue(e.getMessage().contains("nope.json") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void badRecords_areReportedWithTheirPlace_threePerFileAndACount() throws IOException {
        StringBuilder sb = new StringBuilder(record("2026-11-20T10:01:00Z", "KeyUnwrap", "aks-disk", 200)).append('\n');
        for (int i = 0; i < 5; i++) {
            sb.append("{\"time\":\"yesterday\",\"operationName\":\"KeyGet\",\"resourceId\":\"/x/providers/Microsoft.KeyVault/vaults/v\"}\n");
        }
        AccessLogRead r = read(FROM, TO, file("bad.json", sb.toString()));
        assertEquals(1, got.size());
        assertEquals(4, r.problems().size());
        assertTrue(r.problems().get(0).contains("line 2") && r.problems().get(0).contains("'yesterday'"), r.problems().get(0));
        assertTrue(r.problems().get(3).contains("2 more records"), r.problems().get(3));
    }

    @Test
    void managedHsmUnwrap_inTheDocumentedShape_namesTheKeyAndTheCaller() {
        // Managed HSM logging docs: identity is JSON text with the claim URL nested as objects; requestUri and
        // httpStatusCode sit at the top level; there is no properties.id
        AccessLogRead r = read(Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"),
                Path.of("src/test/resources/access/mhsm_auditevent_keyunwrap_docs_shape.jsonl"));
        assertEquals(List.of(), r.problems());
        AccessRecord e = got.get(0);
        assertEquals("contosomhsm", e.vault());
        assertEquals("card-key", e.key(), "before: no key, so silent-key fired every night");
        assertEquals("8e7d6c5b-4a39-4281-9f0e-d1c2b3a4f5e6", e.caller().objectId(), "before: an anonymous caller");
        assertEquals(200, e.status());
    }

    @Test
    void managedHsmFullBackup_isValidInput_onItsOwn() {
        AccessLogRead r = read(Instant.parse("2020-08-31T00:00:00Z"), Instant.parse("2020-09-01T00:00:00Z"),
                Path.of("src/test/resources/access/mhsm_auditevent_backupcreate_docs.json"));
        assertEquals(List.of(), r.problems());
        assertEquals("BackupCreate", got.get(0).operation());
        assertEquals("admin@contoso.com", got.get(0).caller().upn());
        assertEquals(202, got.get(0).status());
    }

    @Test
    void aWindowOfSecretTrafficAlone_isAValidWindow_notMissingLogs() throws IOException {
        Path secrets = file("secrets.json", record("2026-11-30T10:00:00Z", "SecretGet", "x", 200).replace("/keys/x/0123", "/secrets/db/0123")
                + "\n" + record("2026-11-30T11:00:00Z", "CertificateGet", "x", 200).replace("/keys/x/0123", "/certificates/tls/0123"));
        AccessLogRead r = read(FROM, TO, secrets);
        assertEquals(List.of(), got);
        assertTrue(r.problems().get(0).startsWith("2 audit events about secrets, certificates"), r.problems().toString());
    }
}
