package io.byokwatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The command line itself: help for every command, the version, typo suggestions, exit codes, completion. */
class MainTest {
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> commandNames() {
        return new ArrayList<>(Main.commandLine(new CliContext(System.out, System.err, Map.of())).getSubcommands().keySet());
    }

    /** A usage error: exit 2, the reason on one line, then where help is; never a stack trace. */
    private static void assertUsageError(Result r, String command, String reason) {
        assertEquals(2, r.code(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("byokwatch: ") && lines.get(0).contains(reason), r.err());
        assertEquals("Run '" + command + " --help' for usage.", lines.get(1));
        assertEquals("", r.out());
    }

    @Test
    void everyCommand_hasItsOwnHelp_fromHelpAndH_andFromTheHelpCommand() {
        List<String> names = commandNames();
        assertTrue(names.containsAll(List.of("scan", "rules", "blast-radius", "replay", "serve", "demo", "access-report", "help",
                "completion")), names.toString());
        for (String name : names) {
            Result help = run(name, "--help");
            assertEquals(0, help.code(), name + ": " + help.err());
            assertTrue(help.out().contains("Usage: byokwatch " + name), name + ":\n" + help.out());
            assertEquals("", help.err());
            assertEquals(help.out(), run(name, "-h").out(), name);
            help.out().lines().forEach(line -> assertTrue(line.length() <= 100, name + " help line over 100 columns: " + line));
            if (!name.equals("help")) {
                assertEquals(help.out(), run("help", name).out(), name);
            }
        }
        Result scan = run("scan", "--help");
        for (String section : List.of("Input:", "Output:", "Exit codes:", "--inventory PATH", "--fail-on SEVERITY",
                "table, json, sarif, markdown (default: table)", "none (default: high)")) {
            assertTrue(scan.out().contains(section), section + "\n" + scan.out());
        }
    }

    @Test
    void overview_listsEveryCommand_exitZeroWhenAsked_twoWhenNothingWasGiven() {
        Result asked = run("--help");
        assertEquals(0, asked.code());
        for (String name : commandNames()) {
            assertTrue(asked.out().contains("  " + name + " "), name);
        }
        assertEquals(asked.out(), run("help").out());
        Result nothing = run();
        assertEquals(2, nothing.code());
        assertEquals(asked.out(), nothing.out());
    }

    @Test
    void everyOption_appearsInItsCommandsSynopsis() {
        CommandLine root = Main.commandLine(new CliContext(System.out, System.err, Map.of()));
        List<String> missing = new ArrayList<>();
        for (CommandLine sub : root.getSubcommands().values()) {
            String usage = sub.getUsageMessage(CommandLine.Help.Ansi.OFF);
            String synopsis = usage.substring(0, usage.indexOf("\n\n"));
            for (OptionSpec o : sub.getCommandSpec().options()) {
                if (!o.usageHelp() && !o.versionHelp() && !synopsis.contains(o.longestName())) {
                    missing.add(sub.getCommandName() + " " + o.longestName());
                }
            }
        }
        assertTrue(missing.isEmpty(), "options missing from a synopsis: " + missing);
    }

    @Test
    void version_printsTheProjectVersion_fromAnyCommand() throws IOException {
        Matcher m = Pattern.compile("<artifactId>byokwatch</artifactId>\\s*<version>([^<]+)</version>").matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find());
        for (String[] argv : new String[][]{{"--version"}, {"-V"}, {"scan", "--version"}}) {
            Result r = run(argv);
            assertEquals(0, r.code());
            assertTrue(r.out().startsWith("byokwatch " + m.group(1) + "\n"), r.out());
            assertTrue(r.out().contains("alert schemaVersion 1"), r.out());
        }
    }

