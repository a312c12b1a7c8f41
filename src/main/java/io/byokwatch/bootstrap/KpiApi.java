package io.byokwatch.bootstrap;

import com.google.gson.JsonObject;
import io.byokwatch.kpi.KpiReport;
import io.byokwatch.render.kpi.KpiFormat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The KPI endpoints as plain functions, so every host (serve, the Compliance function) answers alike: the dashboard
 * page and the KPI JSON for the last {@code days} days (1 to 400, default the configured window). A report is
 * computed at most once a minute per window and reused, since the page may be opened by many people at once.
 */
public final class KpiApi {
    static final Duration REUSE = Duration.ofMinutes(1);
    private final Supplier<KpiRuntime> runtime;
    private final Clock clock;
    private final Object lock = new Object();
    private int cachedDays = -1;
    private Instant cachedAt;
    private KpiReport cached;

    public KpiApi(Supplier<KpiRuntime> runtime, Clock clock) {
        this.runtime = runtime;
        this.clock = clock;
    }

    /** Status, media type and bytes: what any HTTP host writes out. */
    public record Response(int status, String contentType, byte[] body) {
        static Response of(int status, KpiFormat format, String text) {
            return new Response(status, format.contentType(), text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@code GET /}: the dashboard. */
    public Response page(Map<String, String> query) {
        return answer(query, KpiFormat.HTML);
    }

    /** {@code GET /api/kpi}: the report in the public JSON contract (schema kpi-report.v1). */
    public Response json(Map<String, String> query) {
        return answer(query, KpiFormat.JSON);
    }

    private Response answer(Map<String, String> query, KpiFormat format) {
        Integer days = days(query.get("days"));
        if (days == null) {
            return error(format, "days must be a whole number from 1 to 400, e.g. ?days=30");
        }
        return Response.of(200, format, format.render(report(days)));
    }

    private KpiReport report(int days) {
        synchronized (lock) {
            Instant now = clock.instant();
            if (cached == null || cachedDays != days || cachedAt.plus(REUSE).isBefore(now)) {
                cached = runtime.get().report(now.minus(Duration.ofDays(days)), now);
                cachedAt = now;
                cachedDays = days;
            }
            return cached;
        }
    }

    private Integer days(String text) {
        if (text == null || text.isBlank()) {
            return runtime.get().settings().windowDays();
        }
        try {
            int n = Integer.parseInt(text.trim());
            return n >= 1 && n <= 400 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Response error(KpiFormat format, String message) {
        if (format == KpiFormat.JSON) {
            JsonObject o = new JsonObject();
            o.addProperty("error", message);
            return Response.of(400, format, o.toString());
        }
        return new Response(400, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
