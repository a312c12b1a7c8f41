package io.byokwatch.adapter.arm;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

import java.util.Locale;

/**
 * Sits after the retry policy so that it sees every attempt: takes a request from the budget (or refuses to send)
 * and counts what went on the wire and what came back throttled.
 */
final class RequestMeter implements HttpPipelinePolicy {
    private final ReadBudget budget;
    private final ReadStats stats;

    RequestMeter(ReadBudget budget, ReadStats stats) {
        this.budget = budget;
        this.stats = stats;
    }

    static boolean isGraph(HttpRequest request) {
        return request.getHttpMethod() == HttpMethod.POST
                && request.getUrl().getPath().toLowerCase(Locale.ROOT).contains("/providers/microsoft.resourcegraph/");
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        if (!budget.tryAcquire()) {
            stats.budgetRefusal();
            throw new ReadBudgetExhaustedException(budget.exhausted());
        }
        if (isGraph(context.getHttpRequest())) {
            stats.graphRequest();
        } else {
            stats.armRequest();
        }
        HttpResponse response = next.processSync();
        if (response.getStatusCode() == 429) {
            stats.throttledResponse();
        }
        return response;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.error(new UnsupportedOperationException("the ARM pipeline is synchronous; use HttpPipeline.sendSync"));
    }
}
