package io.byokwatch.app;

import io.byokwatch.kpi.KpiWeek;

/**
 * Turns the weekly KPI digest into one channel's message (a Slack or Teams digest, terminal text, the KPI JSON);
 * implemented by the renderers so that delivery stays free of message formats.
 */
public interface KpiDigestRenderer {

    String digest(KpiWeek week);
}
