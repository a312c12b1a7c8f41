package io.byokwatch.adapter.storage;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import io.byokwatch.port.StateProbe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Does byokwatch's state storage answer? Reads one entity of each table and the properties of each queue, as
 * byokwatch's identity (or with the connection string), without creating or changing anything. A table or queue
 * that does not exist yet is reachable: byokwatch creates it on first use.
 */
public final class StorageStateProbe implements StateProbe {
    /** A probe should answer in seconds, not wait through the SDK's default minutes of retries. */
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final RetryOptions RETRY = new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(1)
            .setBaseDelay(Duration.ofMillis(300)).setMaxDelay(Duration.ofSeconds(2)));

    private final Supplier<TableServiceClientBuilder> tables;
    private final Supplier<QueueClientBuilder> queues;
    private final List<String> tableNames;
    private final List<String> queueNames;
    private final String account;

    private StorageStateProbe(Supplier<TableServiceClientBuilder> tables, Supplier<QueueClientBuilder> queues,
                              List<String> tableNames, List<String> queueNames, String account) {
        this.tables = tables;
        this.queues = queues;
        this.tableNames = List.copyOf(tableNames);
        this.queueNames = List.copyOf(queueNames);
        this.account = account;
    }

    /** With an account connection string (Azurite, or a key-based account). */
    public static StorageStateProbe connectionString(String connectionString, List<String> tableNames, List<String> queueNames) {
        return new StorageStateProbe(() -> new TableServiceClientBuilder().connectionString(connectionString).retryOptions(RETRY),
                () -> new QueueClientBuilder().connectionString(connectionString).retryOptions(RETRY), tableNames, queueNames,
                "the storage account of AzureWebJobsStorage");
    }

    /** As an identity, against the service endpoints identity-based AzureWebJobsStorage settings name. */
    public static StorageStateProbe identity(String tableEndpoint, String queueEndpoint, TokenCredential credential,
                                             List<String> tableNames, List<String> queueNames, String accountName) {
        return new StorageStateProbe(() -> new TableServiceClientBuilder().endpoint(tableEndpoint).credential(credential)
                .retryOptions(RETRY), () -> new QueueClientBuilder().endpoint(queueEndpoint).credential(credential)
                .retryOptions(RETRY), tableNames, queueNames, "storage account " + accountName);
    }

    @Override
    public List<Store> probe() {
        List<Store> out = new ArrayList<>();
        for (String name : tableNames) {
            String what = "table " + name;
            out.add(answer(what, "Storage Table Data Contributor", () -> {
                TableClient t = tables.get().buildClient().getTableClient(name);
                t.listEntities(new ListEntitiesOptions().setTop(1), TIMEOUT, null).stream().findFirst();
            }));
        }
        for (String name : queueNames) {
            String what = "queue " + name;
            out.add(answer(what, "Storage Queue Data Contributor", () -> {
                QueueClient q = queues.get().queueName(name).buildClient();
                q.getPropertiesWithResponse(TIMEOUT, null);
            }));
        }
        return out;
    }

    private Store answer(String what, String role, Runnable read) {
        try {
            read.run();
            return new Store(what, true, "The " + what + " in " + account + " answers.", null);
        } catch (RuntimeException failure) {
            HttpResponseException e = answered(failure);
            return e == null ? unreachable(what, failure) : refused(what, role, e);
        }
    }

    /** The service's answer inside a failure (the SDK wraps it when a timeout is given), or null when none came. */
    private static HttpResponseException answered(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpResponseException h && h.getResponse() != null) {
                return h;
            }
        }
        return null;
    }

    private Store refused(String what, String role, HttpResponseException e) {
        int status = e.getResponse().getStatusCode();
        if (status == 404) {
            return new Store(what, true, "The " + what + " in " + account + " answers; it does not exist yet and"
                    + " byokwatch creates it on first use.", null);
        }
        String first = e.getMessage() == null ? "" : e.getMessage().split("\\R", 2)[0];
        String fix = status == 401 || status == 403
                ? "Give byokwatch's identity the " + role + " role on " + account + " (infra/modules/app.bicep does);"
                + " a firewall on the account must let the Function App through."
                : "Check that " + account + " exists and is reachable from where byokwatch runs.";
        return new Store(what, false, "The " + what + " in " + account + " refused byokwatch (HTTP " + status + ": "
                + first + ").", fix);
    }

    private Store unreachable(String what, RuntimeException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return new Store(what, false, "The " + what + " in " + account + " could not be reached ("
                + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage().split("\\R", 2)[0])
                + ").", "Check the storage settings (AzureWebJobsStorage or its __accountName/__*ServiceUri form) and"
                + " that the account is reachable from where byokwatch runs.");
    }
}
