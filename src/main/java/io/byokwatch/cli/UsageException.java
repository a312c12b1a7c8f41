package io.byokwatch.cli;

/** A command-line mistake: printed without a stack trace, exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
