package io.byokwatch.adapter.storage;

import io.byokwatch.port.ReportArchive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reports as files in a folder (created when missing), each written whole before it replaces an older one. */
public final class FolderReportArchive implements ReportArchive {
    private final Path dir;

    public FolderReportArchive(Path dir) {
        this.dir = dir;
    }

    @Override
    public String save(String fileName, String contentType, String text) {
        Path file = dir.resolve(fileName);
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(file, text);
        } catch (IOException | RuntimeException e) {
            throw new ReportArchiveException("cannot write the access report to " + file + ": " + e.getMessage(), e);
        }
        return file.toString();
    }
}
