package io.byokwatch.render.kpi;

import io.byokwatch.testsupport.Browser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The KPI dashboard in headless Chromium at a desktop width and at a phone's: the four numbers are on screen, nothing
 * scrolls sideways, charts fit the width, tables turn into cards on the phone, and the page asks the network for
 * nothing but itself. Screenshots go to target/browser for a person to look at.
 */
class KpiDashboardBrowserTest {
    private static final String PAGE = KpiHtmlRenderer.render(KpiReports.busy());

    private static Browser browser(int width) {
        return width < 600 ? Browser.phone(width) : Browser.desktop(width);
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {1280, 390})
    void theFourNumbers_areOnScreen_andNothingScrollsSideways(int width) throws Exception {
        try (Browser b = browser(width)) {
            String url = b.open("kpi.html", PAGE);

            assertEquals("83.3%", value(b, "kpi-compliant"));
            assertEquals("1 d 6 h", value(b, "kpi-mttr"));
            assertEquals("100.0%", value(b, "kpi-rotation"));
            assertEquals("$6.63", value(b, "kpi-cost"));
            assertEquals(0, b.horizontalOverflow(), "the page is wider than the screen");
            for (WebElement svg : b.driver().findElements(By.cssSelector("figure svg"))) {
                Number right = (Number) b.script("return arguments[0].getBoundingClientRect().right;", svg);
                assertTrue(right.doubleValue() <= width + 0.5, svg.getAttribute("id") + " ends at " + right);
                assertTrue(svg.getSize().getHeight() > 50, svg.getAttribute("id") + " is too small to read");
            }
            assertTrue(b.requests().contains(url), "the network log saw the page itself: " + b.requests());
            assertEquals(List.of(), b.requestsLeavingTheMachine(), "the page fetched from the network");
            assertTrue(b.console().stream().noneMatch(m -> m.contains("Refused")), b.console().toString());
            assertTrue(Files.size(b.screenshot("kpi-dashboard")) > 10_000);
        }
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {1280, 390})
    void tables_areTablesOnADesk_andCardsOnAPhone(int width) {
        try (Browser b = browser(width)) {
            b.open("kpi.html", PAGE);

            String headers = (String) b.script("return getComputedStyle(document.querySelector('#table-keys thead')).display;");
            assertEquals(width < 600 ? "none" : "table-header-group", headers);
            WebElement cell = b.driver().findElement(By.cssSelector("#table-keys td[data-label='Days since newest']"));
            assertTrue(cell.isDisplayed());
            if (width < 600) {
                String label = (String) b.script("return getComputedStyle(arguments[0], '::before').content;", cell);
                assertEquals("\"Days since newest\"", label, "each card cell names its column");
            }
        }
    }

    private static String value(Browser b, String tile) {
        WebElement v = b.driver().findElement(By.cssSelector("#" + tile + " .value"));
        assertTrue(v.isDisplayed(), tile + " is not visible");
        Number right = (Number) b.script("return arguments[0].getBoundingClientRect().right;", v);
        Number viewport = (Number) b.script("return document.documentElement.clientWidth;");
        assertTrue(right.doubleValue() <= viewport.doubleValue(), tile + " runs off the screen");
        return v.getText();
    }
}
