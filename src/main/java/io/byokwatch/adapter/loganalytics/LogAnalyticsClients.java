package io.byokwatch.adapter.loganalytics;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.monitor.query.LogsQueryClient;
import com.azure.monitor.query.LogsQueryClientBuilder;

import java.time.Duration;
import java.util.Map;

/** Builds the Log Analytics query client for a cloud or an explicit endpoint. */
public final class LogAnalyticsClients {
    /** Query API hosts per cloud, as named in the {@code BYOKWATCH_CLOUD} setting. */
    public static final Map<String, String> ENDPOINTS = Map.of("AzureCloud", "https://api.loganalytics.io",
            "AzureUSGovernment", "https://api.loganalytics.us", "AzureChinaCloud", "https://api.loganalytics.azure.cn");

    private LogAnalyticsClients() {
    }

    /**
     * @param endpoint   the query API host, e.g. {@code https://api.loganalytics.us}; {@code /v1} is added when missing,
     *                   since azure-monitor-query 1.5 uses the endpoint as the full base URL. The token scope is the
     *                   host's {@code /.default}, which is what sovereign clouds need.
     * @param httpClient null for the SDK's default (Netty); tests pass one that trusts their local certificate
     */
    public static LogsQueryClient client(String endpoint, TokenCredential credential, HttpClient httpClient, RetryOptions retry) {
        LogsQueryClientBuilder b = new LogsQueryClientBuilder().endpoint(baseUrl(endpoint)).credential(credential)
                .retryOptions(retry);
        if (httpClient != null) {
            b.httpClient(httpClient);
        }
        return b.buildClient();
    }

    /**
     * Retries for throttling (429, honouring Retry-After) and transient 5xx: Log Analytics throttles per user and
     * workspace, and a nightly report can wait a minute.
     */
    public static RetryOptions defaultRetry() {
        return new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(5).setBaseDelay(Duration.ofSeconds(2))
                .setMaxDelay(Duration.ofSeconds(60)));
    }

    static String baseUrl(String endpoint) {
        String e = endpoint.trim();
        while (e.endsWith("/")) {
            e = e.substring(0, e.length() - 1);
        }
        return e.endsWith("/v1") ? e : e + "/v1";
    }
}
