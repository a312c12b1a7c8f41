package io.byokwatch.adapter.loganalytics;

import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.VaultMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real MetricsQueryClient against a local HTTPS stand-in for the Azure Monitor metrics API. */
class ServiceApiHitMetricsTest {
    /** One server for the class: making its certificate with keytool takes seconds. */
    private static final AtomicReference<Function<LocalLogAnalytics.Request, LocalLogAnalytics.Response>> ANSWERS =
            new AtomicReference<>();
    private static LocalLogAnalytics api;

    @BeforeAll
    static void start() {
        api = new LocalLogAnalytics(r -> ANSWERS.get().apply(r));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static ServiceApiHitMetrics metrics(Function<LocalLogAnalytics.Request, LocalLogAnalytics.Response> answer) {
        ANSWERS.set(answer);
        api.requests.clear();
        return ServiceApiHitMetrics.connect(api.endpoint(), new LocalLogAnalytics.FixedToken(), api.httpClient());
    }

    private static final ResourceId VAULT = ResourceId.parse("/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01"
            + "/resourceGroups/rg-keys-prod/providers/Microsoft.KeyVault/vaults/kv-pay-prod");

    /** The shape the metrics API answers with (api-version 2018-01-01): one time series per ActivityName value. */
    private static final String ANSWER = """
            {"cost": 0, "timespan": "2026-10-30T00:00:00Z/2026-12-01T00:00:00Z", "interval": "P1D",
             "namespace": "Microsoft.KeyVault/vaults", "resourceregion": "westeurope",
             "value": [{"id": "%s/providers/Microsoft.Insights/metrics/ServiceApiHit", "type": "Microsoft.Insights/metrics",
               "name": {"value": "ServiceApiHit", "localizedValue": "Total Service Api Hits"}, "unit": "Count",
               "displayDescription": "Number of total service api hits", "errorCode": "Success",
               "timeseries": [
                 {"metadatavalues": [{"name": {"value": "activityname", "localizedValue": "activityname"}, "value": "keyunwrap"}],
                  "data": [{"timeStamp": "2026-10-31T00:00:00Z", "total": 400.0},
                           {"timeStamp": "2026-11-01T00:00:00Z", "total": 1200.0},
                           {"timeStamp": "2026-11-02T00:00:00Z", "total": 800.0},
                           {"timeStamp": "2026-11-03T00:00:00Z"}]},
                 {"metadatavalues": [{"name": {"value": "activityname", "localizedValue": "activityname"}, "value": "keyget"}],
                  "data": [{"timeStamp": "2026-11-01T00:00:00Z", "total": 5.0}]}]}]}
            """.formatted(VAULT);

    @Test
    void dailyTotals_sumIntoMonthsPerActivity_andADayWithoutATotalCountsNothing() {
        {
            ServiceApiHitMetrics metrics = metrics(r -> LocalLogAnalytics.Response.ok(ANSWER));

            VaultMetrics.Result r = metrics.serviceApiHits(List.of(VAULT), Instant.parse("2026-10-30T00:00:00Z"),
                    Instant.parse("2026-12-01T00:00:00Z"));

            assertEquals(List.of(new VaultMetrics.Hits(VAULT, YearMonth.of(2026, 10), "keyunwrap", 400),
                    new VaultMetrics.Hits(VAULT, YearMonth.of(2026, 11), "keyget", 5),
                    new VaultMetrics.Hits(VAULT, YearMonth.of(2026, 11), "keyunwrap", 2000)), r.hits());
            assertTrue(r.problems().isEmpty(), r.problems().toString());
            assertTrue(api.requests.get(0).path().toLowerCase(java.util.Locale.ROOT)
                    .endsWith("/vaults/kv-pay-prod/providers/microsoft.insights/metrics"), api.requests.get(0).path());
        }
    }

    @Test
    void aForbiddenVault_isAProblemNamingTheRole_andTheOthersAreStillRead() {
        {
            ServiceApiHitMetrics metrics = metrics(r -> new LocalLogAnalytics.Response(403, java.util.Map.of(),
                    "{\"error\": {\"code\": \"AuthorizationFailed\", \"message\": \"no\"}}"));

            VaultMetrics.Result r = metrics.serviceApiHits(List.of(VAULT), Instant.parse("2026-11-01T00:00:00Z"),
                    Instant.parse("2026-12-01T00:00:00Z"));

            assertTrue(r.hits().isEmpty());
            assertEquals(1, r.problems().size());
            assertTrue(r.problems().get(0).contains("Monitoring Reader"), r.problems().get(0));
        }
    }

    @Test
    void aWindowLongerThanMetricRetention_saysWhatIsNotCounted() {
        {
            VaultMetrics.Result r = metrics(x -> LocalLogAnalytics.Response.ok(ANSWER)).serviceApiHits(List.of(VAULT), Instant.parse("2026-01-01T00:00:00Z"),
                    Instant.parse("2026-12-01T00:00:00Z"));

            assertTrue(r.problems().get(0).contains("93 days"), r.problems().toString());
        }
    }
}
