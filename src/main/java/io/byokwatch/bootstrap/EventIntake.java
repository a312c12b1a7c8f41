package io.byokwatch.bootstrap;

import io.byokwatch.adapter.eventgrid.EventEnvelopeParser;
import io.byokwatch.adapter.eventgrid.ParsedBatch;
import io.byokwatch.app.DriftDetector;
import io.byokwatch.domain.ChangeEvent;
import io.byokwatch.domain.ResourceId;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One delivery from Event Grid (a single event or a batch, either schema) through to alerts: parse, drop events from
 * outside the configured scope (counted), and re-evaluate what each event can affect. Shared by the Functions, the
 * local {@code serve} endpoint and {@code replay}, so all three behave alike.
 */
public final class EventIntake {
    private static final String MANAGED_CLUSTERS = "Microsoft.ContainerService/managedClusters";
    private static final String VALIDATION = "Microsoft.EventGrid.SubscriptionValidationEvent";
    private final EventEnvelopeParser parser = new EventEnvelopeParser();
    private final DriftDetector detector;
    private final Predicate<ResourceId> inScope;

    public EventIntake(DriftDetector detector, Predicate<ResourceId> inScope) {
        this.detector = detector;
        this.inScope = inScope;
    }

    /**
     * What a delivery led to. {@code failures} lists events whose work could not be done (a store or ARM outage):
     * callers report failure so that Event Grid redelivers, which is safe because re-evaluation is idempotent.
     */
    public record Result(String validationCode, List<DriftDetector.EventOutcome> outcomes, List<String> rejected,
                         int outOfScope, List<String> failures) {
        public boolean failed() {
            return !failures.isEmpty();
        }
    }

    /** Parses and handles a delivery; malformed bodies raise {@code EventFormatException} with a precise reason. */
    public Result accept(String body, String contentType) {
        return handle(parser.parse(body, contentType));
    }

    /**
     * For an HTTP body as received: decoded with the Content-Type's charset (UTF-8 when none), so that bytes that are
     * not text are refused with the offset of the first bad byte instead of turning into U+FFFD inside resource ids.
     */
    public Result accept(byte[] body, String contentType) {
        return handle(parser.parse(body, contentType));
    }

    private Result handle(ParsedBatch batch) {
        List<String> rejected = batch.rejected().stream().map(ParsedBatch.Rejected::describe).toList();
        if (batch.validationRequest()) {
            // a handshake delivery is answered, never processed: anything riding along is counted, not acted on
            List<String> withHandshake = new ArrayList<>(rejected);
            long others = batch.events().stream().filter(e -> !e.eventType().equalsIgnoreCase(VALIDATION)).count();
            if (others > 0) {
                withHandshake.add(others + " event(s) arrived in a subscription validation delivery and were not"
                        + " processed; Event Grid never mixes them, so resend them in a delivery of their own");
            }
            return new Result(batch.validationCode(), List.of(), withHandshake, 0, List.of());
        }
        List<DriftDetector.EventOutcome> outcomes = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int outOfScope = 0;
        for (ChangeEvent e : batch.events()) {
            if (aboutUnwatchedCluster(e)) {
                outOfScope++;
                continue;
            }
            try {
                outcomes.add(detector.onEvent(e));
            } catch (RuntimeException ex) {
                failures.add("event " + e.eventId() + " (" + e.eventType() + "): " + ex.getMessage());
            }
        }
        return new Result(null, outcomes, rejected, outOfScope, failures);
    }

    /**
     * Only a cluster (or its node pool) outside the watched scope is out of scope. Sets, vaults, keys and role
     * assignments often live in a central subscription that is not watched, yet watched clusters depend on them; the
     * router reaches only watched clusters from them, so their events must not be dropped here.
     */
    private boolean aboutUnwatchedCluster(ChangeEvent e) {
        ResourceId about = e.resourceId() != null ? e.resourceId() : e.vaultId();
        return about != null && about.topLevel().isType(MANAGED_CLUSTERS) && !inScope.test(about);
    }
}
