package io.byokwatch.adapter.storage;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.rest.PagedResponse;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import io.byokwatch.domain.Transition;
import io.byokwatch.port.TransitionHistory;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The transition history in Azure Table Storage ({@code byokwatchhistory} by default).
 *
 * <p>Partition key: the month of the detection time ({@code 2026-11}), so a month is one partition query and the
 * retention drops whole partitions. Row key: the entry id (hex), so a second write of one transition is refused with
 * 409 and changes nothing. The entry itself is its JSON line (see {@link TransitionFormat}) in chunk properties, next
 * to a few columns a person can filter on in Storage Explorer.
 */
public final class TableTransitionHistory implements TransitionHistory {
    private static final System.Logger LOG = System.getLogger(TableTransitionHistory.class.getName());
    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;
    private static final int PAGE_SIZE = 1000;
    /** The service takes at most 100 operations per transaction, all in one partition. */
    private static final int BATCH = 100;
    private static final String ENTRY = "entry";

    private final TableClient table;

    public TableTransitionHistory(TableClient table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /** Connects with an account connection string (Azurite, or a key-based account), creating the table if missing. */
    public static TableTransitionHistory connect(String connectionString, String tableName) {
        return new TableTransitionHistory(Tables.open(connectionString, tableName));
    }

    /** Connects with an identity; it needs "Storage Table Data Contributor" on the account. */
    public static TableTransitionHistory connect(String endpoint, TokenCredential credential, String tableName) {
        return new TableTransitionHistory(Tables.open(endpoint, credential, tableName));
    }

    static String partitionKey(Instant detectedAt) {
        return TransitionFormat.month(detectedAt).toString();
    }

    @Override
    public void record(Transition t) {
        TableEntity e = new TableEntity(partitionKey(t.detectedAt()), t.id());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("schema", TransitionFormat.SCHEMA);
        p.put("kind", t.kind().label());
        p.put("clusterId", t.clusterId().toString());
        p.put("status", t.status() == null ? "deleted" : t.status().label());
        p.put("detectedAt", OffsetDateTime.ofInstant(t.detectedAt(), ZoneOffset.UTC));
        ChunkedText.put(p, ENTRY, ChunkedText.split(TransitionFormat.write(t)));
        e.setProperties(p);
        try {
            table.createEntity(e);
        } catch (TableServiceException ex) {
            if (ex.getResponse().getStatusCode() == CONFLICT) {
                return;
            }
            throw failure("store the transition " + t.id() + " of " + t.clusterId(), ex);
        }
    }

    @Override
    public List<Transition> read(Instant from, Instant to) {
        List<Transition> out = new ArrayList<>();
        for (YearMonth m = TransitionFormat.month(from); !m.isAfter(TransitionFormat.month(to)); m = m.plusMonths(1)) {
            for (TableEntity e : query("PartitionKey eq '" + m + "'")) {
                Transition t = decode(e);
                if (t != null && !t.detectedAt().isBefore(from) && t.detectedAt().isBefore(to)) {
                    out.add(t);
                }
            }
        }
        out.sort(Comparator.comparing(Transition::detectedAt).thenComparing(Transition::id));
        return out;
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        String boundary = partitionKey(cutoff);
        List<TableEntity> doomed = new ArrayList<>(query("PartitionKey lt '" + boundary + "'"));
        for (TableEntity e : query("PartitionKey eq '" + boundary + "'")) {
            Object at = e.getProperty("detectedAt");
            if (at instanceof OffsetDateTime odt && odt.toInstant().isBefore(cutoff)) {
                doomed.add(e);
            }
        }
        Map<String, List<TableTransactionAction>> byPartition = new LinkedHashMap<>();
        for (TableEntity e : doomed) {
            byPartition.computeIfAbsent(e.getPartitionKey(), k -> new ArrayList<>())
                    .add(new TableTransactionAction(TableTransactionActionType.DELETE, e));
        }
        for (List<TableTransactionAction> actions : byPartition.values()) {
            for (int i = 0; i < actions.size(); i += BATCH) {
                try {
                    table.submitTransaction(actions.subList(i, Math.min(i + BATCH, actions.size())));
                } catch (TableServiceException ex) {
                    if (ex.getResponse().getStatusCode() != NOT_FOUND) {
                        throw failure("delete expired transitions", ex);
                    }
                    // another instance purged the same entries first
                }
            }
        }
        return doomed.size();
    }

    private List<TableEntity> query(String filter) {
        List<TableEntity> out = new ArrayList<>();
        try {
            for (PagedResponse<TableEntity> page : table.listEntities(new ListEntitiesOptions().setFilter(filter)
                    .setTop(PAGE_SIZE), null, null).iterableByPage()) {
                out.addAll(page.getValue());
            }
        } catch (TableServiceException e) {
            throw failure("read transitions (" + filter + ")", e);
        }
        return out;
    }

    private Transition decode(TableEntity e) {
        try {
            return TransitionFormat.read(ChunkedText.join(e.getProperties(), ENTRY));
        } catch (BadRecordException ex) {
            LOG.log(Level.WARNING, "Skipping damaged history entity in table {0} (PartitionKey {1}, RowKey {2}): {3}.",
                    table.getTableName(), e.getPartitionKey(), e.getRowKey(), ex.getMessage());
            return null;
        }
    }

    private IllegalStateException failure(String what, TableServiceException e) {
        Object code = e.getValue() == null ? null : e.getValue().getErrorCode();
        return new IllegalStateException("Table Storage refused to " + what + " in table " + table.getTableName() + ": HTTP "
                + e.getResponse().getStatusCode() + (code == null ? "" : " " + code), e);
    }
}
