package io.byokwatch.functions;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.byokwatch.app.doctor.DoctorReport;
import io.byokwatch.bootstrap.DoctorWiring;
import io.byokwatch.bootstrap.SettingsException;
import io.byokwatch.render.PrettyJson;
import io.byokwatch.render.doctor.DoctorJson;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /api/doctor}: the deployment checks of {@code byokwatch doctor}, as the app's own identity sees Azure,
 * so what it can read is what byokwatch can read. 200 when every check passed, 503 otherwise, the report as JSON
 * either way (schema/doctor-report.v1.schema.json). Function-key authorization. Builds its own wiring rather than the
 * shared runtime, because the storage it checks may be what keeps the runtime from starting.
 */
public final class Doctor {
    private final Supplier<DoctorWiring.Wired> wiring;

    /** The constructor the Functions host uses: the app settings, as the app's managed identity. */
    public Doctor() {
        this(() -> DoctorWiring.fromEnvironment(System.getenv(), DoctorWiring.Choices.NONE, Clock.systemUTC()));
    }

    Doctor(Supplier<DoctorWiring.Wired> wiring) {
        this.wiring = wiring;
    }

    @FunctionName("Doctor")
    public HttpResponseMessage run(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "doctor") HttpRequestMessage<Optional<String>> request,
            final ExecutionContext context) {
        DoctorWiring.Wired wired;
        try {
            wired = wiring.get();
        } catch (SettingsException e) {
            JsonObject o = new JsonObject();
            o.addProperty("error", "byokwatch's app settings cannot be used, so no check could run");
            JsonArray problems = new JsonArray();
            e.problems().forEach(problems::add);
            o.add("problems", problems);
            context.getLogger().warning(e.getMessage());
            return request.createResponseBuilder(HttpStatus.INTERNAL_SERVER_ERROR).header("Content-Type", "application/json")
                    .body(PrettyJson.write(o)).build();
        }
        DoctorReport report = wired.doctor().run(wired.config());
        context.getLogger().info("doctor: " + report.count(io.byokwatch.app.doctor.CheckStatus.PASS) + " passed, "
                + report.count(io.byokwatch.app.doctor.CheckStatus.FAIL) + " failed, "
                + report.count(io.byokwatch.app.doctor.CheckStatus.UNKNOWN) + " unknown");
        return request.createResponseBuilder(report.allPassed() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .header("Content-Type", "application/json").body(DoctorJson.render(report)).build();
    }
}
