package io.byokwatch.render.access;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access report page as a phone and a manager see it; the real-browser check is AccessReportBrowserTest. */
class AccessHtmlGlanceableTest {
    private final String html = new AccessHtmlRenderer().render(AccessReports.full());

    @Test
    void everyAnomaly_hasANextStep_inTheTableAndItsSection() {
        assertTrue(html.contains("<th>next step</th>"));
        assertTrue(html.contains("<p class=\"action\"><strong>Next:</strong> Confirm with alex_*admin* why they unwrapped"), html);
    }

    @Test
    void silentKey_showsWhoShouldHaveCalled_andTheRefusedAttempts_notAnAnonymousCaller() {
        assertTrue(html.contains("<th>expected callers</th><td>des-archive (object 6b1f0e2a"), html);
        assertTrue(html.contains("<th>failed KeyUnwrap</th><td>12 x 401, 3 x 404</td>"), html);
        assertFalse(html.contains("caller</th><td>anonymous"), html);
    }

    @Test
    void theKql_isCollapsed() {
        assertTrue(html.contains("<details><summary>Raw audit rows: the KQL query for Log Analytics</summary><pre>"));
        assertFalse(Pattern.compile("</table>\\s*<pre>").matcher(html).find());
    }

    @Test
    void chartsScale_haveAxisLabels_andTheTableBecomesCards() {
        assertFalse(Pattern.compile("<svg[^>]* width=\"").matcher(html).find(), "no fixed 640 px chart");
        assertTrue(html.contains(">events per hour</text>"));
        assertTrue(html.contains(">hour (UTC); ticks at midnight</text>"));
        assertTrue(html.contains("table.cards td::before{content:attr(data-label)"));
        assertTrue(html.contains("<td data-label=\"caller\">"));
    }
}
