package io.byokwatch.adapter.eventgrid;

/**
 * The request body as a whole cannot be read as events: not JSON, or JSON of a shape no Event Grid delivery has. The
 * message says what is wrong, where, and how to fix it; callers answer HTTP 400 with it as is. Problems confined to
 * one event of a batch are never thrown: they become {@link ParsedBatch.Rejected} entries.
 */
public class EventFormatException extends RuntimeException {
    public EventFormatException(String message) {
        super(message);
    }
}
