package io.byokwatch.render.report;

import io.byokwatch.domain.ResourceId;

/**
 * Where SARIF results point. For a file inventory, the file and line of the resource's object (or of the first line
 * that names it); for a live scan there is no file, so results carry only the logical location, the resource id:
 * byokwatch never invents a path.
 */
public interface SarifLocations {
    /** No files: logical locations only. */
    SarifLocations LIVE = new SarifLocations() {
        @Override
        public FileLine find(ResourceId id) {
            return null;
        }

        @Override
        public String sourceRoot() {
            return null;
        }
    };

    /** A file relative to {@link #sourceRoot()} (or an absolute file URI when it lies outside), and a line from 1. */
    record FileLine(String uri, boolean relative, int line) {
    }

    /** The file location of exactly this resource, or null. */
    FileLine find(ResourceId id);

    /** The file URI ({@code file:///...}/) relative paths are resolved against, or null when there are none. */
    String sourceRoot();
}
