package io.byokwatch.port;

/**
 * The lease is no longer held: it expired and the message was leased again (perhaps by another instance), or the
 * message is gone. The work done under it may be repeated by the new holder; receivers deduplicate by message id.
 */
public final class LeaseLostException extends RuntimeException {
    public LeaseLostException(String message) {
        super(message);
    }

    public LeaseLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
