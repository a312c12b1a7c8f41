package io.byokwatch.adapter.storage;

import com.azure.core.credential.TokenCredential;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import io.byokwatch.port.AlertProgress;
import io.byokwatch.port.ClusterNotices;
import io.byokwatch.port.DeliveryLog;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;

/**
 * The notifier's memory in Azure Table Storage, for scaled-out Functions: partition {@code progress} holds one entity
 * per alert being delivered, partition {@code notices} one per cluster; row keys are hashes, because ARM ids hold
 * characters row keys may not. Each entity keeps the record as JSON text (the same text as the file store) in
 * {@code record}. Notice writes compare-and-set on the ETag; progress is replaced whole.
 */
public final class TableDeliveryLog implements DeliveryLog {
    private static final System.Logger LOG = System.getLogger(TableDeliveryLog.class.getName());
    static final String PROGRESS = "progress";
    static final String NOTICES = "notices";
    private static final String RECORD = "record";
    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;
    private static final int PRECONDITION_FAILED = 412;

    private final TableClient table;

    public TableDeliveryLog(TableClient table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /** Connects with an account connection string (Azurite, or a key-based account), creating the table if missing. */
    public static TableDeliveryLog connect(String connectionString, String tableName) {
        return new TableDeliveryLog(Tables.open(connectionString, tableName));
    }

    /** Connects with an identity; it needs "Storage Table Data Contributor" on the account. */
    public static TableDeliveryLog connect(String endpoint, TokenCredential credential, String tableName) {
        return new TableDeliveryLog(Tables.open(endpoint, credential, tableName));
    }

    @Override
    public Optional<AlertProgress> progress(String alertId) {
        return read(PROGRESS, alertId).flatMap(e -> {
            try {
                return Optional.of(DeliveryRecords.progress(text(e)));
            } catch (BadRecordException ex) {
                return damaged(e, ex);
            }
        });
    }

    @Override
    public void saveProgress(AlertProgress p) {
        TableEntity e = new TableEntity(PROGRESS, rowKey(p.alertId())).addProperty(RECORD, DeliveryRecords.write(p));
        try {
            table.upsertEntityWithResponse(e, TableEntityUpdateMode.REPLACE, null, null);
        } catch (TableServiceException ex) {
            throw failure("save the delivery progress of alert " + p.alertId(), ex);
        }
    }

    @Override
    public void forgetProgress(String alertId) {
        try {
            table.deleteEntity(PROGRESS, rowKey(alertId));
        } catch (TableServiceException ex) {
            if (ex.getResponse().getStatusCode() != NOT_FOUND) {
                throw failure("delete the delivery progress of alert " + alertId, ex);
            }
        }
    }

    @Override
    public Optional<ClusterNotices> notices(String clusterKey) {
        return read(NOTICES, clusterKey).flatMap(e -> {
            try {
                return Optional.of(DeliveryRecords.notices(text(e), e.getETag()));
            } catch (BadRecordException ex) {
                return damaged(e, ex);
            }
        });
    }

    @Override
    public boolean saveNotices(ClusterNotices n) {
        TableEntity e = new TableEntity(NOTICES, rowKey(n.clusterKey())).addProperty(RECORD, DeliveryRecords.write(n, 0));
        try {
            if (n.version() == null) {
                table.createEntity(e);
            } else {
                e.addProperty("odata.etag", n.version());
                table.updateEntityWithResponse(e, TableEntityUpdateMode.REPLACE, true, null, null);
            }
            return true;
        } catch (TableServiceException ex) {
            int status = ex.getResponse().getStatusCode();
            if (status == CONFLICT || status == PRECONDITION_FAILED || status == NOT_FOUND) {
                return false;
            }
            throw failure("save the notice state of cluster " + n.clusterKey(), ex);
        }
    }

    private Optional<TableEntity> read(String partition, String key) {
        try {
            return Optional.of(table.getEntityWithResponse(partition, rowKey(key), null, null, null).getValue());
        } catch (TableServiceException ex) {
            if (ex.getResponse().getStatusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw failure("read " + partition + " of " + key, ex);
        }
    }

    private static String text(TableEntity e) {
        Object v = e.getProperty(RECORD);
        if (!(v instanceof String s)) {
            throw new BadRecordException("no " + RECORD + " text");
        }
        return s;
    }

    private <T> Optional<T> damaged(TableEntity e, BadRecordException ex) {
        LOG.log(Level.WARNING, "Ignoring damaged delivery state entity in table {0} (PartitionKey {1}, RowKey {2}): {3}",
                table.getTableName(), e.getPartitionKey(), e.getRowKey(), ex.getMessage());
        return Optional.empty();
    }

    private static String rowKey(String key) {
        return Hashes.sha256Hex(key);
    }

    private IllegalStateException failure(String what, TableServiceException e) {
        return new IllegalStateException("Table Storage refused to " + what + " in table " + table.getTableName()
                + ": HTTP " + e.getResponse().getStatusCode(), e);
    }
}
