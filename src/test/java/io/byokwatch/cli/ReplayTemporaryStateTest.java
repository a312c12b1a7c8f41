package io.byokwatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code replay} without {@code --state} works in a folder of its own under the system temp directory and removes it
 * at exit; it keeps it, saying where, only while it holds alerts that were not delivered. Run as its own JVM with
 * {@code java.io.tmpdir} pointed at a folder of the test's, so no other process's folders can be mistaken for its.
 */
class ReplayTemporaryStateTest {
    @TempDir
    Path tmp;

    private Process replay(Path tmpdir, Map<String, String> env, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmpdir, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.byokwatch.cli.Main", "replay", "--inventory", "examples/estate", "--events",
                "examples/events/01-cluster-shipped-without-byok.json", "--now", "2026-12-01T00:00:00Z"));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static List<Path> states(Path tmpdir) throws Exception {
        try (Stream<Path> all = Files.list(tmpdir)) {
            return all.filter(p -> p.getFileName().toString().startsWith("byokwatch-state")).toList();
        }
    }

    @Test
    void aRunWithoutState_leavesNoFolderBehind() throws Exception {
        Path tmpdir = Files.createDirectory(tmp.resolve("system-temp"));
        Process p = replay(tmpdir, Map.of(), "--notify", "json");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("err.txt")));
        assertEquals(List.of(), states(tmpdir));
    }

    @Test
    void aRunWhoseAlertsCouldNotBeDelivered_keepsItsFolder_andSaysWhere() throws Exception {
        Path tmpdir = Files.createDirectory(tmp.resolve("system-temp"));
        Path config = Files.writeString(tmp.resolve("notify.json"), """
                {"channels": {"siem": {"type": "webhook", "urlSetting": "SIEM_URL", "secretSetting": "SIEM_SECRET"}},
                 "default": ["siem"], "delivery": {"allowLoopbackHttp": true, "timeoutSeconds": 1, "maxAttempts": 1}}
                """);
        // a port nothing listens on: the delivery fails and the alert is dead-lettered
        Process p = replay(tmpdir, Map.of("SIEM_URL", "http://127.0.0.1:9/hooks/x", "SIEM_SECRET", "0123456789abcdef0123456789abcdef"),
                "--notify-config", config.toString());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String err = Files.readString(tmp.resolve("err.txt"));
        List<Path> kept = states(tmpdir);
        assertEquals(1, kept.size(), err);
        assertTrue(err.contains("kept " + kept.get(0)), err);
    }
}
