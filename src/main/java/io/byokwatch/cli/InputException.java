package io.byokwatch.cli;

import java.util.List;

/**
 * Input that cannot be read at all (missing path, no resources) or does not name what it must (a blast-radius target
 * not in the inventory): exit code 2 with the message, and the detail lines (candidates, closest names) beneath it.
 */
final class InputException extends RuntimeException {
    private final List<String> details;

    InputException(String message) {
        this(message, List.of());
    }

    InputException(String message, List<String> details) {
        super(message);
        this.details = List.copyOf(details);
    }

    List<String> details() {
        return details;
    }
}
