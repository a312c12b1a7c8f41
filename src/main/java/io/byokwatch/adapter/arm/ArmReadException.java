package io.byokwatch.adapter.arm;

/**
 * A list query (every cluster, reverse look-ups) could not be answered completely. Thrown rather than returning a
 * partial list, because a short list reads as "no other cluster is affected".
 */
public final class ArmReadException extends RuntimeException {
    public ArmReadException(String message) {
        super(message);
    }
}
