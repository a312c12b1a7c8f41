package io.byokwatch.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.byokwatch.access.Anomaly;
import io.byokwatch.app.AccessReportDelivery;
import io.byokwatch.bootstrap.AccessRuntime;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.render.access.AccessSummary;

import java.util.function.Supplier;

/**
 * The nightly Key Vault access report (app setting BYOKWATCH_ACCESS_REPORT_SCHEDULE, NCRONTAB, 02:00 UTC by default):
 * who used the disk keys in the last day, and whether that was normal. Logs the headline and each anomaly, writes
 * HTML, JSON and Markdown to the blob container BYOKWATCH_ACCESS_REPORT_CONTAINER and/or the folder
 * BYOKWATCH_ACCESS_REPORT_DIR when set, and, when a notify config is set, sends it to the
 * channels routed kind {@code access-report} (a digest for people, the report JSON for webhooks).
 */
public final class AccessReport {
    private final Supplier<AccessRuntime> runtime;
    /** Gives null when no notify config is set: the report is then only logged and saved. */
    private final Supplier<AccessReportDelivery> delivery;

    /** The constructor the Functions host uses: the process-wide runtime from app settings. */
    public AccessReport() {
        this(AccessRuntime::fromEnvironment, AccessReport::configuredDelivery);
    }

    AccessReport(Supplier<AccessRuntime> runtime) {
        this(runtime, () -> null);
    }

    AccessReport(Supplier<AccessRuntime> runtime, Supplier<AccessReportDelivery> delivery) {
        this.runtime = runtime;
        this.delivery = delivery;
    }

    private static AccessReportDelivery configuredDelivery() {
        Runtime r = Runtime.fromEnvironment();
        return r.settings().notifyConfig() == null ? null : r.notifications().accessReports();
    }

    @FunctionName("AccessReport")
    public void run(@TimerTrigger(name = "timer", schedule = "%BYOKWATCH_ACCESS_REPORT_SCHEDULE%") String timer,
                    final ExecutionContext context) {
        AccessRuntime.Outcome o = runtime.get().run();
        io.byokwatch.access.AccessReport r = o.report();
        SafeLog.of(context).info("access report " + r.windowStart() + " to " + r.windowEnd() + ": " + AccessSummary.headline(r));
        for (Anomaly a : r.anomalies()) {
            SafeLog.of(context).warning(a.severity().label() + " " + a.detector() + " " + AccessSummary.target(a) + ": "
                    + a.explanation());
        }
        r.notes().forEach(n -> SafeLog.of(context).warning(n));
        o.saved().forEach(p -> SafeLog.of(context).info("kept " + p));
        o.problems().forEach(p -> SafeLog.of(context).warning(p + "; the report is still sent"));
        AccessReportDelivery d = delivery.get();
        if (d == null) {
            return;
        }
        try {
            for (AccessReportDelivery.Outcome out : d.deliver(r, o.fullReport())) {
                if (out.delivered()) {
                    SafeLog.of(context).info(out.line());
                } else {
                    SafeLog.of(context).warning(out.line());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the access report delivery was interrupted (the host is stopping)");
        }
    }
}
