package io.byokwatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The README's main command tells the whole story, step by step, with the alerts and the report it promises. */
class DemoCommandTest {

    @Test
    void demo_showsScanAlertsFanOutResolutionAndAccessReport(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[]{"demo", "--dir", dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        for (int step = 1; step <= 7; step++) {
            assertTrue(text.contains("[" + step + "/7]"), "step " + step);
        }
        String shipped = between(text, "[2/7]", "[3/7]");
        assertEquals(1, count(shipped, "== OPENED"), shipped);
        assertTrue(shipped.contains("aks-checkout-hotfix") && shipped.contains("maria.lopez@contoso.example"), shipped);
        String pvc = between(text, "[3/7]", "[4/7]");
        assertEquals(1, count(pvc, "== OPENED"), pvc);
        assertTrue(pvc.contains("aks-ehr") && pvc.contains("pv-disk-platform-key") && pvc.contains("ehr/data-ehr-postgres-0"), pvc);
        String vault = between(text, "[4/7]", "[5/7]");
        assertEquals(3, count(vault, "== OPENED"), "one vault event, three clusters");
        assertTrue(vault.contains("vault-no-purge-protection"));
        String fixed = between(text, "[5/7]", "[6/7]");
        assertEquals(1, count(fixed, "== RESOLVED"), fixed);
        String report = between(text, "[6/7]", "[7/7]");
        assertTrue(report.contains("unexpected-caller") && report.contains("alex.ruiz@contoso.example"), report);
        assertTrue(Files.size(dir.resolve("access-report.html")) > 1000);
        String kpi = text.substring(text.indexOf("[7/7]"));
        assertTrue(kpi.contains("| 20.0% | 4 h 51 min |"), kpi);
        String[] lines = text.strip().split("\n");
        assertEquals("KPI dashboard (self-contained; serve shows it at /): " + dir.resolve("kpi.html").toAbsolutePath(),
                lines[lines.length - 1], "the demo ends with the page's path");
        assertTrue(Files.size(dir.resolve("kpi.html")) > 5000);
        assertFalse(text.contains("\tat "), "no stack traces");
    }

    private static String between(String text, String from, String to) {
        return text.substring(text.indexOf(from), text.indexOf(to));
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
