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
import io.byokwatch.bootstrap.Runtime;

import java.util.function.Supplier;

import java.util.Optional;

/**
 * Current verdicts as JSON ({@code GET /api/compliance[?clusterId=...]}); {@code POST} with {"clusterId": "..."}
 * re-evaluates one cluster now. Function-key authorization.
 */
public final class Compliance {
    private final Supplier<Runtime> runtime;

    /** The constructor the Functions host uses: the process-wide runtime from app settings. */
    public Compliance() {
        this(Runtime::fromEnvironment);
    }

    Compliance(Supplier<Runtime> runtime) {
        this.runtime = runtime;
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
