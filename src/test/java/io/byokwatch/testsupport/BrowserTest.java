package io.byokwatch.testsupport;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The browser checks the page tests rely on can fail: a fetch from the network and a page wider than the screen. */
class BrowserTest {
    @Test
    void aPageThatFetchesFromTheNetwork_isCaught_andSoIsOneThatScrollsSideways() {
        try (Browser b = Browser.phone(390)) {
            b.open("leaky.html", "<!DOCTYPE html><html><head><meta name=\"viewport\" content=\"width=device-width\"></head>"
                    + "<body><img src=\"http://192.0.2.1/pixel.png\" alt=\"\"><div style=\"width:900px\">wide</div></body></html>");

            List<String> leaving = b.requestsLeavingTheMachine();
            assertEquals(List.of("http://192.0.2.1/pixel.png"), leaving);
            assertTrue(b.horizontalOverflow() > 400, "a 900 px block on a 390 px screen");
        }
    }
}
