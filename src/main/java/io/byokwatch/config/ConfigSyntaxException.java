package io.byokwatch.config;

/** A configuration file is not strict JSON; the message says why and where, in one line. */
public final class ConfigSyntaxException extends RuntimeException {
    public ConfigSyntaxException(String message) {
        super(message);
    }
}
