package io.byokwatch.policy;

/** A policy file that cannot be used; the message names the file, the place and the fix. */
public final class PolicyException extends RuntimeException {
    public PolicyException(String message) {
        super(message);
    }
}
