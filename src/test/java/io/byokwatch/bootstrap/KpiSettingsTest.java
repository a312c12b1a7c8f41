package io.byokwatch.bootstrap;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KpiSettingsTest {
    @Test
    void defaults_keepHistory400Days_inByokwatchhistory_andJudgeKeysAgainstAYear() {
        KpiSettings s = KpiSettings.from(Map.of());

        assertEquals("byokwatchhistory", s.historyTable());
        assertEquals(Duration.ofDays(400), s.retention());
        assertEquals(90, s.windowDays());
        assertEquals(365, s.keyMaxAgeDays());
        assertNull(s.reportStore());
        assertNull(s.dashboardUrl());
    }

    @Test
    void everyBadSetting_isReportedAtOnce_namingItAndAGoodValue() {
        SettingsException e = assertThrows(SettingsException.class, () -> KpiSettings.from(Map.of(
                KpiSettings.HISTORY_TABLE, "byokwatch-history", KpiSettings.HISTORY_RETENTION_DAYS, "7",
                KpiSettings.DASHBOARD_URL, "dashboard", KpiSettings.REPORT_CONTAINER, "kpi-reports")));

        String m = e.getMessage();
        assertTrue(m.contains("BYOKWATCH_HISTORY_TABLE='byokwatch-history' is not a table name"), m);
        assertTrue(m.contains("BYOKWATCH_HISTORY_RETENTION_DAYS='7' must be a whole number from 30 to 3650"), m);
        assertTrue(m.contains("BYOKWATCH_KPI_DASHBOARD_URL='dashboard' is not a web address"), m);
        assertTrue(m.contains("BYOKWATCH_KPI_REPORT_CONTAINER keeps the KPI page in the function's storage account"), m);
    }

    @Test
    void theReportContainer_usesTheFunctionsStorageAccount() {
        KpiSettings s = KpiSettings.from(Map.of(KpiSettings.REPORT_CONTAINER, "byokwatch-reports",
                Settings.STORAGE_ACCOUNT, "stbyokwatch"));

        assertEquals("byokwatch-reports", s.reportStore().container());
        assertEquals("https://stbyokwatch.blob.core.windows.net", s.reportStore().endpoint());
    }
}
