package io.byokwatch.adapter.loganalytics;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.models.ResponseError;
import com.azure.core.util.Context;
import com.azure.monitor.query.LogsQueryClient;
import com.azure.monitor.query.models.LogsQueryOptions;
import com.azure.monitor.query.models.LogsQueryResult;
import com.azure.monitor.query.models.LogsQueryResultStatus;
import com.azure.monitor.query.models.LogsTable;
import com.azure.monitor.query.models.LogsTableCell;
import com.azure.monitor.query.models.LogsTableRow;
import com.azure.monitor.query.models.QueryTimeInterval;
import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.AccessScope;
import io.byokwatch.port.AccessLogException;
import io.byokwatch.port.AccessLogRead;
import io.byokwatch.port.AccessLogSource;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Key Vault audit logs in a Log Analytics workspace. The hourly query aggregates on the server; pages are one day long
 * so that even a busy estate stays far below the 500,000-row and 64 MB result limits. A page that comes back partial
 * (Log Analytics reports "PartialError", most often a size or time limit) is read again as two halves, down to single
 * hours; what is still partial then is kept and reported. Which table holds the logs is found with a cheap probe unless
 * a setting names it; during a switch of diagnostic mode both tables are read.
 */
public final class LogAnalyticsAccessSource implements AccessLogSource {
    /** Log Analytics returns at most this many rows; a page that reaches it was cut short. */
    static final int ROW_LIMIT = 500_000;
    private static final Duration PAGE = Duration.ofDays(1);
    private static final KqlQuery PROBE = KqlQuery.load("probe-table");

    private final LogsQueryClient client;
    private final String workspaceId;
    private final AccessTable configured;
    private final LogsQueryOptions options = new LogsQueryOptions().setAllowPartialErrors(true)
            .setServerTimeout(Duration.ofMinutes(3));
    private volatile AccessTable rawRowsTable;

    /** @param table the table to read, or null to find it with the probe query */
    public LogAnalyticsAccessSource(LogsQueryClient client, String workspaceId, AccessTable table) {
        this.client = client;
        this.workspaceId = workspaceId;
        this.configured = table;
        this.rawRowsTable = table == null ? AccessTable.AZKV_AUDIT_LOGS : table;
    }

    @Override
    public String rawRowsQuery(AccessScope scope) {
        return rawRowsTable.rawRowsQuery(scope);
    }

    @Override
    public AccessLogRead read(Instant from, Instant to, Consumer<AccessRecord> sink) {
        List<String> problems = new ArrayList<>();
        List<AccessTable> tables = configured != null ? List.of(configured) : probe(from, to);
        String source = "Log Analytics workspace " + workspaceId;
        if (tables.isEmpty()) {
            problems.add("Workspace " + workspaceId + " holds no Key Vault audit events in AzureDiagnostics or AZKVAuditLogs"
                    + " from " + from + " to " + to + "; check that each vault's diagnostic setting sends the AuditEvent"
                    + " category to it.");
            return new AccessLogRead(source, problems);
        }
        rawRowsTable = tables.get(tables.size() - 1);
        if (tables.size() > 1) {
            problems.add("Both AzureDiagnostics and AZKVAuditLogs hold Key Vault audit events in this range (a diagnostic"
                    + " setting changed mode, or two settings send to this workspace); both were read, so events sent to both"
                    + " count twice.");
        }
        Pager pager = new Pager(sink, problems);
        for (AccessTable table : tables) {
            for (Instant start = from; start.isBefore(to); start = start.plus(PAGE)) {
                Instant end = start.plus(PAGE).isBefore(to) ? start.plus(PAGE) : to;
                pager.read(table, start, end);
            }
        }
        if (pager.answered == 0) {
            throw new AccessLogException("Log Analytics workspace " + workspaceId + " answered none of "
                    + pager.asked + " queries: " + problems.get(problems.size() - 1));
        }
        return new AccessLogRead(source + " (" + String.join(" and ", tables.stream().map(AccessTable::tableName).toList())
                + ")", problems);
    }

