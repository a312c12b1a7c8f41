package io.byokwatch.adapter.eventgrid;

/**
 * Raised while reading one event to skip just that event. No stack trace is recorded: a hostile batch can hold
 * thousands of bad events and the reason alone is what gets reported.
 */
final class BadEvent extends RuntimeException {
    BadEvent(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
