package io.byokwatch.app;

/**
 * A cluster could not be judged because the inventory could not answer for now (see
 * {@link io.byokwatch.port.Lookup#unavailable}). Nothing was written: the event that asked must fail so that Event
 * Grid redelivers it, and the sweep leaves the cluster to its next run.
 */
public final class InventoryUnavailableException extends RuntimeException {
    public InventoryUnavailableException(String message) {
        super(message);
    }
}
