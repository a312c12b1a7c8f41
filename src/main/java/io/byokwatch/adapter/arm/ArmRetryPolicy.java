package io.byokwatch.adapter.arm;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryStrategy;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bounded retries on 408, 429, 5xx and network failures. The server's wait (Retry-After in seconds or as a date,
 * {@code retry-after-ms}, Resource Graph's quota reset) wins over the jittered exponential backoff; a wait longer
 * than {@code maxServerWait} ends the retries, since an event should be answered "unknown" now rather than in
 * minutes. For the same reason no retry starts that would end after {@code maxRequestTime} from the first attempt:
 * without that bound, four retries of a server that accepts connections and never answers held one event for minutes.
 * When Resource Graph reports its per-user quota spent, the next query waits for the reset instead of collecting a
 * 429. The SDK's own RetryPolicy is not used because it sleeps on the wall clock, which tests must not.
 */
final class ArmRetryPolicy implements HttpPipelinePolicy {
    private static final Set<Integer> RETRYABLE = Set.of(408, 429, 500, 502, 503, 504);

    private final RetryStrategy backoff;
    private final Duration maxServerWait;
    private final Duration maxRequestTime;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ReadStats stats;
    private final AtomicReference<Instant> graphQuotaResetsAt = new AtomicReference<>(Instant.MIN);

    ArmRetryPolicy(RetryStrategy backoff, Duration maxServerWait, Duration maxRequestTime, Clock clock, Sleeper sleeper,
                   ReadStats stats) {
        this.backoff = backoff;
        this.maxServerWait = maxServerWait;
        this.maxRequestTime = maxRequestTime;
        this.clock = clock;
        this.sleeper = sleeper;
        this.stats = stats;
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        boolean graph = RequestMeter.isGraph(context.getHttpRequest());
        Instant deadline = clock.instant().plus(maxRequestTime);
        for (int attempt = 0; ; attempt++) {
            if (graph) {
                waitForGraphQuota();
            }
            HttpResponse response;
            try {
                response = next.clone().processSync();
            } catch (RuntimeException e) {
                Duration delay = backoff.calculateRetryDelay(attempt);
                if (attempt >= backoff.getMaxRetries() || !Transient.isTransient(e) || pastDeadline(delay, deadline)) {
                    throw e;
                }
                pause(delay);
                continue;
            }
            if (graph) {
                noteGraphQuota(response);
            }
            if (attempt >= backoff.getMaxRetries() || !RETRYABLE.contains(response.getStatusCode())) {
                return response;
            }
            Duration asked = RetryAfter.from(response.getHeaders(), clock.instant());
            if (asked != null && asked.compareTo(maxServerWait) > 0) {
                return response;
            }
            Duration delay = asked != null ? asked : backoff.calculateRetryDelay(attempt);
            if (pastDeadline(delay, deadline)) {
                return response;
            }
            response.close();
            pause(delay);
        }
    }

    private boolean pastDeadline(Duration delay, Instant deadline) {
        return clock.instant().plus(delay).isAfter(deadline);
    }

    /** byokwatch only sends synchronously; an async caller would bypass the injected sleeper, so it is refused. */
    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.error(new UnsupportedOperationException("the ARM pipeline is synchronous; use HttpPipeline.sendSync"));
    }

    private void pause(Duration delay) {
        stats.retry();
        sleep(delay);
    }

    private void waitForGraphQuota() {
        Duration wait = Duration.between(clock.instant(), graphQuotaResetsAt.get());
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        sleep(wait.compareTo(maxServerWait) > 0 ? maxServerWait : wait);
    }

    private void noteGraphQuota(HttpResponse response) {
        String remaining = response.getHeaderValue("x-ms-user-quota-remaining");
        Duration resets = RetryAfter.quotaReset(response.getHeaders());
        if (resets != null && remaining != null && remaining.trim().equals("0")) {
            graphQuotaResetsAt.set(clock.instant().plus(resets));
        }
    }

    private void sleep(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry an ARM request", e);
        }
    }
}