    /** The tables holding Key Vault audit events in the range; the newer, resource-specific one last. */
    private List<AccessTable> probe(Instant from, Instant to) {
        String query = PROBE.render(Map.of("windowStart", from, "windowEnd", to));
        LogsQueryResult result;
        try {
            result = client.queryWorkspaceWithResponse(workspaceId, query, interval(from, to), options, Context.NONE).getValue();
        } catch (HttpResponseException e) {
            throw new AccessLogException("Log Analytics workspace " + workspaceId + " refused the probe query: "
                    + describe(e) + hint(e), e);
        } catch (RuntimeException e) {
            throw new AccessLogException("Log Analytics workspace " + workspaceId + " could not be reached: " + rootCause(e), e);
        }
        List<AccessTable> found = new ArrayList<>();
        for (LogsTable t : result.getAllTables()) {
            for (LogsTableRow row : t.getRows()) {
                row.getColumnValue("Table").map(LogsTableCell::getValueAsString).map(AccessTable::named)
                        .filter(x -> !found.contains(x)).ifPresent(found::add);
            }
        }
        found.sort(null);
        return found;
    }

    private static QueryTimeInterval interval(Instant from, Instant to) {
        return new QueryTimeInterval(OffsetDateTime.ofInstant(from, ZoneOffset.UTC), OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
    }

    private static String describe(HttpResponseException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
        String message = e.getMessage() == null ? "" : e.getMessage().split("\\R", 2)[0];
        return (status > 0 ? "HTTP " + status + ", " : "") + message;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static String hint(HttpResponseException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
        return switch (status) {
            case 401, 403 -> "; grant byokwatch's identity the Log Analytics Reader role on the workspace.";
            case 404 -> "; check the workspace id (the workspace's customer id GUID, not its ARM id).";
            default -> ".";
        };
    }

    /** Reads pages, halving those that come back partial; counts what was asked and answered. */
    private final class Pager {
        private final Consumer<AccessRecord> sink;
        private final List<String> problems;
        int asked;
        int answered;
        /** Turned off once a one-hour page is still partial: then smaller pages do not help and only cost queries. */
        private boolean splittingHelps = true;

        Pager(Consumer<AccessRecord> sink, List<String> problems) {
            this.sink = sink;
            this.problems = problems;
        }

        void read(AccessTable table, Instant start, Instant end) {
            asked++;
            String query = table.hourly().render(Map.of("windowStart", start, "windowEnd", end));
            LogsQueryResult result;
            try {
                result = client.queryWorkspaceWithResponse(workspaceId, query, interval(start, end), options, Context.NONE)
                        .getValue();
            } catch (HttpResponseException e) {
                problems.add(table.tableName() + " from " + start + " to " + end + " could not be read: " + describe(e) + hint(e));
                return;
            } catch (RuntimeException e) {
                // Network failures arrive wrapped by the reactive stack; the page is lost, the others may not be.
                problems.add(table.tableName() + " from " + start + " to " + end + " could not be read: " + rootCause(e) + ".");
                return;
            }
            answered++;
            long hours = Duration.between(start, end).toHours();
            LogsTable rows = result.getAllTables().isEmpty() ? null : result.getAllTables().get(0);
            boolean partial = result.getQueryResultStatus() == LogsQueryResultStatus.PARTIAL_FAILURE
                    || (rows != null && rows.getRows().size() >= ROW_LIMIT);
            if (partial && splittingHelps && hours > 1) {
                Instant middle = start.plus(Duration.ofHours(hours / 2));
                read(table, start, middle);
                read(table, middle, end);
                return;
            }
            if (partial) {
                if (hours <= 1) {
                    splittingHelps = false;
                }
                ResponseError error = result.getError();
                problems.add(table.tableName() + " from " + start + " to " + end + " came back incomplete ("
                        + (error == null ? rows.getRows().size() + " rows, the result limit"
                        : error.getCode() + ": " + error.getMessage()) + "); counts for those hours may be low.");
            }
            if (rows != null) {
                emit(rows);
            }
        }

        private void emit(LogsTable table) {
            if (table.getRows().isEmpty()) {
                return;
            }
            // azure-monitor-query 1.5.2 leaves LogsTable.getColumns() empty; each cell still knows its column's name.
            List<String> names = table.getRows().get(0).getRow().stream().map(LogsTableCell::getColumnName).toList();
            AuditRowShape shape = AuditRowShape.of(names);
            if (shape == null) {
                throw new IllegalStateException("the hourly query returned columns " + names + ", not the bins it declares");
            }
            for (LogsTableRow row : table.getRows()) {
                List<LogsTableCell> cells = row.getRow();
                String[] values = new String[cells.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = cells.get(i).getValueAsString();
                }
                try {
                    AccessRecord r = shape.record(values);
                    if (r != null) {
                        sink.accept(r);
                    }
                } catch (IllegalArgumentException e) {
                    problems.add("A row of the hourly query was not readable: " + e.getMessage() + ".");
                }
            }
        }
    }
}
