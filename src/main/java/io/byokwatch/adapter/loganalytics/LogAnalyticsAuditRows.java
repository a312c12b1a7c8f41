package io.byokwatch.adapter.loganalytics;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.Context;
import com.azure.monitor.query.LogsQueryClient;
import com.azure.monitor.query.models.LogsQueryOptions;
import com.azure.monitor.query.models.LogsQueryResult;
import com.azure.monitor.query.models.LogsQueryResultStatus;
import com.azure.monitor.query.models.LogsTable;
import com.azure.monitor.query.models.LogsTableCell;
import com.azure.monitor.query.models.LogsTableRow;
import com.azure.monitor.query.models.QueryTimeInterval;
import io.byokwatch.port.AuditRowCounts;
import io.byokwatch.port.Lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Key Vault audit rows per vault in a recent window, from a Log Analytics workspace, for {@code byokwatch doctor}. */
public final class LogAnalyticsAuditRows implements AuditRowCounts {
    private static final KqlQuery QUERY = KqlQuery.load("recent-audit-rows");

    private final LogsQueryClient client;
    private final String workspaceId;
    private final Clock clock;

    public LogAnalyticsAuditRows(LogsQueryClient client, String workspaceId, Clock clock) {
        this.client = client;
        this.workspaceId = workspaceId;
        this.clock = clock;
    }

    @Override
    public Lookup<Map<String, Rows>> recentRows(Duration window) {
        Instant end = clock.instant();
        Instant start = end.minus(window);
        String query = QUERY.render(Map.of("windowStart", start, "windowEnd", end));
        LogsQueryResult result;
        try {
            result = client.queryWorkspaceWithResponse(workspaceId, query,
                    new QueryTimeInterval(OffsetDateTime.ofInstant(start, ZoneOffset.UTC), OffsetDateTime.ofInstant(end, ZoneOffset.UTC)),
                    new LogsQueryOptions().setServerTimeout(Duration.ofMinutes(2)), Context.NONE).getValue();
        } catch (HttpResponseException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            String first = e.getMessage() == null ? "" : e.getMessage().split("\\R", 2)[0];
            return Lookup.unknown("the workspace answered HTTP " + status + " (" + first + ")" + switch (status) {
                case 401, 403 -> "; byokwatch's identity needs the Log Analytics Reader role on it";
                case 404 -> "; check the workspace id: the customer id GUID, not the ARM id";
                default -> "";
            });
        } catch (RuntimeException e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return Lookup.unavailable("the workspace could not be reached (" + t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")");
        }
        if (result.getQueryResultStatus() != LogsQueryResultStatus.SUCCESS) {
            return Lookup.unknown("the workspace answered only in part ("
                    + (result.getError() == null ? "no reason given" : result.getError().getMessage()) + ")");
        }
        Map<String, Rows> out = new LinkedHashMap<>();
        for (LogsTable t : result.getAllTables()) {
            for (LogsTableRow row : t.getRows()) {
                String vault = row.getColumnValue("Vault").map(LogsTableCell::getValueAsString).orElse(null);
                if (vault == null || vault.isBlank()) {
                    continue;
                }
                long rows = row.getColumnValue("Rows").map(LogsTableCell::getValueAsLong).orElse(0L);
                Instant latest = row.getColumnValue("Latest").map(LogsTableCell::getValueAsDateTime)
                        .map(OffsetDateTime::toInstant).orElse(null);
                out.put(vault.toLowerCase(Locale.ROOT), new Rows(rows, latest));
            }
        }
        return Lookup.found(Map.copyOf(out));
    }

    @Override
    public String describe() {
        return "workspace " + workspaceId;
    }
}
