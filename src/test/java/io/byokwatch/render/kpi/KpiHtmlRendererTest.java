package io.byokwatch.render.kpi;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page's structure; how it looks and what it fetches is proven in a real browser (KpiDashboardBrowserTest). */
class KpiHtmlRendererTest {
    private final String page = KpiHtmlRenderer.render(KpiReports.busy());

    @Test
    void itFetchesNothing_noScriptNoLinkNoImage_andItsPolicySaysSo() {
        assertTrue(page.contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\""));
        for (String tag : new String[]{"<script", "<link", "<img", "<iframe", "url(", "@import"}) {
            assertFalse(page.toLowerCase().contains(tag), tag);
        }
        assertFalse(Pattern.compile("(src|href)=\"https?:").matcher(page).find());
    }

    @Test
    void namesFromAzure_areText_neverMarkup() {
        assertTrue(page.contains("aks-&lt;b onmouseover=x&gt;|y"));
        assertTrue(page.contains("a note with &lt;b&gt;markup&lt;/b&gt;"));
    }

    @Test
    void theFourHeadlineNumbers_areTiles() {
        assertTrue(page.contains("id=\"kpi-compliant\""));
        assertTrue(page.contains("<span class=\"value\">83.3%</span>"));
        assertTrue(page.contains("<span class=\"value\">1 d 6 h</span>"), "MTTR 30 h");
        assertTrue(page.contains("<span class=\"value\">100.0%</span>"));
        assertTrue(page.contains("<span class=\"value\">$6.63</span>"));
        assertTrue(page.contains("<span class=\"estimate\">estimate</span>"));
    }

    @Test
    void everyChart_hasATitleADescriptionAxisLabelsAndATextEquivalent() {
        Matcher svg = Pattern.compile("<svg[^>]*id=\"(chart-[a-z]+)\"[^>]*>(.*?)</svg>\\s*<figcaption>([^<]+)</figcaption>",
                Pattern.DOTALL).matcher(page);
        int charts = 0;
        while (svg.find()) {
            charts++;
            String body = svg.group(2);
            assertTrue(body.contains("<title id=\"" + svg.group(1) + "-t\">"), svg.group(1));
            assertTrue(body.contains("<desc id=\"" + svg.group(1) + "-d\">"), svg.group(1));
            assertFalse(svg.group(3).isBlank());
        }
        assertEquals(5, charts, "compliance, open findings, MTTR, rotation, cost");
        assertTrue(page.contains(">% compliant</text>"));
        assertTrue(page.contains(">Day (UTC, month-day)</text>"));
        assertTrue(page.contains(">Days since the newest version</text>"));
        assertTrue(page.contains(">Open findings</text>"));
    }

    @Test
    void chartsScaleToTheirBox_andTablesCanTurnIntoCards() {
        assertFalse(Pattern.compile("<svg[^>]* width=\"").matcher(page).find(), "no fixed pixel width on any chart");
        assertTrue(page.contains("figure svg{display:block;width:100%;max-width:640px;height:auto;margin:0 auto}"));
        assertTrue(page.contains("table.cards td::before{content:attr(data-label)"));
        assertFalse(Pattern.compile("<table class=\"cards\"[^>]*>.*?<td(?![^>]*data-label)[^>]*>", Pattern.DOTALL)
                .matcher(page).find(), "every card cell carries its column's label");
    }

    @Test
    void anEmptyReport_saysWhatIsMissing_insteadOfEmptyCharts() {
        String empty = KpiHtmlRenderer.render(KpiReports.empty());

        assertTrue(empty.contains("No key in use was found"));
        assertTrue(empty.contains("Nothing to price"));
        assertTrue(empty.contains("n/a"));
    }
}
