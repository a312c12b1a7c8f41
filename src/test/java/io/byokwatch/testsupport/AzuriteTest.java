package io.byokwatch.testsupport;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.data.tables.models.TableEntity;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class AzuriteTest {

    @Test
    void restart_servesAgainOnTheSamePorts_withTheDataKept() {
        Azurite azurite = Azurite.get();
        String connection = azurite.connectionString();
        String table = "restart" + UUID.randomUUID().toString().replace("-", "");
        TableClient before = new TableServiceClientBuilder().connectionString(connection).buildClient()
                .createTableIfNotExists(table);
        before.createEntity(new TableEntity("p", "r").addProperty("kept", "yes"));

        azurite.restart();

        assertSame(azurite, Azurite.get());
        assertEquals(connection, azurite.connectionString());
        TableClient after = new TableServiceClientBuilder().connectionString(connection).buildClient()
                .getTableClient(table);
        assertEquals("yes", after.getEntity("p", "r").getProperty("kept"));
    }
}
