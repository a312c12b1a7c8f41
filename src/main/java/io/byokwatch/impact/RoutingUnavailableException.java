package io.byokwatch.impact;

/**
 * The clusters an event reaches could not be told because a read failed for now. Thrown so that the event fails and
 * Event Grid redelivers it, rather than reaching no cluster and being dropped.
 */
public final class RoutingUnavailableException extends RuntimeException {
    public RoutingUnavailableException(String message) {
        super(message);
    }
}
