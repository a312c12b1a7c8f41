package io.byokwatch.adapter.arm;

/** Thrown inside the pipeline instead of sending a request; never retried, turned into an "unknown" answer. */
final class ReadBudgetExhaustedException extends RuntimeException {
    ReadBudgetExhaustedException(String message) {
        super(message, null, false, false);
    }
}
