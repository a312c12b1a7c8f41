package io.byokwatch.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Text from outside shows in Markdown as written: no strikethrough, entity, emphasis or link made from it. */
class MarkdownTextTest {
    @Test
    void strikethrough_entities_andEmphasis_areEscaped() {
        assertEquals("\\~\\~approved\\~\\~ by sec\\_team \\&lt;b\\&gt;", MarkdownText.text("~~approved~~ by sec_team &lt;b&gt;"));
    }

    @Test
    void bareUrls_andWwwNames_doNotBecomeLinks() {
        String md = MarkdownText.text("see https://evil.example/phish or www.evil.example or HTTP://X.example");
        assertFalse(md.contains("https://") || md.contains("www.") || md.contains("HTTP://"), md);
        assertTrue(md.contains("https\\://evil.example/phish") && md.contains("www\\.evil.example"), md);
    }

    @Test
    void byokwatchsOwnReferenceUrls_areExplicitLinks() {
        assertEquals("<https://learn.microsoft.com/azure/aks/azure-disk-customer-managed-keys>",
                MarkdownText.url("https://learn.microsoft.com/azure/aks/azure-disk-customer-managed-keys"));
        assertEquals("javascript:alert(1)", MarkdownText.url("javascript:alert(1)"), "not a link: GitHub links no such scheme");
    }
}
