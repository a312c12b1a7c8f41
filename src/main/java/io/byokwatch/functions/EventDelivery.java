package io.byokwatch.functions;

import com.microsoft.azure.functions.ExecutionContext;
import io.byokwatch.adapter.eventgrid.EventFormatException;
import io.byokwatch.app.DriftDetector;
import io.byokwatch.bootstrap.EventIntake;
import io.byokwatch.domain.Alert;


/**
 * What the two Event Grid functions share: hand the event to the intake, log one line per outcome, and throw when
 * the work could not be done so that the host reports failure and Event Grid redelivers (re-evaluation is
 * idempotent, so a redelivery is harmless). A malformed event is logged and dropped: redelivering it cannot help.
 */
final class EventDelivery {
    private EventDelivery() {
    }

    static void handle(String body, EventIntake intake, ExecutionContext context) {
        SafeLog log = SafeLog.of(context);
        EventIntake.Result result;
        try {
            result = intake.accept(body, null);
        } catch (EventFormatException e) {
            log.warning("dropped a malformed event: " + e.getMessage());
            return;
        }
        result.rejected().forEach(r -> log.warning("rejected event: " + r));
        if (result.outOfScope() > 0) {
            log.info("ignored " + result.outOfScope() + " event(s) from outside the configured scope");
        }
        for (DriftDetector.EventOutcome o : result.outcomes()) {
            if (o.ignored()) {
                log.info("event " + o.eventId() + " ignored: " + o.reason());
                continue;
            }
            log.info("event " + o.eventId() + ": " + o.reason() + "; re-evaluated " + o.clusters().size() + " cluster(s), "
                    + o.alerts().size() + " alert(s)");
            for (Alert a : o.alerts()) {
                log.info("alert " + a.alertId() + " " + a.kind().label() + " " + a.clusterName() + " by " + a.trigger().actor().describe());
            }
            o.notes().forEach(n -> log.warning(n));
        }
        if (result.failed()) {
            throw new IllegalStateException("could not process " + result.failures().size() + " event(s), Event Grid will retry: "
                    + String.join("; ", result.failures()));
        }
    }
}
