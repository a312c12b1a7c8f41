package io.byokwatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line of byokwatch kpi: its mistakes are usage errors (exit 2) that say how to fix them. */
class KpiCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aStateFolderThatDoesNotExist_isNamed_withWhereToPointInstead() {
        Run r = run("kpi", "--state", dir.resolve("nope").toString());

        assertEquals(2, r.code());
        assertTrue(r.err().contains("no state folder at " + dir.resolve("nope")), r.err());
    }

    @Test
    void aBadGrouping_aBadDate_andAWindowBackwards_areUsageErrors() {
        assertTrue(run("kpi", "--state", dir.toString(), "--by", "owner").err().contains("use subscription or tag:NAME"));
        assertTrue(run("kpi", "--state", dir.toString(), "--from", "yesterday").err().contains("not an ISO-8601 time"));
        Run backwards = run("kpi", "--state", dir.toString(), "--from", "2026-12-01", "--to", "2026-11-01");
        assertEquals(2, backwards.code());
        assertTrue(backwards.err().contains("--from must be before --to"), backwards.err());
        assertEquals(2, run("kpi", "--state", dir.toString(), "--inventory", "x", "--live").code());
    }

    @Test
    void aPriceTableWithATypo_isRefusedNamingTheField_neverPricedAtZero() throws Exception {
        Path prices = dir.resolve("prices.json");
        Files.writeString(prices, "{\"asOf\": \"2026-11-01\", \"source\": \"s\", \"currency\": \"EUR\", \"operationsPer10k\":"
                + " {\"standard\": 0.03, \"advanced\": 0.15, \"hsm\": 0.03, \"hsmAdvance\": 0.15}, \"hsmKeyPerMonth\":"
                + " {\"rsa2048\": 1, \"advanced\": 5}, \"scheduledRotation\": -1}");

        Run r = run("kpi", "--state", dir.toString(), "--prices", prices.toString());

        assertEquals(2, r.code());
        assertTrue(r.err().contains("operationsPer10k.hsmAdvance: unknown price"), r.err());
        assertTrue(r.err().contains("operationsPer10k.hsmAdvanced: missing"), r.err());
        assertTrue(r.err().contains("scheduledRotation: expected an amount of at least 0"), r.err());
    }

    @Test
    void anEmptyStateFolder_givesAReportThatSaysHistoryStartsWithTheFirstEvaluation() throws Exception {
        Run r = run("kpi", "--state", dir.toString(), "--format", "json", "--now", "2026-12-01T00:00:00Z");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("{"));
        assertTrue(r.err().contains("note: The transition history holds nothing"), r.err());
        assertFalse(r.out().contains("null"));
    }

    @Test
    void theHtmlPage_goesToTheOutputFile() {
        Path page = dir.resolve("out/kpi.html");
        Run r = run("kpi", "--state", dir.toString(), "--format", "html", "--output", page.toString());

        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(page));
        assertTrue(r.err().contains("wrote " + page));
    }
}
