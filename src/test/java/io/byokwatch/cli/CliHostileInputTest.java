package io.byokwatch.cli;

import com.google.gson.JsonParser;
import io.byokwatch.testsupport.HostileEvents;
import io.byokwatch.testsupport.Reliability;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI's own inputs, hostile: inventory files, recorded events, policy files and arguments. Every run ends with
 * an exit code and one-line reasons on stderr; nothing escapes {@link Main#run} (which would print a stack trace),
 * nothing takes more than a few seconds, and a broken file never hides the good ones beside it.
 */
@Tag("reliability")
class CliHostileInputTest {
    private static final Path INVENTORY = Path.of("src/test/resources/hostile/inventory");
    private static final Path POLICY = Path.of("src/test/resources/hostile/policy");
    private static final String NOW = "2026-12-01T00:00:00Z";
    private static final List<String[]> RECORDS = new ArrayList<>();

    @TempDir
    Path temp;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Main.run(argv,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                () -> "did not finish in 20 s: " + String.join(" ", argv));
        Run r = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertTrue(r.exit() >= 0 && r.exit() <= 2, () -> "exit " + r.exit() + " for " + String.join(" ", argv));
        assertTrue(!r.err().contains("\tat ") && !r.err().matches("(?s).*\\bat [a-z]+\\.[\\w.$]+\\(.*"),
                () -> "stack trace for " + String.join(" ", argv) + ":\n" + r.err());
        // Main's last-resort catch keeps a bug from printing a trace; a hostile input reaching it is still a bug
        assertTrue(!r.err().contains("internal error"), () -> "internal error for " + String.join(" ", argv) + ":\n" + r.err());
        r.err().lines().forEach(line -> assertTrue(line.length() < 2_000,
                () -> line.length() + "-char line on stderr for " + String.join(" ", argv)));
        return r;
    }

    static List<String[]> manifest(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("MANIFEST.tsv")).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t")).toList();
    }

    @Test
    void eachHostileInventoryFile_isReportedByPath_andNothingCrashes() throws IOException {
        Reliability.Tally tally = new Reliability.Tally();
        for (String[] c : manifest(INVENTORY)) {
            Run r = run("scan", "--inventory", INVENTORY.resolve(c[0]).toString(), "--format", "json", "--fail-on", "none", "--now", NOW);
            tally.add(r.err().contains(c[0]) ? "reported with its path, exit " + r.exit() : "read, exit " + r.exit());
        }
        RECORDS.add(new String[] {"Hostile input: CLI files", "scan --inventory <one hostile file>", String.valueOf(tally.total()),
                tally + "; 0 crashes, none over 20 s", "n/a"});
    }

    @Test
    void hostileFilesBesideARealEstate_hideNoneOfItsClusters() throws IOException {
        Path estate = temp.resolve("estate");
        copy(Path.of("examples/estate"), estate);
        Run clean = run("scan", "--inventory", estate.toString(), "--format", "json", "--fail-on", "none", "--now", NOW);
        copy(INVENTORY, estate.resolve("hostile"));
        Run mixed = run("scan", "--inventory", estate.toString(), "--format", "json", "--fail-on", "none", "--now", NOW);
        List<String> cleanIds = clusterIds(clean.out());
        List<String> mixedIds = clusterIds(mixed.out());
        assertTrue(mixedIds.containsAll(cleanIds), "clusters lost when hostile files sit beside the estate");
        RECORDS.add(new String[] {"Hostile input: CLI files", "scan of the example estate with every hostile file beside it", "1",
                "all " + cleanIds.size() + " estate clusters still evaluated (" + mixedIds.size() + " in all), "
                        + mixed.err().lines().filter(l -> l.startsWith("warning:")).count() + " warnings naming file and place",
                "no cluster hidden"});
    }

    @Test
    void eachHostileEventFile_isReplayed_orRefusedWithItsName() {
        Reliability.Tally tally = new Reliability.Tally();
        for (HostileEvents.Case c : HostileEvents.files()) {
            Run r = run("replay", "--inventory", "examples/estate", "--state", temp.resolve("state").toString(),
                    "--now", NOW, "--events", HostileEvents.DIR.resolve(c.name()).toString());
            if (c.refusedWhole()) {
                assertEquals(2, r.exit(), c.toString());
                assertTrue(r.err().contains(c.name()), () -> c + ": " + r.err());
            }
            tally.add("exit " + r.exit());
        }
        RECORDS.add(new String[] {"Hostile input: CLI files", "replay --events <one hostile file>", String.valueOf(tally.total()),
                tally + " (2: the file named with the reason); 0 crashes", "n/a"});
    }

    @Test
    void eachHostilePolicyFile_isRefused_withTheFileAndTheReason() throws IOException {
        List<String> accepted = new ArrayList<>();
        int n = 0;
        for (String[] c : manifest(POLICY)) {
            n++;
            Run r = run("scan", "--inventory", "examples/estate", "--policy", POLICY.resolve(c[0]).toString(), "--now", NOW);
            if (r.exit() != 2 || !r.err().contains(c[0])) {
                accepted.add(c[0] + " (" + c[1] + "): exit " + r.exit() + " " + r.err().lines().findFirst().orElse(""));
            }
        }
        assertTrue(accepted.isEmpty(), "policy files not refused:\n" + String.join("\n", accepted));
        RECORDS.add(new String[] {"Hostile input: policy file", "scan --policy <one hostile file>", String.valueOf(n),
                n + "× exit 2 naming the file and every problem; 0 crashes", "no weakened policy accepted"});
    }

    @Test
    void hostileArguments_endInExitTwoWithAReason() {
        List<String[]> argvs = List.of(
                new String[] {"frobnicate"}, new String[] {"scan"}, new String[] {"scan", "--inventory"},
                new String[] {"scan", "--inventory", "examples/estate", "--format", "xml"},
                new String[] {"scan", "--inventory", "examples/estate", "--now", "yesterday"},
                new String[] {"scan", "--inventory", "examples/estate", "--now", "2026-12-01T00:00:00"},
                new String[] {"scan", "--inventory", "/no/such/path"},
                new String[] {"scan", "--inventory", "examples/estate", "--output", "/dev/null/not/a/dir/report.json"},
                new String[] {"scan", "--inventory", "examples/estate", "--policy", "/no/such/policy.json"},
                new String[] {"scan", "--inventory", "examples/estate", "--inventory", "x"},
                new String[] {"scan", "positional"}, new String[] {"scan", "--inventory=examples/estate", "--fail-on=sometimes"},
                new String[] {"replay", "--inventory", "examples/estate"},
                new String[] {"replay", "--inventory", "examples/estate", "--events", "/no/such/events.json"},
                new String[] {"replay", "--inventory", "examples/estate", "--state", "/dev/null/state", "--events",
                        "examples/events/01-cluster-shipped-without-byok.json"},
                new String[] {"replay", "--inventory", "examples/estate", "--events", "examples/events", "--notify", "https://127.0.0.1:9/hook"},
                new String[] {"blast-radius", "--inventory", "examples/estate", "--key", "not a url"},
                new String[] {"blast-radius", "--inventory", "examples/estate", "--vault", "kv-without-id"},
                new String[] {"blast-radius", "--inventory", "examples/estate"},
                new String[] {"serve", "--inventory", "examples/estate", "--port", "99999"},
                new String[] {"serve", "--inventory", "examples/estate", "--port", "-1"},
                new String[] {"serve", "--inventory", "examples/estate", "--port", "http"},
                new String[] {"serve", "--inventory", "examples/estate", "--bind", "::zz", "--port", "0"},
                new String[] {"serve", "--inventory", "examples/estate", "--bind", "203.0.113.7", "--port", "0"},
                new String[] {"serve", "--inventory", "examples/estate", "--live"},
                new String[] {"serve", "--inventory", "examples/estate", "--state", "/dev/null/state", "--port", "0"},
                new String[] {"serve", "--inventory", "examples/estate", "--policy", POLICY.resolve("duplicate-key.json").toString()},
                new String[] {"rules", "--format", "yaml"});
        Reliability.Tally tally = new Reliability.Tally();
        List<String> wrong = new ArrayList<>();
        for (String[] argv : argvs) {
            Run r = run(argv);
            tally.add("exit " + r.exit());
            if (r.exit() != 2 || !r.err().startsWith("byokwatch: ")) {
                wrong.add(String.join(" ", argv) + ": exit " + r.exit() + " " + r.err());
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        RECORDS.add(new String[] {"Hostile input: CLI arguments", "Unknown commands and flags, bad values, unusable paths and ports",
                String.valueOf(tally.total()), tally + ", each with one 'byokwatch: ' line; 0 stack traces", "n/a"});
    }

    private static List<String> clusterIds(String json) {
        List<String> ids = new ArrayList<>();
        JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("clusters")
                .forEach(c -> ids.add(c.getAsJsonObject().get("id").getAsString().toLowerCase(java.util.Locale.ROOT)));
        return ids;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @AfterAll
    static void record() {
        RECORDS.forEach(r -> Reliability.record(r[0], r[1], Integer.parseInt(r[2]), r[3], r[4]));
    }
}
