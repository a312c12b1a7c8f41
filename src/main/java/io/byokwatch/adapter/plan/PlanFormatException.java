package io.byokwatch.adapter.plan;

/**
 * A plan, template or parameters file that cannot be read as one: not JSON, the wrong kind of document, or an
 * unsupported format version. The message names the file, where in it, and how to produce the expected input.
 */
public final class PlanFormatException extends RuntimeException {
    public PlanFormatException(String message) {
        super(message);
    }
}
