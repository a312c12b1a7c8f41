package io.byokwatch.cli;

import io.byokwatch.adapter.snapshot.SourceLines;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.render.report.ArtifactPath;
import io.byokwatch.render.report.SarifLocations;

import java.nio.file.Path;

/** SARIF locations for a file inventory: each resource's file and line, relative to the directory the scan ran in. */
final class InventoryLocations implements SarifLocations {
    private final SourceLines lines;
    private final Path base;

    InventoryLocations(Path inventory, Path base) {
        this.lines = SourceLines.of(inventory);
        this.base = base;
    }

    @Override
    public FileLine find(ResourceId id) {
        SourceLines.Line line = lines.find(id.toString());
        return line == null ? null : ArtifactPath.of(line.file(), base, line.line());
    }

    @Override
    public String sourceRoot() {
        return ArtifactPath.directoryUri(base);
    }
}
