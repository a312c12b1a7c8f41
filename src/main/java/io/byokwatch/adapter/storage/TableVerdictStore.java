package io.byokwatch.adapter.storage;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.http.rest.Response;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.StoredVerdict;
import io.byokwatch.port.VerdictStore;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The verdict store in Azure Table Storage, for the Functions deployment where instances scale out.
 *
 * <p>Compare-and-set rides on the service's ETags: a first write is an insert (which fails with 409 if the entity
 * exists), a later one a whole-entity replace with {@code If-Match: <etag>} (412 if someone wrote since, 404 if someone
 * deleted). The entity layout is described in {@link VerdictEntities}.
 */
public final class TableVerdictStore implements VerdictStore {
    /** An HTTP entity tag: optionally weak, always quoted (RFC 9110, section 8.8.3). */
    private static final Pattern ENTITY_TAG = Pattern.compile("(W/)?\"[^\"]*\"");
    private static final Pattern UNCLOSED_ENTITY_TAG = Pattern.compile("(W/)?\"[^\"]+");
    private static final System.Logger LOG = System.getLogger(TableVerdictStore.class.getName());
    private static final int CONFLICT = 409;
    private static final int PRECONDITION_FAILED = 412;
    private static final int NOT_FOUND = 404;
    /** The most the service returns per query page. */
    private static final int PAGE_SIZE = 1000;

    private final TableClient table;

    /** Uses an existing table through a client the caller configured. */
    public TableVerdictStore(TableClient table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /** Connects with an account connection string (Azurite, or a key-based account), creating the table if missing. */
    public static TableVerdictStore connect(String connectionString, String tableName) {
        return new TableVerdictStore(Tables.open(connectionString, tableName));
    }

    /**
     * Connects with an identity (managed identity in Azure, the developer's login locally), creating the table if
     * missing. The identity needs the "Storage Table Data Contributor" role on the account.
     *
     * @param endpoint e.g. {@code https://<account>.table.core.windows.net}
     */
    public static TableVerdictStore connect(String endpoint, TokenCredential credential, String tableName) {
        return new TableVerdictStore(Tables.open(endpoint, credential, tableName));
    }


    @Override
    public Optional<StoredVerdict> get(ResourceId clusterId) {
        return read(clusterId).flatMap(e -> decodeOrReport(e, clusterId));
    }

    @Override
    public String write(StoredVerdict v) {
        TableEntity entity = new TableEntity(VerdictEntities.partitionKey(v.clusterId()),
                VerdictEntities.rowKey(v.clusterId()));
        entity.setProperties(VerdictEntities.properties(v));
        if (entity.getProperty("detailTruncated") != null) {
            LOG.log(Level.WARNING, "The verdict detail for {0} ({1} chars) does not fit a Table Storage entity; stored"
                    + " a summary instead (detailTruncated=true).", v.clusterId(), v.detailJson().length());
        }
        if (v.version() == null) {
            return create(entity, v.clusterId());
        }
        return replace(entity, v.version(), v.clusterId());
    }

    @Override
    public boolean delete(ResourceId clusterId, String version) {
        Objects.requireNonNull(version, "version");
        TableEntity entity = new TableEntity(VerdictEntities.partitionKey(clusterId), VerdictEntities.rowKey(clusterId))
                .addProperty("odata.etag", version);
        try {
            // the client reports a missing entity as a 404 response rather than an exception
            Response<Void> r = table.deleteEntityWithResponse(entity, true, null, null);
            return r.getStatusCode() != NOT_FOUND;
        } catch (TableServiceException e) {
            if (lostRace(e)) {
                return false;
            }
            throw failure("delete", clusterId, e);
        }
    }

    @Override
    public List<StoredVerdict> all() {
        List<StoredVerdict> out = new ArrayList<>();
        ListEntitiesOptions options = new ListEntitiesOptions().setTop(PAGE_SIZE);
        try {
            for (PagedResponse<TableEntity> page : table.listEntities(options, null, null).iterableByPage()) {
                for (TableEntity e : page.getValue()) {
                    decodeOrReport(e, null).ifPresent(out::add);
                }
            }
        } catch (TableServiceException e) {
            throw new IllegalStateException("could not list verdicts in table " + table.getTableName() + ": "
                    + describe(e), e);
        }
        return out;
    }

    private String create(TableEntity entity, ResourceId clusterId) {
        try {
            return etagOf(table.createEntityWithResponse(entity, null, null), clusterId);
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() != CONFLICT) {
                throw failure("create", clusterId, e);
            }
        }
        // "absent" includes a damaged entity (see VerdictStore): replace it, but only the damaged one we just saw
        Optional<TableEntity> existing = read(clusterId);
        if (existing.isPresent() && decodeOrReport(existing.get(), clusterId).isEmpty()) {
            return replace(entity, existing.get().getETag(), clusterId);
        }
        return null;
    }

