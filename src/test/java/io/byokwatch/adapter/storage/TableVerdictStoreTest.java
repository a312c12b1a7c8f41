package io.byokwatch.adapter.storage;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.StoredVerdict;
import io.byokwatch.port.VerdictStore;
import io.byokwatch.testsupport.Azurite;
import io.byokwatch.testsupport.CapturedLog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableVerdictStoreTest extends VerdictStoreContract {
    private TableClient raw;

    @Override
    VerdictStore newStore() {
        String table = "verdicts" + UUID.randomUUID().toString().replace("-", "");
        TableVerdictStore s = TableVerdictStore.connect(Azurite.get().connectionString(), table);
        raw = new TableServiceClientBuilder().connectionString(Azurite.get().connectionString()).buildClient()
                .getTableClient(table);
        return s;
    }

    @Override
    void damage(ResourceId clusterId) {
        TableEntity e = raw.getEntity(VerdictEntities.partitionKey(clusterId), VerdictEntities.rowKey(clusterId));
        e.addProperty("detailChunks", 2);
        raw.updateEntity(e, TableEntityUpdateMode.REPLACE);
    }

    @Override
    String whereDamaged(ResourceId clusterId) {
        return "RowKey " + VerdictEntities.rowKey(clusterId);
    }

    @Override
    String whyDamaged() {
        return "detail chunk 1 of 2 is missing";
    }

    /** Batches of 100 in one partition: seeding 1,100 entities one by one would dominate the suite's time. */
    @Override
    void storeMany(List<StoredVerdict> verdicts) {
        List<TableTransactionAction> batch = new ArrayList<>();
        for (StoredVerdict v : verdicts) {
            TableEntity e = new TableEntity(VerdictEntities.partitionKey(v.clusterId()),
                    VerdictEntities.rowKey(v.clusterId())).setProperties(VerdictEntities.properties(v));
            batch.add(new TableTransactionAction(TableTransactionActionType.CREATE, e));
            if (batch.size() == 100) {
                raw.submitTransaction(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            raw.submitTransaction(batch);
        }
    }

    @Test
    void keys_areTheLowerCasedSubscription_andAUrlSafeHash_withTheIdKeptInAProperty() {
        ResourceId id = Verdicts.clusterId("AAAAAAAA-2222-3333-4444-555555555555", "aks#1?");
        store.put(Verdicts.noncompliant(id));

        TableEntity e = raw.listEntities().iterator().next();

        assertEquals("aaaaaaaa-2222-3333-4444-555555555555", e.getPartitionKey());
        assertTrue(e.getRowKey().matches("[0-9a-f]{64}"), e.getRowKey());
        assertEquals(id.toString(), e.getProperty("clusterId"));
    }

    @Test
    void aDetailBeyondTheEntityLimit_isStoredAsAMarkedSummary_andTheDecisionFieldsStayWhole() {
        ResourceId id = Verdicts.clusterId("aks-huge");
        String huge = "{\"x\":\"" + "a".repeat(600_000) + "\"}";
        StoredVerdict v = Verdicts.withDetail(Verdicts.noncompliant(id), huge);

        try (CapturedLog log = CapturedLog.of("io.byokwatch.adapter.storage")) {
            assertTrue(store.put(v));
            assertTrue(log.lines().stream().anyMatch(l -> l.contains("does not fit") && l.contains(id.toString())),
                    log.lines().toString());
        }

        StoredVerdict read = store.get(id).orElseThrow();
        assertEquals(v.findingKeys(), read.findingKeys());
        assertEquals(v.status(), read.status());
        assertTrue(read.detailJson().contains("\"truncated\":true"), read.detailJson());
        assertTrue(read.detailJson().contains("\"originalChars\":" + huge.length()), read.detailJson());
        Map<String, Object> props = raw.getEntity(VerdictEntities.partitionKey(id), VerdictEntities.rowKey(id))
                .getProperties();
        assertEquals(true, props.get("detailTruncated"));
        assertEquals((long) huge.length(), ((Number) props.get("detailOriginalChars")).longValue());
    }

    @Test
    void aDetailJustInsideTheEntityLimit_isKeptWhole() {
        ResourceId id = Verdicts.clusterId("aks-almost");
        // about 950 KiB of UTF-16 with the other properties: over half the limit, under the whole
        String big = "{\"x\":\"" + "b".repeat(475_000) + "\"}";

        assertTrue(store.put(Verdicts.withDetail(Verdicts.noncompliant(id), big)));

        assertEquals(big, store.get(id).orElseThrow().detailJson());
    }

    @Test
    void aRefusedConnectionString_isReportedWithoutItsKey() {
        String secret = "c2VjcmV0LWtleS10aGF0LW11c3Qtbm90LWxlYWs=";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TableVerdictStore.connect("AccountName=acct;AccountKey=" + secret + ";Bogus", "verdicts"));

        assertFalse(e.getMessage().contains(secret), e.getMessage());
        assertTrue(e.getMessage().contains("connection string was refused"), e.getMessage());
    }
}
