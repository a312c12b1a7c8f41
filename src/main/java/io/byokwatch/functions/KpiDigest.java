package io.byokwatch.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.byokwatch.app.KpiDigestDelivery;
import io.byokwatch.bootstrap.KpiRuntime;
import io.byokwatch.bootstrap.Runtime;
import io.byokwatch.kpi.KpiWeek;
import io.byokwatch.render.kpi.KpiDigestText;

import java.util.function.Supplier;

/**
 * The weekly KPI digest (app setting BYOKWATCH_KPI_DIGEST_SCHEDULE, NCRONTAB, e.g. Mondays 08:00): the four numbers of
 * the week just ended, their change from the week before, and a link to the dashboard (BYOKWATCH_KPI_DASHBOARD_URL, or
 * the page it keeps), sent to the channels routed kind {@code kpi}.
 */
public final class KpiDigest {
    private final Supplier<KpiRuntime> runtime;
    /** Gives null when no notify config is set: the digest is then only logged. */
    private final Supplier<KpiDigestDelivery> delivery;

    /** The constructor the Functions host uses: the process-wide runtime from app settings. */
    public KpiDigest() {
        this(KpiRuntime::fromEnvironment, KpiDigest::configuredDelivery);
    }

    KpiDigest(Supplier<KpiRuntime> runtime, Supplier<KpiDigestDelivery> delivery) {
        this.runtime = runtime;
        this.delivery = delivery;
    }

    private static KpiDigestDelivery configuredDelivery() {
        Runtime r = Runtime.fromEnvironment();
        return r.settings().notifyConfig() == null ? null : r.notifications().kpiDigests();
    }

    @FunctionName("KpiDigest")
    public void run(@TimerTrigger(name = "timer", schedule = "%BYOKWATCH_KPI_DIGEST_SCHEDULE%") String timer,
                    final ExecutionContext context) {
        KpiWeek week = runtime.get().week();
        context.getLogger().info("KPI digest " + KpiDigestText.title(week) + ": "
                + String.join("; ", KpiDigestText.lines(week).stream()
                .map(KpiDigestText.Line::sentence).toList()));
        KpiDigestDelivery d = delivery.get();
        if (d == null) {
            context.getLogger().warning("no notify config is set (BYOKWATCH_NOTIFY_CONFIG): the KPI digest is only logged");
            return;
        }
        try {
            for (KpiDigestDelivery.Outcome out : d.deliver(week)) {
                if (out.delivered()) {
                    context.getLogger().info(out.line());
                } else {
                    context.getLogger().warning(out.line());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the KPI digest delivery was interrupted (the host is stopping)");
        }
    }
}
