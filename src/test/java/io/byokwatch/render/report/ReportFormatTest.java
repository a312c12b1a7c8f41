package io.byokwatch.render.report;

import io.byokwatch.rules.RuleCatalog;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

public class ReportFormatTest {

    @Test
    void parsesFlagValuesCaseInsensitively() {
        assertEquals(ReportFormat.SARIF, ReportFormat.parse(" SARIF "));
        assertEquals(ReportFormat.MARKDOWN, ReportFormat.parse("markdown"));
    }

    @Test
    void rejectsAnUnknownFormatNamingTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportFormat.parse("html"));
        assertEquals("'html' is not a format; use one of table, json, sarif, markdown", e.getMessage());
    }

    @Test
    void eachFormatHasItsRenderer() {
        RuleCatalog catalog = RuleCatalog.standard();
        assertInstanceOf(TableRenderer.class, ReportFormat.TABLE.renderer(catalog));
        assertInstanceOf(JsonReportRenderer.class, ReportFormat.JSON.renderer(catalog));
        assertInstanceOf(SarifRenderer.class, ReportFormat.SARIF.renderer(catalog));
        assertInstanceOf(MarkdownRenderer.class, ReportFormat.MARKDOWN.renderer(catalog));
    }
}
