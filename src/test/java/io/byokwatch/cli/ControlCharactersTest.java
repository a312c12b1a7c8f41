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

/**
 * An event whose id and caller name carry a newline and terminal escape sequences: what reaches the terminal and the
 * log shows them written out, so no line can be forged and the terminal cannot be rewritten; the JSON alert keeps the
 * name exactly, escaped by JSON itself.
 */
class ControlCharactersTest {
    private static final String FORGED = "byokwatch: all clusters compliant";

    @TempDir
    Path tmp;

    private ScanCommandTest.Result replay(Path events, String notify) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"replay", "--inventory", "examples/estate", "--events", events.toString(), "--state",
                tmp.resolve("state-" + notify).toString(), "--notify", notify, "--now", "2026-12-01T00:00:00Z"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new ScanCommandTest.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void hostileCallerNamesAndEventIds_neitherForgeLinesNorReachTheTerminalRaw() throws Exception {
        String event = Files.readString(Path.of("examples/events/01-cluster-shipped-without-byok.json"))
                .replace("\"maria.lopez@contoso.example\"", "\"Eve\\u001b[2J\\u001b]0;pwned\\u0007\\n" + FORGED + "\"")
                .replace("\"8c0e4d2a-5b7f-4c1e-9a3d-6f2b8e0c4a11\"", "\"evt\\r\\n" + FORGED + "\\u202e\"");
        Path events = Files.writeString(tmp.resolve("hostile.json"), event);

        ScanCommandTest.Result text = replay(events, "stdout");
        assertEquals(0, text.code(), text.err());
        String all = text.out() + text.err();
        assertTrue(all.contains("Eve\\x1b[2J"), "the name is shown, neutralised:\n" + all);
        for (String line : all.split("\n", -1)) {
            assertFalse(line.startsWith(FORGED), "a forged line: " + line);
            assertFalse(line.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x202e), "a control character in: " + line);
        }

        ScanCommandTest.Result json = replay(events, "json");
        assertTrue(json.out().contains("Eve\\u001b[2J"), "JSON keeps the exact name, escaped by JSON:\n" + json.out());
    }
}
