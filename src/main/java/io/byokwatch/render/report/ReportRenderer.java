package io.byokwatch.render.report;

import io.byokwatch.app.ScanReport;

import java.io.IOException;
import java.io.Writer;

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
}
