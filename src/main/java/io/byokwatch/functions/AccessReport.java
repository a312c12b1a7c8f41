package io.byokwatch.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.byokwatch.access.Anomaly;
import io.byokwatch.bootstrap.AccessRuntime;
import io.byokwatch.render.AccessSummary;

import java.util.function.Supplier;

/**
 * The nightly Key Vault access report (app setting BYOKWATCH_ACCESS_REPORT_SCHEDULE, NCRONTAB, 02:00 UTC by default):
 * who used the disk keys in the last day, and whether that was normal. Logs the headline and each anomaly, and writes
 * HTML, JSON and Markdown to BYOKWATCH_ACCESS_REPORT_DIR when set.
 */
public final class AccessReport {
    private final Supplier<AccessRuntime> runtime;

    /** The constructor the Functions host uses: the process-wide runtime from app settings. */
    public AccessReport() {
        this(AccessRuntime::fromEnvironment);
    }

    AccessReport(Supplier<AccessRuntime> runtime) {
        this.runtime = runtime;
    }

    @FunctionName("AccessReport")
    public void run(@TimerTrigger(name = "timer", schedule = "%BYOKWATCH_ACCESS_REPORT_SCHEDULE%") String timer,
                    final ExecutionContext context) {
        AccessRuntime.Outcome o = runtime.get().run();
        io.byokwatch.access.AccessReport r = o.report();
        context.getLogger().info("access report " + r.windowStart() + " to " + r.windowEnd() + ": " + AccessSummary.headline(r));
        for (Anomaly a : r.anomalies()) {
            context.getLogger().warning(a.severity().label() + " " + a.detector() + " " + AccessSummary.target(a) + ": "
                    + a.explanation());
        }
        r.notes().forEach(n -> context.getLogger().warning(n));
        o.written().forEach(p -> context.getLogger().info("wrote " + p));
    }
}
