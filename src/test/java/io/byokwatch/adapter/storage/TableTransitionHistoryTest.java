package io.byokwatch.adapter.storage;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.data.tables.models.TableEntity;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.Transition;
import io.byokwatch.port.TransitionHistory;
import io.byokwatch.testsupport.Azurite;
import io.byokwatch.testsupport.CapturedLog;
import io.byokwatch.testsupport.Histories;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against Azurite, the real Table service protocol. */
class TableTransitionHistoryTest extends TransitionHistoryContract {
    private TableClient raw;

    @Override
    TransitionHistory newHistory() {
        String table = "history" + UUID.randomUUID().toString().replace("-", "");
        TableTransitionHistory h = TableTransitionHistory.connect(Azurite.get().connectionString(), table);
        raw = new TableServiceClientBuilder().connectionString(Azurite.get().connectionString()).buildClient().getTableClient(table);
        return h;
    }

    @Test
    void entities_arePartitionedByMonth_andKeyedByTheTransitionId() {
        history.record(Histories.opened(AKS, "2026-11-30T09:14:11Z", null));

        TableEntity e = raw.listEntities().iterator().next();
        assertEquals("2026-11", e.getPartitionKey());
        assertEquals("o-aks-pay-1-2026-11-30T09:14:11Z", e.getRowKey());
        assertEquals("opened", e.getProperty("kind"));
    }

    @Test
    void aDamagedEntity_isSkippedWithAWarningNamingIt() {
        Transition good = Histories.baseline(AKS, "2026-11-01T00:00:00Z", ClusterStatus.COMPLIANT);
        history.record(good);
        raw.createEntity(new TableEntity("2026-11", "broken").addProperty("entryChunks", 1).addProperty("entry0", "{oops"));

        try (CapturedLog log = CapturedLog.of(TableTransitionHistory.class.getName())) {
            assertEquals(List.of(good), history.read(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")));
            assertTrue(log.lines().stream().anyMatch(l -> l.contains("RowKey broken")), log.lines().toString());
        }
    }
}
