package io.byokwatch.render.report;

import io.byokwatch.app.ScanReport;

/** Turns a scan report into one output format. Implementations are stateless and end their output with a newline. */
public interface ReportRenderer {
    String render(ScanReport report);
}
