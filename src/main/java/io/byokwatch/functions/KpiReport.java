package io.byokwatch.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.byokwatch.bootstrap.KpiRuntime;
import io.byokwatch.render.kpi.KpiText;

import java.util.function.Supplier;

/**
 * The nightly KPI dashboard (app setting BYOKWATCH_KPI_REPORT_SCHEDULE, NCRONTAB): computes the report over the last
 * BYOKWATCH_KPI_WINDOW_DAYS, keeps the page (kpi-latest.html and a dated copy) and the JSON in the blob container
 * BYOKWATCH_KPI_REPORT_CONTAINER and/or the folder BYOKWATCH_KPI_REPORT_DIR, logs the four numbers, and drops history
 * older than BYOKWATCH_HISTORY_RETENTION_DAYS.
 */
public final class KpiReport {
    private final Supplier<KpiRuntime> runtime;

    /** The constructor the Functions host uses: the process-wide runtime from app settings. */
    public KpiReport() {
        this(KpiRuntime::fromEnvironment);
    }

    KpiReport(Supplier<KpiRuntime> runtime) {
        this.runtime = runtime;
    }

    @FunctionName("KpiReport")
    public void run(@TimerTrigger(name = "timer", schedule = "%BYOKWATCH_KPI_REPORT_SCHEDULE%") String timer,
                    final ExecutionContext context) {
        KpiRuntime.Outcome o = runtime.get().nightly();
        context.getLogger().info("KPIs " + KpiText.window(o.report()) + ": " + KpiText.headlineLine(o.report()));
        o.report().notes().forEach(n -> context.getLogger().warning(n));
        o.saved().forEach(p -> context.getLogger().info("kept " + p));
        o.problems().forEach(p -> context.getLogger().warning(p));
        if (o.purged() > 0) {
            context.getLogger().info("dropped " + o.purged() + " history entries older than the retention");
        }
    }
}
