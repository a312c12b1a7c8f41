package io.byokwatch.render.access;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

public class AccessMarkdownRendererTest {
    private final AccessMarkdownRenderer renderer = new AccessMarkdownRenderer();

    @Test
    void aQuietNight_saysSoInWords() {
        String md = renderer.render(AccessReports.quiet());
        assertTrue(md.contains("Nothing unusual: no detector found anything outside the baseline in 252 audit events."), md);
        assertTrue(md.contains("## Anomalies\n\nNothing unusual.\n"), md);
        assertFalse(md.contains("## Allowlisted"));
    }

    @Test
    void theSummaryComesFirst_thenEachAnomalyWithItsFactsAndQuery() {
        String md = renderer.render(AccessReports.full());
        assertTrue(md.indexOf("3 anomalies: 1 critical, 1 medium, 1 low; 1 more allowlisted.") < md.indexOf("## Anomalies"), md);
        assertTrue(md.contains("| audit events (baseline and window) | 3,495 |"), md);
        assertTrue(md.contains("### 1. critical: `unexpected-caller` on `kv-pay-prod/aks-disk`"), md);
        assertTrue(md.contains("```kusto\nlet vaultName = \"kv-pay-prod\";\nAZKVAuditLogs\n| where Vault == vaultName\n```"), md);
        assertTrue(md.contains("| events | 8 (baseline expects 0) |"), md);
        assertTrue(md.contains("## Allowlisted (1)") && md.contains("nightly backup reads keys"), md);
        assertTrue(md.contains("## Notes\n\n- A page of logs came back partial."), md);
    }

    @Test
    void textFromTheLogs_cannotBreakTheMarkup() {
        String md = renderer.render(AccessReports.full());
        assertTrue(md.contains("User \\<alex\\> unwrapped disk key kv-pay-prod/aks-disk \\| which"), md);
        assertTrue(md.contains("alex\\_\\*admin\\*@contoso.example"), md);
    }

    @Test
    void theHeadlineIsSharedByEveryFormat() {
        assertEquals("3 anomalies: 1 critical, 1 medium, 1 low; 1 more allowlisted.", AccessSummary.headline(AccessReports.full()));
        assertTrue(new AccessHtmlRenderer().render(AccessReports.full()).contains(AccessSummary.headline(AccessReports.full())));
        assertEquals(List.of("markdown", "json", "html"), java.util.Arrays.stream(AccessFormat.values()).map(AccessFormat::label).toList());
    }
}
