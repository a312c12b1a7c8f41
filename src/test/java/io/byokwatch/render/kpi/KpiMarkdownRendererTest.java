package io.byokwatch.render.kpi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KpiMarkdownRendererTest {
    @Test
    void theHeadline_isOneTableOfTheFourNumbers() {
        String md = KpiMarkdownRenderer.render(KpiReports.busy());

        assertTrue(md.contains("| 83.3% | 1 d 6 h | 100.0% | $6.63 |"), md);
        assertTrue(md.contains("## Key Vault cost (estimate)"));
    }

    @Test
    void aPipeOrTagInAName_cannotBreakTheTable() {
        String md = KpiMarkdownRenderer.render(KpiReports.busy());

        assertTrue(md.contains("aks-&lt;b onmouseover=x&gt;\\|y"), md);
        assertFalse(md.contains("<b "));
    }
}
