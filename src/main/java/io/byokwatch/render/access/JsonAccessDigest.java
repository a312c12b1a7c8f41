package io.byokwatch.render.access;

import io.byokwatch.render.PrettyJson;
import io.byokwatch.access.AccessReport;
import io.byokwatch.app.AccessDigestRenderer;

/**
 * The access report for machines (signed webhooks, files, JSON stdout): the access-report JSON contract itself, on one
 * line, so a receiver parses one schema whether it reads the saved report or the delivery. Where the report was saved
 * is for people and stays out of the contract.
 */
public final class JsonAccessDigest implements AccessDigestRenderer {
    private final AccessJsonRenderer json = new AccessJsonRenderer();

    @Override
    public String digest(AccessReport report, String fullReport) {
        return PrettyJson.compact(json.toJson(report));
    }
}
