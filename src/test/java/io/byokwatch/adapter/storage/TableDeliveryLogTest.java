package io.byokwatch.adapter.storage;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import io.byokwatch.port.DeliveryLog;
import io.byokwatch.testsupport.Azurite;

import java.util.UUID;

class TableDeliveryLogTest extends DeliveryLogContract {
    private TableClient raw;

    @Override
    DeliveryLog newLog() {
        String table = "delivery" + UUID.randomUUID().toString().replace("-", "");
        TableDeliveryLog log = TableDeliveryLog.connect(Azurite.get().connectionString(), table);
        raw = new TableServiceClientBuilder().connectionString(Azurite.get().connectionString()).buildClient().getTableClient(table);
        return log;
    }

    @Override
    void damageProgress(String alertId) {
        TableEntity e = raw.getEntity(TableDeliveryLog.PROGRESS, Hashes.sha256Hex(alertId));
        e.addProperty("record", "{\"schema\": 1");
        raw.updateEntity(e, TableEntityUpdateMode.REPLACE);
    }
}
