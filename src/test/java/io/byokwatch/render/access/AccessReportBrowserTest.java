package io.byokwatch.render.access;

import io.byokwatch.testsupport.Browser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The access report in headless Chromium, as a manager opens it on a desk and on a phone: the headline and each
 * anomaly's next step are on screen, the one bar that matters is not pushed off it, nothing scrolls sideways, the KQL
 * is folded away, and the page fetches nothing. Screenshots go to target/browser.
 */
class AccessReportBrowserTest {
    private static final String PAGE = new AccessHtmlRenderer().render(AccessReports.full());

    private static Browser browser(int width) {
        return width < 600 ? Browser.phone(width) : Browser.desktop(width);
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {1280, 390})
    void theHeadlineAndNextSteps_areOnScreen_andNothingScrollsSideways(int width) throws Exception {
        try (Browser b = browser(width)) {
            String url = b.open("access-report.html", PAGE);

            WebElement headline = b.driver().findElement(By.cssSelector(".headline"));
            assertTrue(headline.isDisplayed());
            assertTrue(headline.getText().startsWith("3 anomalies"), headline.getText());
            List<WebElement> actions = b.driver().findElements(By.cssSelector("p.action"));
            assertEquals(3, actions.size());
            assertTrue(actions.stream().allMatch(WebElement::isDisplayed));
            assertEquals(0, b.horizontalOverflow(), "the page is wider than the screen");
            for (WebElement svg : b.driver().findElements(By.cssSelector("svg.chart"))) {
                Number right = (Number) b.script("return arguments[0].getBoundingClientRect().right;", svg);
                assertTrue(right.doubleValue() <= width + 0.5, "a chart ends at " + right);
                Number lastBar = (Number) b.script("const r = arguments[0].querySelectorAll('rect[fill-opacity]');"
                        + " return r[r.length - 1].getBoundingClientRect().right;", svg);
                assertTrue(lastBar.doubleValue() <= width + 0.5, "the last hour's bar is off screen at " + lastBar);
            }
            assertTrue(b.requests().contains(url), "the network log saw the page itself: " + b.requests());
            assertEquals(List.of(), b.requestsLeavingTheMachine(), "the page fetched from the network");
            assertTrue(b.console().stream().noneMatch(m -> m.contains("Refused")), b.console().toString());
            assertTrue(Files.size(b.screenshot("access-report")) > 10_000);
        }
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {1280, 390})
    void theKqlIsFolded_andThePhoneKeepsEveryColumnOfTheAnomalyTable(int width) {
        try (Browser b = browser(width)) {
            b.open("access-report.html", PAGE);

            WebElement kql = b.driver().findElement(By.cssSelector(".anomaly details pre"));
            assertFalse(kql.isDisplayed(), "the KQL shows only when asked for");
            for (String column : List.of("caller", "events", "baseline", "next step")) {
                WebElement cell = b.driver().findElement(By.cssSelector("#anomalies td[data-label='" + column + "']"));
                assertTrue(cell.isDisplayed(), column + " is hidden at " + width + " px");
                Number right = (Number) b.script("return arguments[0].getBoundingClientRect().right;", cell);
                assertTrue(right.doubleValue() <= width + 0.5, column + " runs off the screen");
            }
        }
    }
}
