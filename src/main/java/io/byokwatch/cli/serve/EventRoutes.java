package io.byokwatch.cli.serve;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.eventgrid.EventFormatException;
import io.byokwatch.adapter.eventgrid.ValidationHandshake;
import io.byokwatch.bootstrap.ComplianceApi;
import io.byokwatch.bootstrap.EventIntake;
import io.byokwatch.bootstrap.KpiApi;
import io.byokwatch.bootstrap.Runtime;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What {@code serve} does with a request that passed the {@link RequestGate} and whose body is in: the Event Grid
 * webhook protocol (validation handshake, CloudEvents OPTIONS handshake, batches of either schema) and the compliance
 * API. Runs on a worker thread, never on the network's event loop, because the event path reads files or ARM.
 */
public final class EventRoutes {
    static final ServeAnswer HEALTHY = ServeAnswer.json(200, "{\"status\":\"ok\"}");

    private final Runtime runtime;
    private final Runnable newAlerts;
    private final Consumer<String> log;
    private final KpiApi kpi;

    /**
     * @param newAlerts called when an event may have added alerts to the outbox (wakes the delivery)
     * @param log       one line per event refused or failed, for the operator
     */
    public EventRoutes(Runtime runtime, Runnable newAlerts, Consumer<String> log) {
        this(runtime, newAlerts, log, null);
    }

    /** @param kpi the dashboard ({@code GET /}) and its JSON ({@code GET /api/kpi}); null answers them 404 */
    public EventRoutes(Runtime runtime, Runnable newAlerts, Consumer<String> log, KpiApi kpi) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.newAlerts = Objects.requireNonNull(newAlerts, "newAlerts");
        this.log = Objects.requireNonNull(log, "log");
        this.kpi = kpi;
    }

    public ServeAnswer answer(ServeRequest r) {
        return switch (RequestGate.Route.of(r.path())) {
            case HEALTH -> HEALTHY;
            case EVENTS -> events(r);
            case COMPLIANCE -> compliance(r);
            case DASHBOARD -> kpi(r, true);
            case KPI -> kpi(r, false);
            case UNKNOWN -> throw new IllegalStateException("the gate lets no unknown path through: " + r.path());
        };
    }

    private ServeAnswer events(ServeRequest r) {
        if (r.method().equals("OPTIONS")) {
            String origin = r.header("WebHook-Request-Origin");
            if (origin == null) {
                return ServeAnswer.error(400, "a CloudEvents handshake carries WebHook-Request-Origin");
            }
            ServeAnswer ok = ServeAnswer.json(200, "");
            try {
                for (var h : ValidationHandshake.cloudEventsOptionsHeaders(origin).entrySet()) {
                    ok = ok.withHeader(h.getKey(), h.getValue());
                }
            } catch (EventFormatException e) {
                // an origin that is no host name: refuse it, a 500 would invite retries of a request that cannot improve
                return ServeAnswer.error(400, e.getMessage());
            }
            return ok;
        }
        EventIntake.Result result;
        try {
            result = runtime.intake().accept(r.body(), r.header("Content-Type"));
        } catch (EventFormatException e) {
            return ServeAnswer.error(400, e.getMessage());
        }
        if (result.validationCode() != null) {
            return ServeAnswer.json(200, ValidationHandshake.eventGridResponseBody(result.validationCode()));
        }
        newAlerts.run();
        result.rejected().forEach(x -> log.accept("rejected event: " + x));
        if (result.failed()) {
            result.failures().forEach(f -> log.accept("failed: " + f));
            return ServeAnswer.error(500, "could not process " + result.failures().size() + " event(s); retry the delivery");
        }
        JsonObject o = new JsonObject();
        o.addProperty("processed", result.outcomes().size());
        o.addProperty("rejected", result.rejected().size());
        o.addProperty("outOfScope", result.outOfScope());
        return ServeAnswer.json(200, o.toString());
    }

    private ServeAnswer compliance(ServeRequest r) {
        ComplianceApi api = new ComplianceApi(runtime);
        ComplianceApi.Response answer;
        if (r.method().equals("POST")) {
            String clusterId = null;
            try {
                clusterId = JsonParser.parseString(new String(r.body(), StandardCharsets.UTF_8))
                        .getAsJsonObject().get("clusterId").getAsString();
            } catch (RuntimeException ignored) {
                // the API answers 400 with the expected shape
            }
            answer = api.reevaluate(clusterId);
            newAlerts.run();
        } else {
            answer = api.get(r.query().get("clusterId"));
        }
        return ServeAnswer.json(answer.status(), answer.body());
    }

    /** The dashboard page or the KPI JSON; never for shared caches, since it lists every cluster's weaknesses. */
    private ServeAnswer kpi(ServeRequest r, boolean page) {
        if (kpi == null) {
            return ServeAnswer.error(404, "this serve has no KPI dashboard");
        }
        KpiApi.Response answer = page ? kpi.page(r.query()) : kpi.json(r.query());
        return new ServeAnswer(answer.status(), java.util.Map.of("Content-Type", answer.contentType(), "Cache-Control", "no-store"),
                new String(answer.body(), StandardCharsets.UTF_8), false);
    }
}
