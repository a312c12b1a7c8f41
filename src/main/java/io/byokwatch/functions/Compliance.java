package io.byokwatch.functions;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.byokwatch.bootstrap.ComplianceApi;
import io.byokwatch.bootstrap.KpiApi;
import io.byokwatch.bootstrap.KpiRuntime;
import io.byokwatch.bootstrap.Runtime;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import java.util.function.Supplier;

import java.util.Optional;

/**
 * Current verdicts as JSON ({@code GET /api/compliance[?clusterId=...]}); {@code POST} with {"clusterId": "..."}
 * re-evaluates one cluster now. The KPI dashboard ({@code GET /api/dashboard[?days=N]}) and its JSON
 * ({@code GET /api/kpi[?days=N]}), as {@code serve} answers them at {@code /} and {@code /api/kpi}. Function-key
 * authorization on all three: a browser opens the dashboard with {@code ?code=<function key>}.
 */
public final class Compliance {
    private final Supplier<Runtime> runtime;
    private final KpiApi kpi;

    /** The constructor the Functions host uses: the process-wide runtime from app settings. */
    public Compliance() {
        this(Runtime::fromEnvironment, KpiRuntime::fromEnvironment, Clock.systemUTC());
    }

    Compliance(Supplier<Runtime> runtime) {
        this(runtime, () -> KpiRuntime.from(runtime.get(), System.getenv()), Clock.systemUTC());
    }

    Compliance(Supplier<Runtime> runtime, Supplier<KpiRuntime> kpis, Clock clock) {
        this.runtime = runtime;
        this.kpi = new KpiApi(kpis, clock);
    }

    @FunctionName("Kpi")
    public HttpResponseMessage kpi(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION, route = "kpi")
            HttpRequestMessage<Optional<String>> request, final ExecutionContext context) {
        return respond(request, kpi.json(request.getQueryParameters()));
    }

    @FunctionName("KpiDashboard")
    public HttpResponseMessage dashboard(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION, route = "dashboard")
            HttpRequestMessage<Optional<String>> request, final ExecutionContext context) {
        return respond(request, kpi.page(request.getQueryParameters()));
    }

    private static HttpResponseMessage respond(HttpRequestMessage<Optional<String>> request, KpiApi.Response r) {
        return request.createResponseBuilder(HttpStatus.valueOf(r.status())).header("Content-Type", r.contentType())
                .header("Cache-Control", "no-store").body(new String(r.body(), StandardCharsets.UTF_8)).build();
    }

    @FunctionName("Compliance")
    public HttpResponseMessage run(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET, HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "compliance") HttpRequestMessage<Optional<String>> request,
            final ExecutionContext context) {
        ComplianceApi api = new ComplianceApi(runtime.get());
        ComplianceApi.Response r;
        if (request.getHttpMethod() == HttpMethod.POST) {
            String clusterId;
            try {
                JsonObject body = JsonParser.parseString(request.getBody().orElse("")).getAsJsonObject();
                clusterId = body.has("clusterId") ? body.get("clusterId").getAsString() : null;
            } catch (JsonSyntaxException | IllegalStateException | UnsupportedOperationException e) {
                clusterId = null;
            }
            r = api.reevaluate(clusterId);
        } else {
            r = api.get(request.getQueryParameters().get("clusterId"));
        }
        return request.createResponseBuilder(HttpStatus.valueOf(r.status())).header("Content-Type", "application/json")
                .body(r.body()).build();
    }
}
