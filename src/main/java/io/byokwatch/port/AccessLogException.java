package io.byokwatch.port;

/** Audit logs that cannot be read at all (no such file, workspace refused every query); the message says why. */
public final class AccessLogException extends RuntimeException {
    public AccessLogException(String message) {
        super(message);
    }

    public AccessLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
