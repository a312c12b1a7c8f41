package io.byokwatch.bootstrap;

import io.byokwatch.access.Thresholds;
import io.byokwatch.adapter.loganalytics.AccessTable;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class AccessSettingsTest {
    private static final String WS = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";

    @Test
    void aWorkspaceAlone_getsTheDefaults_andItsCloudsEndpoint() {
        AccessSettings s = AccessSettings.from(Map.of(AccessSettings.WORKSPACE_ID, WS.toUpperCase()), "AzureUSGovernment");
        assertEquals(WS, s.workspaceId());
        assertEquals("https://api.loganalytics.us", s.endpoint());
        assertNull(s.table(), "found with the probe");
        assertEquals(24, s.windowHours());
        assertEquals(14, s.baselineDays());
        assertEquals(Thresholds.DEFAULTS, s.thresholds());
        assertNull(s.reportDir());
    }

    @Test
    void everySettingCanBeGiven() {
        AccessSettings s = AccessSettings.from(Map.of(AccessSettings.LOG_FILES, "a.json; logs/", AccessSettings.TABLE, "azurediagnostics",
                AccessSettings.WINDOW_HOURS, "12", AccessSettings.BASELINE_DAYS, "28", AccessSettings.ALLOWLIST_FILE, "allow.json",
                AccessSettings.REPORT_DIR, "/home/reports", AccessSettings.ENDPOINT, "https://la.contoso.example/v1",
                "BYOKWATCH_ACCESS_SPIKE_RATIO", "5.5", "BYOKWATCH_ACCESS_IPV4_PREFIX", "16"), "AzureCloud");
        assertEquals(List.of(Path.of("a.json"), Path.of("logs/")), s.logFiles());
        assertEquals(AccessTable.AZURE_DIAGNOSTICS, s.table());
        assertEquals(12, s.windowHours());
        assertEquals(28, s.baselineDays());
        assertEquals("https://la.contoso.example/v1", s.endpoint());
        assertEquals(5.5, s.thresholds().spikeRatio());
        assertEquals(16, s.thresholds().ipv4Prefix());
        assertEquals(Path.of("/home/reports"), s.reportDir());
    }

    @Test
    void everyProblem_isListedAtOnce_withTheSettingAndAGoodValue() {
        SettingsException e = assertThrows(SettingsException.class, () -> AccessSettings.from(Map.of(
                AccessSettings.WORKSPACE_ID, "/subscriptions/x/workspaces/ws", AccessSettings.TABLE, "AuditLogs",
                AccessSettings.WINDOW_HOURS, "0", "BYOKWATCH_ACCESS_SPIKE_Z", "lots", AccessSettings.ENDPOINT, "http://x"), "AzureCloud"));
        assertEquals(5, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("customer id GUID"));
        assertTrue(e.getMessage().contains("use auto, AzureDiagnostics, AZKVAuditLogs"));
        assertTrue(e.getMessage().contains("BYOKWATCH_ACCESS_WINDOW_HOURS='0' must be a whole number from 1 to 168"));
        assertTrue(e.getMessage().contains("BYOKWATCH_ACCESS_SPIKE_Z='lots'"));
    }

    @Test
    void theLogsMustComeFromExactlyOnePlace() {
        assertTrue(assertThrows(SettingsException.class, () -> AccessSettings.from(Map.of(), "AzureCloud")).getMessage()
                .contains(AccessSettings.WORKSPACE_ID));
        assertTrue(assertThrows(SettingsException.class, () -> AccessSettings.from(Map.of(AccessSettings.WORKSPACE_ID, WS,
                AccessSettings.LOG_FILES, "x"), "AzureCloud")).getMessage().contains("not both"));
    }

    @Test
    void aReportContainer_needsAValidName_andTheFunctionsStorage_andNeverPrintsTheConnectionString() {
        String ws = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
        AccessSettings.BlobPlace byIdentity = AccessSettings.from(Map.of(AccessSettings.WORKSPACE_ID, ws,
                AccessSettings.REPORT_CONTAINER, "byokwatch-reports", "AzureWebJobsStorage__blobServiceUri",
                "https://stbyok.blob.core.usgovcloudapi.net/"), "AzureUSGovernment").reportStore();
        assertEquals("https://stbyok.blob.core.usgovcloudapi.net/", byIdentity.endpoint());
        AccessSettings.BlobPlace byKey = AccessSettings.from(Map.of(AccessSettings.WORKSPACE_ID, ws,
                AccessSettings.REPORT_CONTAINER, "byokwatch-reports", "AzureWebJobsStorage",
                "DefaultEndpointsProtocol=https;AccountName=st;AccountKey=c2VjcmV0LWtleQ==;"), "AzureCloud").reportStore();
        assertFalse(byKey.toString().contains("c2VjcmV0"), byKey.toString());

        String bad = assertThrows(SettingsException.class, () -> AccessSettings.from(Map.of(AccessSettings.WORKSPACE_ID, ws,
                AccessSettings.REPORT_CONTAINER, "Reports_2026"), "AzureCloud")).getMessage();
        assertTrue(bad.contains("'Reports_2026' is not a blob container name"), bad);
        String nowhere = assertThrows(SettingsException.class, () -> AccessSettings.from(Map.of(AccessSettings.WORKSPACE_ID, ws,
                AccessSettings.REPORT_CONTAINER, "byokwatch-reports"), "AzureCloud")).getMessage();
        assertTrue(nowhere.contains("neither AzureWebJobsStorage"), nowhere);
    }
}
