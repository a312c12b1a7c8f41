package io.byokwatch.cli;

/** Input that cannot be read at all (missing path, no resources): exit code 2 with the message. */
final class InputException extends RuntimeException {
    InputException(String message) {
        super(message);
    }
}
