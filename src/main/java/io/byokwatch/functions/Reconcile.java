package io.byokwatch.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.byokwatch.app.DriftDetector;
import io.byokwatch.bootstrap.Runtime;

import java.util.function.Supplier;

/**
 * Re-evaluates every cluster in scope on a schedule (app setting BYOKWATCH_RECONCILE_SCHEDULE, NCRONTAB, hourly by
 * default): some changes raise no event (a key disabled on the data plane) and Event Grid can drop or delay events.
 */
public final class Reconcile {
    private final Supplier<Runtime> runtime;

    /** The constructor the Functions host uses: the process-wide runtime from app settings. */
    public Reconcile() {
        this(Runtime::fromEnvironment);
    }

    Reconcile(Supplier<Runtime> runtime) {
        this.runtime = runtime;
    }

    public static final String EVENT_TYPE = "byokwatch.Reconcile";

    @FunctionName("Reconcile")
    public void run(@TimerTrigger(name = "timer", schedule = "%BYOKWATCH_RECONCILE_SCHEDULE%") String timer,
                    final ExecutionContext context) {
        DriftDetector.EventOutcome o = runtime.get().detector().reconcile(EVENT_TYPE);
        SafeLog.of(context).info("reconcile: re-evaluated " + o.clusters().size() + " cluster(s), " + o.alerts().size() + " alert(s)");
        o.notes().forEach(n -> SafeLog.of(context).warning(n));
    }
}
