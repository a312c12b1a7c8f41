package io.byokwatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Where scan output goes and how it looks there: stdout or a file, colours for terminals only, quiet for CI logs. */
class ScanOutputTest {
    private static final String[] SCAN = {"scan", "--inventory", "examples/estate", "--policy", "examples/policy.json",
            "--now", "2026-12-01T00:00:00Z", "--fail-on", "none", "--unknown", "pass"};
    private static final String ESC = "\u001b[";

    private static MainTest.Result run(Terminal terminal, Map<String, String> env, String... extra) {
        String[] argv = new String[SCAN.length + extra.length];
        System.arraycopy(SCAN, 0, argv, 0, SCAN.length);
        System.arraycopy(extra, 0, argv, SCAN.length, extra.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(argv, new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, LiveSource.ARM, terminal));
        return new MainTest.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void outputDash_isStdout_andNoFileNamedDashAppears(@TempDir Path dir) throws Exception {
        Path dash = Path.of("-");
        assertFalse(Files.exists(dash));
        MainTest.Result r = run(Terminal.NONE, Map.of(), "--format", "json", "--output", "-");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("{"), r.out());
        assertFalse(Files.exists(dash), "no file named '-'");
        assertFalse(r.err().contains("wrote"), r.err());
    }

    @Test
    void colours_onlyOnATerminal_unlessNoColorOrAskedOtherwise(@TempDir Path dir) throws Exception {
        Terminal tty = new Terminal(true, true);
        MainTest.Result coloured = run(tty, Map.of());
        assertTrue(coloured.out().contains(ESC + "1;97;41m[CRITICAL]" + ESC + "0m"), coloured.out());
        assertTrue(coloured.out().contains(ESC + "1;31mNONCOMPLIANT" + ESC + "0m"), coloured.out());
        MainTest.Result plain = run(Terminal.NONE, Map.of());
        assertFalse(plain.out().contains(ESC));
        assertEquals(plain.out(), coloured.out().replaceAll("\u001b\\[[0-9;]*m", ""), "colour changes nothing else");
        assertFalse(run(tty, Map.of("NO_COLOR", "1")).out().contains(ESC), "NO_COLOR");
        assertTrue(run(tty, Map.of("NO_COLOR", "")).out().contains(ESC), "an empty NO_COLOR does not count");
        assertFalse(run(tty, Map.of(), "--color", "never").out().contains(ESC));
        assertTrue(run(Terminal.NONE, Map.of(), "--color", "always").out().contains(ESC));
        assertFalse(run(tty, Map.of(), "--format", "json").out().contains(ESC), "only the table has colours");
        Path file = dir.resolve("table.txt");
        run(tty, Map.of(), "--output", file.toString());
        assertFalse(Files.readString(file).contains(ESC), "a file is no terminal");
    }

    @Test
    void quiet_listsOnlyWhatNeedsAction_andKeepsStderrToWarningsAndReasons(@TempDir Path dir) throws Exception {
        MainTest.Result full = run(Terminal.NONE, Map.of(), "--format", "table");
        MainTest.Result quiet = run(new Terminal(true, true), Map.of(), "--quiet", "--color", "never");
        assertTrue(full.out().contains("COMPLIANT     aks-pay-prod"), full.out());
        assertFalse(quiet.out().contains("COMPLIANT     aks-pay-prod"), quiet.out());
        assertTrue(quiet.out().contains("(5 clusters compliant, exempt or not required: not listed with --quiet)"), quiet.out());
        assertFalse(quiet.out().contains("aks-legacy-exempt"), quiet.out());
        assertTrue(quiet.out().contains("NONCOMPLIANT  aks-archive"), quiet.out());
        assertFalse(quiet.out().contains("note: "), quiet.out());
        assertEquals("", quiet.err(), "no progress, notes or 'wrote' lines");
        Path file = dir.resolve("r.json");
        MainTest.Result json = MainTest.run("scan", "--inventory", "examples/estate", "--policy", "examples/policy.json",
                "--now", "2026-12-01T00:00:00Z", "--unknown", "pass", "--format", "json", "--output", file.toString(), "-q");
        assertEquals(1, json.code(), json.err());
        assertEquals(List.of("byokwatch: failing: 13 findings at or above high (worst critical)"), json.err().lines().toList());
    }
}
