package io.byokwatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An inventory too big for the heap ends as a usage problem (exit 2) that names the heap limit and the setting that
 * raises it, never a raw OutOfMemoryError with exit 1, which a CI job would read as "findings". Its own JVM with a
 * small heap, as a user's would be.
 */
class OutOfMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void anInventoryBeyondTheHeap_isExit2_withTheLimitAndHowToRaiseIt() throws Exception {
        Path inventory = tmp.resolve("huge.json");
        try (BufferedWriter w = Files.newBufferedWriter(inventory, StandardCharsets.UTF_8)) {
            w.write("[");
            for (int i = 0; i < 200_000; i++) {
                String name = String.format("aks-%06d", i);
                w.write((i == 0 ? "" : ",") + "{\"id\":\"/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg-"
                        + (i % 500) + "/providers/Microsoft.ContainerService/managedClusters/" + name + "\",\"name\":\"" + name
                        + "\",\"type\":\"Microsoft.ContainerService/managedClusters\",\"location\":\"westeurope\","
                        + "\"tags\":{\"owner-team\":\"team-" + (i % 97) + "\"},\"properties\":{\"agentPoolProfiles\":"
                        + "[{\"name\":\"system\",\"count\":3,\"osDiskType\":\"Managed\",\"mode\":\"System\"}]}}");
            }
            w.write("]");
        }
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx40m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "io.byokwatch.cli.Main", "scan",
                "--inventory", inventory.toString(), "--format", "json"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(tmp.resolve("err.txt").toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "did not finish");
        String err = Files.readString(tmp.resolve("err.txt"));
        assertEquals(2, p.exitValue(), err);
        assertTrue(err.contains("ran out of memory") && err.contains("limited to ") && err.contains("-Xmx"), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception in thread"), err);
    }
}
