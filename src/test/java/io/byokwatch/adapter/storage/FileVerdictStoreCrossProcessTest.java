package io.byokwatch.adapter.storage;

import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.VerdictStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two threads here and a second JVM race compare-and-set on one cluster in one folder, as two {@code serve} processes
 * sharing a state folder would. Every writer increments a counter it read: if two writers ever won with the same
 * version, one increment would be lost and the final count would fall short of the number of wins.
 */
class FileVerdictStoreCrossProcessTest {
    private static final int ATTEMPTS_PER_WRITER = 250;

    @TempDir
    Path dir;

    @Test
    void writersInTwoProcesses_neverBothWinWithTheSameVersion() throws Exception {
        Path folder = dir.resolve("verdicts");
        ResourceId id = Verdicts.clusterId("aks-shared");
        Process child = startChild(folder, id);
        try {
            BufferedReader childOut = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", childOut.readLine(), "the second process did not start");

            VerdictStore here = new FileVerdictStore(folder);
            List<CompletableFuture<CasRacer.Result>> threads = new ArrayList<>();
            try (OutputStream go = child.getOutputStream()) {
                go.write("go\n".getBytes(StandardCharsets.UTF_8));
                go.flush();
                for (int t = 0; t < 2; t++) {
                    threads.add(CompletableFuture.supplyAsync(() -> CasRacer.race(here, id, ATTEMPTS_PER_WRITER)));
                }
            }

            List<String> replaced = new ArrayList<>();
            int losses = 0;
            for (CompletableFuture<CasRacer.Result> f : threads) {
                CasRacer.Result r = f.get(60, TimeUnit.SECONDS);
                replaced.addAll(r.replacedVersions());
                losses += r.losses();
            }
            int winsHere = replaced.size();
            String line;
            while ((line = childOut.readLine()) != null && !line.startsWith("done ")) {
                assertTrue(line.startsWith("won "), "unexpected output from the second process: " + line);
                replaced.add(line.substring(4));
            }
            assertTrue(line != null, "the second process ended without reporting");
            losses += Integer.parseInt(line.substring(5));
            int winsThere = replaced.size() - winsHere;
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue());

            long finalCount = CasRacer.count(here.get(id).orElseThrow().detailJson());
            Set<String> distinct = new HashSet<>(replaced);
            assertEquals(replaced.size(), distinct.size(), "some version was replaced twice");
            assertEquals(replaced.size(), finalCount, "an increment was lost");
            assertEquals(3 * ATTEMPTS_PER_WRITER, replaced.size() + losses);
            assertTrue(winsHere > 0 && winsThere > 0 && losses > 0,
                    "the writers did not actually race: here " + winsHere + ", there " + winsThere + ", lost "
                            + losses);
        } finally {
            child.destroyForcibly();
        }
    }

    private static Process startChild(Path folder, ResourceId id) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                CasRacer.class.getName(), folder.toString(), id.toString(), Integer.toString(ATTEMPTS_PER_WRITER))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}
