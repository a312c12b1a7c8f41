package io.byokwatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI snippets in examples/ci run byokwatch plan as written: each command line in them, with the pipeline's
 * variables pointed at the modules fixture, is run through the real command and gives the documented exit code.
 */
class CiExamplesTest {
    private static final String FIXTURE = "src/test/resources/plan/terraform/modules";

    @Test
    void everyByokwatchCommandInTheSnippets_runsAsWritten(@TempDir Path dir) throws IOException {
        List<List<String>> commands = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("examples/ci"))) {
            for (Path file : files.sorted().toList()) {
                commands.addAll(commands(Files.readAllLines(file), dir));
            }
        }
        assertEquals(4, commands.size(), commands::toString);
        for (List<String> argv : commands) {
            ScanCommandTest.Result r = ScanCommandTest.run(argv.toArray(String[]::new));
            boolean gate = argv.contains("high");
            assertEquals(gate ? 1 : 0, r.code(), argv + "\n" + r.err());
            assertFalse(r.err().contains("Unknown option"), r.err());
        }
        assertTrue(Files.readString(dir.resolve("byokwatch.sarif")).contains("\"startLine\""));
    }

    /** The lines after "byokwatch plan" up to the end of the shell command, continuation lines joined. */
    private static List<List<String>> commands(List<String> lines, Path out) {
        List<List<String>> commands = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            int at = line.indexOf("byokwatch plan --");
            if (line.startsWith("#") || at < 0) {
                continue;
            }
            StringBuilder command = new StringBuilder(line.substring(at + "byokwatch ".length()));
            while (command.toString().endsWith("\\")) {
                command.setLength(command.length() - 1);
                command.append(' ').append(lines.get(++i).trim());
            }
            String text = command.toString()
                    .replace("$TF_DIR/plan.json", FIXTURE + "/plan.json").replace("$(TF_DIR)/plan.json", FIXTURE + "/plan.json")
                    .replace("\"$TF_DIR\"", FIXTURE).replace("\"$(TF_DIR)\"", FIXTURE)
                    .replace("$(Build.ArtifactStagingDirectory)/CodeAnalysisLogs/", out + "/");
            List<String> argv = new ArrayList<>();
            for (String token : text.split("\\s+")) {
                String t = token.replace("\"", "");
                argv.add(t.equals("byokwatch.sarif") || t.equals("byokwatch.md") ? out.resolve(t).toString() : t);
            }
            argv.add("--now");
            argv.add("2026-12-01T00:00:00Z");
            commands.add(argv);
        }
        return commands;
    }
}