    @Test
    void typos_areUsageErrors_thatSuggestTheNearestName() {
        assertUsageError(run("scan", "--inventry", "examples/estate"), "byokwatch scan",
                "unknown flag --inventry for 'byokwatch scan'; did you mean --inventory?");
        assertUsageError(run("scan", "--inventory=examples/estate", "--fromat=json"), "byokwatch scan", "did you mean --format?");
        assertUsageError(run("replay", "--inventory", "examples/estate", "--event", "x.json"), "byokwatch replay",
                "did you mean --events?");
        assertUsageError(run("scna", "--inventory", "examples/estate"), "byokwatch", "unknown command 'scna'; did you mean 'scan'?");
        assertUsageError(run("blast-raidus"), "byokwatch", "did you mean 'blast-radius'?");
        assertUsageError(run("frobnicate"), "byokwatch", "unknown command 'frobnicate'");
    }

    @Test
    void usageMistakes_exitTwo_withOneLineAndTheHint() {
        assertUsageError(run("scan"), "byokwatch scan", "'scan' needs --inventory PATH (exported files, e.g. examples/estate) or --live");
        assertUsageError(run("scan", "--inventory"), "byokwatch scan", "--inventory needs a value");
        assertUsageError(run("scan", "--inventory", "examples/estate", "--inventory", "examples/estate"), "byokwatch scan",
                "--inventory given twice");
        assertUsageError(run("scan", "--inventory", "examples/estate", "extra"), "byokwatch scan", "unexpected argument 'extra'");
        assertUsageError(run("scan", "--inventory", "examples/estate", "--fail-on", "sometimes"), "byokwatch scan",
                "--fail-on must be one of critical, high, medium, low, none, not 'sometimes'");
        assertUsageError(run("help", "nosuch"), "byokwatch", "nosuch");
        // a webhook URL carries its secret: a stray one is never echoed
        Result url = run("replay", "--inventory", "examples/estate", "--notify", "json", "https://hooks.slack.com/services/T0/B0/s3cr3t");
        assertUsageError(url, "byokwatch replay", "unexpected argument '<a URL>'");
        assertFalse(url.err().contains("s3cr3t"));
    }

    @Test
    void exitCodes_stayAsDocumented() {
        String[] scan = {"scan", "--inventory", "examples/estate", "--policy", "examples/policy.json", "--now", "2026-12-01T00:00:00Z"};
        assertEquals(1, run(scan).code(), "findings at or above high");
        assertEquals(0, run(concat(scan, "--fail-on", "none")).code());
        assertEquals(0, run(concat(scan, "--fail-on=none")).code(), "--option=value is accepted too");
        Result unreadable = run("scan", "--inventory", "no/such/folder");
        assertEquals(2, unreadable.code());
        assertEquals(1, unreadable.err().lines().count(), "unreadable input is not a usage error: no help hint");
        assertEquals(0, run("rules").code());
    }

    @Test
    void atFiles_areTakenLiterally(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("args"), "--fail-on none\n");
        Result r = run("scan", "--inventory", "@" + dir.resolve("args"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("@" + dir.resolve("args")), r.err());
    }

    @Test
    void completionScript_completesCommandsOptionsAndValues_inBash(@TempDir Path dir) throws Exception {
        Result r = run("completion");
        assertEquals(0, r.code(), r.err());
        Path script = Files.writeString(dir.resolve("byokwatch.bash"), r.out());
        assertEquals("scan", complete(script, "byokwatch", "sc"));
        assertEquals("--inventory", complete(script, "byokwatch", "scan", "--inv"));
        assertEquals("table json sarif markdown", complete(script, "byokwatch", "scan", "--format", ""));
        assertEquals("blast-radius", complete(script, "./byokwatch", "bl"), "the launcher's path completes too");
    }

    @Test
    void theReadme_showsScanHelpAsItIs() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String marker = "$ ./byokwatch scan --help\n";
        int start = readme.indexOf(marker);
        assertTrue(start > 0, "the README shows scan --help");
        String shown = readme.substring(start + marker.length(), readme.indexOf("```", start));
        assertEquals(run("scan", "--help").out(), shown, "regenerate the README's scan --help block");
    }

    /** What bash offers for the last word, through the generated script as the shell would call it. */
    private static String complete(Path script, String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append('\'').append(w).append("' ");
        }
        String line = String.join(" ", words);
        String program = "source '" + script + "'; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; _complete_byokwatch 2>/dev/null; echo \"${COMPREPLY[*]}\"";
        Process p = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
