package io.byokwatch.adapter.snapshot;

import java.nio.file.Path;

/**
 * Something in one inventory file that could not be used. {@code position} is {@code line:column} for a JSON syntax
 * error, the element's place (e.g. {@code value[3]}) for a resource that could not be mapped, or empty for the whole
 * file; {@link #toString()} prints the familiar {@code path:line:column: message}.
 */
public record LoadProblem(Path path, String position, String message) {
    public LoadProblem {
        position = position == null ? "" : position;
    }

    @Override
    public String toString() {
        return path + (position.isEmpty() ? "" : ":" + position) + ": " + message;
    }
}
