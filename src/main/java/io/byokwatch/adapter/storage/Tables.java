package io.byokwatch.adapter.storage;

import com.azure.core.credential.TokenCredential;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;

import java.util.Objects;

/** Opens a table of the account, creating it if missing: one way for every table byokwatch keeps. */
final class Tables {
    private Tables() {
    }

    /** With an account connection string (Azurite, or a key-based account); a malformed one names what is wrong. */
    static TableClient open(String connectionString, String tableName) {
        TableServiceClient service;
        try {
            service = new TableServiceClientBuilder().connectionString(connectionString).buildClient();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(ConnectionStrings.rejected("Table Storage", e));
        }
        return open(service, tableName);
    }

    /** With an identity; it needs "Storage Table Data Contributor" on the account. */
    static TableClient open(String endpoint, TokenCredential credential, String tableName) {
        return open(new TableServiceClientBuilder().endpoint(endpoint)
                .credential(Objects.requireNonNull(credential, "credential")).buildClient(), tableName);
    }

    private static TableClient open(TableServiceClient service, String tableName) {
        service.createTableIfNotExists(tableName);
        return service.getTableClient(tableName);
    }
}
