package io.byokwatch.adapter.eventgrid;

import io.byokwatch.domain.ChangeEvent;

import java.util.List;

/**
 * The events of one delivery that could be read, those that could not (with why), and the validation code when the
 * delivery was Event Grid's subscription handshake.
 */
public record ParsedBatch(List<ChangeEvent> events, List<Rejected> rejected, String validationCode,
                          String validationUrl) {

    public ParsedBatch {
        events = List.copyOf(events);
        rejected = List.copyOf(rejected);
    }

    /** True when the caller must answer with {@link ValidationHandshake#eventGridResponseBody(String)}. */
    public boolean validationRequest() {
        return validationCode != null;
    }

    /**
     * One event that was skipped. {@code index} is its 0-based position in the delivered array (0 for a single
     * object); {@code eventId} is null when the event had no readable id.
     */
    public record Rejected(int index, String eventId, String reason) {

        /** One line for logs and HTTP error bodies. */
        public String describe() {
            return "event " + index + (eventId == null ? "" : " (id " + eventId + ")") + ": " + reason;
        }
    }
}