    private String replace(TableEntity entity, String etag, ResourceId clusterId) {
        entity.addProperty("odata.etag", etag);
        try {
            return etagOf(table.updateEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, true, null, null), clusterId);
        } catch (TableServiceException e) {
            if (lostRace(e)) {
                return null;
            }
            throw failure("replace", clusterId, e);
        }
    }

    /**
     * The ETag the service gave the entity just written. Table Storage answers every write with a well-formed one.
     * Azurite drops its closing quote (W/"datetime'...' where a read gives W/"datetime'...'"), which is put back;
     * anything else unusable is read from the entity instead.
     */
    private String etagOf(Response<Void> written, ResourceId clusterId) {
        String etag = written.getHeaders().getValue(HttpHeaderName.ETAG);
        if (etag != null && ENTITY_TAG.matcher(etag).matches()) {
            return etag;
        }
        if (etag != null && UNCLOSED_ENTITY_TAG.matcher(etag).matches()) {
            return etag + "\"";
        }
        return read(clusterId).map(TableEntity::getETag).orElse(null);
    }

    private Optional<TableEntity> read(ResourceId clusterId) {
        try {
            return Optional.of(table.getEntityWithResponse(VerdictEntities.partitionKey(clusterId),
                    VerdictEntities.rowKey(clusterId), null, null, null).getValue());
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw failure("read", clusterId, e);
        }
    }

    private Optional<StoredVerdict> decodeOrReport(TableEntity e, ResourceId expected) {
        String reason;
        try {
            StoredVerdict v = VerdictEntities.verdict(e.getProperties(), e.getETag());
            if (expected == null || expected.equals(v.clusterId())) {
                return Optional.of(v);
            }
            reason = "it holds cluster " + v.clusterId() + ", not " + expected;
        } catch (BadRecordException ex) {
            reason = ex.getMessage();
        } catch (RuntimeException ex) {
            reason = ex.toString();
        }
        LOG.log(Level.WARNING, "Ignoring damaged verdict entity in table {0} (PartitionKey {1}, RowKey {2}): {3}. The"
                        + " cluster is treated as having no stored verdict and the entity is replaced on the next"
                        + " evaluation.", table.getTableName(), e.getPartitionKey(), e.getRowKey(), reason);
        return Optional.empty();
    }

    private static boolean lostRace(TableServiceException e) {
        int status = e.getResponse().getStatusCode();
        return status == PRECONDITION_FAILED || status == NOT_FOUND || status == CONFLICT;
    }

    private IllegalStateException failure(String what, ResourceId clusterId, TableServiceException e) {
        return new IllegalStateException("Table Storage refused to " + what + " the verdict of " + clusterId
                + " in table " + table.getTableName() + ": " + describe(e), e);
    }

    private static String describe(TableServiceException e) {
        Object code = e.getValue() == null ? null : e.getValue().getErrorCode();
        return "HTTP " + e.getResponse().getStatusCode() + (code == null ? "" : " " + code);
    }
}
