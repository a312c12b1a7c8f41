package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.ResourceId;

import java.nio.file.Path;

/**
 * A record of a known kind that could not be mapped (a required field missing, a value of the wrong type). It may be
 * the very resource a look-up asks for, so while one exists, "not in the files" cannot mean "does not exist": look-ups
 * of its kind answer unknown and name it. {@code id} is null when the record's own id was unreadable; {@code owner} is
 * the Managed HSM a local role assignment file belongs to.
 */
public record Unreadable(ResourceKind kind, ResourceId id, String owner, Path file, String message) {

    String describe() {
        return "a " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " record in " + file.getFileName()
                + " could not be read (" + message + "), and it may be the one asked for; fix or re-export it";
    }
}
