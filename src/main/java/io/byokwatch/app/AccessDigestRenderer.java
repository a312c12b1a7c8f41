package io.byokwatch.app;

import io.byokwatch.access.AccessReport;

/**
 * Turns the nightly access report into one channel's message (a Slack or Teams digest, terminal text, the report
 * JSON); implemented by the renderers so that delivery stays free of message formats.
 */
public interface AccessDigestRenderer {

    /** @param fullReport the file name the whole report was saved as, or null when it was not saved */
    String digest(AccessReport report, String fullReport);
}
