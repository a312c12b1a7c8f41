package io.byokwatch.render.report;

import io.byokwatch.app.ScanReport;
import io.byokwatch.render.Utf8Writer;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Turns a scan report into one output format. Implementations are stateless and end their output with a newline. */
public interface ReportRenderer {
    String render(ScanReport report);

    /**
     * The same text, written as it is made: formats whose output grows with the estate override this so that a large
     * report never exists whole in memory.
     */
    default void render(ScanReport report, Writer out) throws IOException {
        out.write(render(report));
    }

    /** The same text into a file (created or replaced): a format may fill a file faster than it fills a stream. */
    default void render(ScanReport report, Path file) throws IOException {
        try (Writer w = new Utf8Writer(Files.newOutputStream(file))) {
            render(report, w);
        }
    }
}
