package io.byokwatch.bootstrap;

import io.byokwatch.adapter.loganalytics.AccessTable;
import io.byokwatch.adapter.loganalytics.AuditLogFiles;
import io.byokwatch.adapter.loganalytics.LogAnalyticsAccessSource;
import io.byokwatch.adapter.loganalytics.LogAnalyticsClients;
import io.byokwatch.port.AccessLogSource;

import java.nio.file.Path;
import java.util.List;

/** Builds the audit-log source the settings or flags name: exported files, or a workspace read as byokwatch's identity. */
public final class AccessSources {
    private AccessSources() {
    }

    /** @param table the table whose KQL the report offers for raw rows; null means AZKVAuditLogs, the recommended mode */
    public static AccessLogSource files(List<Path> paths, AccessTable table) {
        return new AuditLogFiles(paths, table == null ? AccessTable.AZKV_AUDIT_LOGS : table);
    }

    /** A workspace through the managed identity (DefaultAzureCredential locally); table null means probe for it. */
    public static AccessLogSource workspace(String workspaceId, String endpoint, AccessTable table) {
        return new LogAnalyticsAccessSource(LogAnalyticsClients.client(endpoint, Credentials.managed(System.getenv(Settings.CLOUD)), null,
                LogAnalyticsClients.defaultRetry()), workspaceId, table);
    }

    static AccessLogSource of(AccessSettings s) {
        return s.workspaceId() != null ? workspace(s.workspaceId(), s.endpoint(), s.table()) : files(s.logFiles(), s.table());
    }
}
