package io.byokwatch.render.access;

import io.byokwatch.access.AccessReport;

/** Turns a Key Vault access report into one output format; stateless, output ends with a newline. */
public interface AccessReportRenderer {
    String render(AccessReport report);
}
