package io.byokwatch.adapter.loganalytics;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.util.Context;
import com.azure.monitor.query.MetricsQueryClient;
import com.azure.monitor.query.MetricsQueryClientBuilder;
import com.azure.monitor.query.models.AggregationType;
import com.azure.monitor.query.models.MetricResult;
import com.azure.monitor.query.models.MetricValue;
import com.azure.monitor.query.models.MetricsQueryOptions;
import com.azure.monitor.query.models.MetricsQueryResult;
import com.azure.monitor.query.models.QueryTimeInterval;
import com.azure.monitor.query.models.TimeSeriesElement;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.VaultMetrics;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Key Vault's {@code ServiceApiHit} platform metric through azure-monitor-query's {@link MetricsQueryClient}: daily
 * totals of successful calls ({@code StatusCodeClass eq '2xx'}) per activity name, summed into months. Needs no
 * diagnostic setting, only Monitoring Reader (or Reader) on the vaults; it cannot tell keys apart.
 */
public final class ServiceApiHitMetrics implements VaultMetrics {
    static final String METRIC = "ServiceApiHit";
    static final String FILTER = "ActivityName eq '*' and StatusCodeClass eq '2xx'";
    /** Azure Monitor keeps platform metrics 93 days; asking for more returns nothing for the older part. */
    static final Duration RETENTION = Duration.ofDays(93);

    private final MetricsQueryClient client;

    public ServiceApiHitMetrics(MetricsQueryClient client) {
        this.client = client;
    }

    /**
     * @param endpoint   the ARM endpoint of the cloud (the metrics API lives there), e.g. https://management.azure.com
     * @param httpClient null for the SDK's default; tests pass one that trusts their local certificate
     */
    public static ServiceApiHitMetrics connect(String endpoint, TokenCredential credential, HttpClient httpClient) {
        MetricsQueryClientBuilder b = new MetricsQueryClientBuilder().endpoint(endpoint).credential(credential)
                .retryOptions(LogAnalyticsClients.defaultRetry());
        if (httpClient != null) {
            b.httpClient(httpClient);
        }
        return new ServiceApiHitMetrics(b.buildClient());
    }

    @Override
    public Result serviceApiHits(List<ResourceId> vaults, Instant from, Instant to) {
        List<Hits> hits = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Instant earliest = to.minus(RETENTION);
        if (from.isBefore(earliest)) {
            problems.add("Azure Monitor keeps platform metrics for 93 days, so operations before " + earliest
                    + " are not counted; give audit logs (--logs or --workspace) for a longer window");
        }
        Instant start = from.isBefore(earliest) ? earliest : from;
        MetricsQueryOptions options = new MetricsQueryOptions()
                .setTimeInterval(new QueryTimeInterval(start.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                .setGranularity(Duration.ofDays(1)).setAggregations(List.of(AggregationType.TOTAL)).setFilter(FILTER);
        for (ResourceId vault : vaults) {
            MetricsQueryResult result;
            try {
                result = client.queryResourceWithResponse(vault.toString(), List.of(METRIC), options, Context.NONE).getValue();
            } catch (HttpResponseException e) {
                problems.add("the " + METRIC + " metric of " + vault + " could not be read (HTTP "
                        + e.getResponse().getStatusCode() + (e.getResponse().getStatusCode() == 403
                        ? "; byokwatch's identity needs Monitoring Reader on the vault" : "") + ")");
                continue;
            } catch (RuntimeException e) {
                problems.add("the " + METRIC + " metric of " + vault + " could not be read: " + e.getMessage());
                continue;
            }
            hits.addAll(monthly(vault, result));
        }
        return new Result(hits, problems);
    }

    private static List<Hits> monthly(ResourceId vault, MetricsQueryResult result) {
        Map<String, Long> sums = new TreeMap<>();
        for (MetricResult metric : result.getMetrics()) {
            if (!METRIC.equalsIgnoreCase(metric.getMetricName())) {
                continue;
            }
            for (TimeSeriesElement series : metric.getTimeSeries()) {
                String activity = activity(series.getMetadata());
                for (MetricValue v : series.getValues()) {
                    if (v.getTotal() == null || v.getTotal() <= 0 || v.getTimeStamp() == null) {
                        continue;
                    }
                    sums.merge(YearMonth.from(v.getTimeStamp().withOffsetSameInstant(ZoneOffset.UTC)) + "\u0000" + activity,
                            Math.round(v.getTotal()), Long::sum);
                }
            }
        }
        List<Hits> out = new ArrayList<>();
        sums.forEach((k, n) -> {
            String[] p = k.split("\u0000", 2);
            out.add(new Hits(vault, YearMonth.parse(p[0]), p[1], n));
        });
        return out;
    }

    /** The ActivityName dimension, whatever case the service spells its key in. */
    private static String activity(Map<String, String> metadata) {
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals("activityname")) {
                return e.getValue();
            }
        }
        return "(all activities)";
    }
}
