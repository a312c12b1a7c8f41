package io.byokwatch.adapter.arm;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.HttpClientOptions;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.http.policy.ArmChallengeAuthenticationPolicy;
import com.azure.core.util.Context;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * The one HTTP path to ARM and Resource Graph: the SDK pipeline with ARM bearer authentication (which refuses plain
 * http), our retry policy, the budget meter and a user agent. Never logs requests, so tokens cannot leak.
 */
final class ArmTransport {
    static final Duration BASE_BACKOFF = Duration.ofMillis(800);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    static final Duration MAX_SERVER_WAIT = Duration.ofSeconds(60);
    /** One request, retries and their waits included; what follows is answered "unknown" and left to the next event. */
    static final Duration MAX_REQUEST_TIME = Duration.ofSeconds(90);
    /** Per attempt; the SDK's defaults (60 s each) let one silent server take a minute per retry. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);
    private static final String USER_AGENT = "byokwatch/" + version();
    /** How a response that never got a token begins: no identity or login to read as, rather than a refusal. */
    static final String NO_TOKEN = "could not get an ARM token for byokwatch's identity: ";

    private final HttpPipeline pipeline;
    private final URI endpoint;
    private final String base;

    ArmTransport(ArmSettings settings, HttpClient httpClient, Clock clock, Sleeper sleeper, ReadBudget budget,
                 ReadStats stats) {
        this(settings.resourceManagerUrl(), new ArmChallengeAuthenticationPolicy(settings.credential(),
                settings.resourceManagerUrl() + "/.default"), settings, httpClient, clock, sleeper, budget, stats);
    }

    /**
     * The same pipeline to another https endpoint with its own token audience: a Managed HSM's data plane, which
     * keeps the HSM's local role assignments. Its budget, retries and counts are the ARM transport's.
     */
    static ArmTransport dataPlane(String base, String tokenScope, ArmSettings settings, HttpClient httpClient, Clock clock,
                                  Sleeper sleeper, ReadBudget budget, ReadStats stats) {
        return new ArmTransport(base, new BearerTokenAuthenticationPolicy(settings.credential(), tokenScope), settings,
                httpClient, clock, sleeper, budget, stats);
    }

    private ArmTransport(String base, HttpPipelinePolicy authentication, ArmSettings settings, HttpClient httpClient,
                         Clock clock, Sleeper sleeper, ReadBudget budget, ReadStats stats) {
        this.base = base;
        this.endpoint = URI.create(base);
        ExponentialBackoff backoff = new ExponentialBackoff(new ExponentialBackoffOptions()
                .setMaxRetries(settings.maxRetries()).setBaseDelay(BASE_BACKOFF).setMaxDelay(MAX_BACKOFF));
        HttpPipelineBuilder builder = new HttpPipelineBuilder().policies(
                new UserAgentPolicy(USER_AGENT),
                new RequestIdPolicy(),
                new ArmRetryPolicy(backoff, MAX_SERVER_WAIT, MAX_REQUEST_TIME, clock, sleeper, stats),
                new RequestMeter(budget, stats),
                authentication);
        builder.httpClient(httpClient != null ? httpClient : HttpClient.createDefault(new HttpClientOptions()
                .setConnectTimeout(CONNECT_TIMEOUT).setWriteTimeout(ANSWER_TIMEOUT)
                .setResponseTimeout(ANSWER_TIMEOUT).setReadTimeout(ANSWER_TIMEOUT)));
        this.pipeline = builder.build();
    }

    /** GET of a path below the ARM endpoint; the path must already be encoded ({@link ArmPaths}). */
    ArmResponse get(String pathAndQuery) {
        return send(new HttpRequest(HttpMethod.GET, base + pathAndQuery));
    }

    /** GET of a {@code nextLink}; only ever to the ARM endpoint itself, so the token goes nowhere else. */
    ArmResponse getNextLink(String url) {
        URI next;
        try {
            next = new URI(url);
        } catch (URISyntaxException e) {
            return ArmResponse.failed("ARM returned a nextLink that is not a URL: " + Transient.oneLine(url));
        }
        boolean sameHost = "https".equalsIgnoreCase(next.getScheme()) && next.getHost() != null
                && next.getHost().equalsIgnoreCase(endpoint.getHost()) && port(next) == port(endpoint);
        if (!sameHost) {
            return ArmResponse.failed("refused to follow a nextLink to " + next.getScheme() + "://" + next.getHost()
                    + ", which is not the ARM endpoint " + base);
        }
        return send(new HttpRequest(HttpMethod.GET, url));
    }

    ArmResponse post(String pathAndQuery, String jsonBody) {
        HttpRequest request = new HttpRequest(HttpMethod.POST, base + pathAndQuery)
                .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
                .setBody(jsonBody.getBytes(StandardCharsets.UTF_8));
        return send(request);
    }

    private ArmResponse send(HttpRequest request) {
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            String body = response.getBodyAsBinaryData().toString();
            return new ArmResponse(response.getStatusCode(), body == null ? "" : body,
                    response.getHeaderValue(HttpHeaderName.RETRY_AFTER), null,
                    "true".equalsIgnoreCase(response.getHeaderValue("x-ms-tenant-subscription-limit-hit")));
        } catch (ReadBudgetExhaustedException e) {
            return ArmResponse.failed(e.getMessage());
        } catch (ClientAuthenticationException e) {
            return ArmResponse.failed(NO_TOKEN
                    + Transient.oneLine(String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            if (!Transient.isTransient(e)) {
                throw e;
            }
            return ArmResponse.failed("could not reach ARM at " + endpoint.getHost() + ": " + Transient.describe(e));
        }
    }

    private static int port(URI uri) {
        return uri.getPort() == -1 ? 443 : uri.getPort();
    }

    private static String version() {
        String v = ArmTransport.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v.toLowerCase(Locale.ROOT);
    }
}
