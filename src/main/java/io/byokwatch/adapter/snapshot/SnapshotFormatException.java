package io.byokwatch.adapter.snapshot;

/**
 * One resource in an inventory file does not have the shape the mapper needs (a required field missing, a value of
 * the wrong type). The message names the field and what was expected, so the user can fix the export; the loader
 * reports it against that one resource and goes on with the rest.
 */
public final class SnapshotFormatException extends RuntimeException {
    public SnapshotFormatException(String message) {
        super(message);
    }
}
