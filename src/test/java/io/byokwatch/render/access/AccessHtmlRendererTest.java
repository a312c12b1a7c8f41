package io.byokwatch.render.access;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

public class AccessHtmlRendererTest {
    private final AccessHtmlRenderer renderer = new AccessHtmlRenderer();

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void thePageIsSelfContained_forAnEmailAttachment() {
        String html = renderer.render(AccessReports.full());
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<style>"));
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("<link"), "no stylesheets to fetch");
        Matcher external = Pattern.compile("(src|href)=\"(?!#)").matcher(html);
        assertFalse(external.find(), "only in-page links");
        assertTrue(html.endsWith("</body></html>\n"));
    }

    @Test
    void eachAnomaly_hasAChartOfItsHoursAgainstTheBaselineBand() {
        String html = renderer.render(AccessReports.full());
        assertEquals(3, count(html, "<svg "), "one chart per anomaly, none for allowlisted ones");
        assertEquals(3, count(html, "<polygon "));
        assertEquals(3 * 24 + 3, count(html, "<rect "), "24 hourly bars and the plot frame per chart");
        assertTrue(html.contains("11-30 23:00 UTC: 8 (normal 0-0.5)"), "each bar says its hour and the normal range");
    }

    @Test
    void textFromTheLogs_isEscaped() {
        String html = renderer.render(AccessReports.full());
        assertTrue(html.contains("User &lt;alex&gt; unwrapped"), html);
        assertFalse(html.contains("<alex>"));
    }

    @Test
    void aQuietNight_saysSo_andDrawsNothing() {
        String html = renderer.render(AccessReports.quiet());
        assertTrue(html.contains("class=\"headline quiet\">Nothing unusual"), html);
        assertEquals(0, count(html, "<svg "));
    }

    @Test
    void axisMaxima_areRoundNumbers() {
        assertEquals(10, AccessHtmlRenderer.niceCeiling(8.8));
        assertEquals(200, AccessHtmlRenderer.niceCeiling(101));
        assertEquals(5000, AccessHtmlRenderer.niceCeiling(4400));
        assertEquals(1, AccessHtmlRenderer.niceCeiling(1));
    }
}
