package io.byokwatch.adapter.snapshot;

import io.byokwatch.testsupport.TreeCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Symbolic links in an inventory are followed; what cannot be followed is said, never skipped without a word. */
class InventoryFilesTest {
    @TempDir
    Path tmp;

    private static int clusters(Path inventory) {
        return SnapshotLoader.load(inventory).clusters().size();
    }

    @Test
    void symlinkedFolders_andASymlinkedRoot_areReadLikeTheRealOnes() throws Exception {
        Path real = TreeCopy.copy(Path.of("examples/estate"), tmp.resolve("real"));
        Path linked = Files.createDirectory(tmp.resolve("linked"));
        try (var subs = Files.list(real)) {
            for (Path sub : subs.toList()) {
                Files.createSymbolicLink(linked.resolve(sub.getFileName()), sub);
            }
        }
        Path linkedRoot = Files.createSymbolicLink(tmp.resolve("root-link"), real);
        int expected = clusters(real);
        assertTrue(expected > 10, "the example estate has its clusters: " + expected);
        assertEquals(expected, clusters(linked), "clusters in symlinked folders were skipped");
        assertEquals(expected, clusters(linkedRoot), "a symlinked --inventory root was not followed");
        InventoryFiles walked = InventoryFiles.walk(linked);
        assertEquals(InventoryFiles.walk(real).json().size(), walked.json().size());
        assertTrue(walked.summary().contains("reached through symbolic links"), walked.summary());
    }

    @Test
    void aLoop_aBrokenLink_andNonJsonFiles_areReported_andTheRestIsRead() throws Exception {
        Path root = TreeCopy.copy(Path.of("examples/estate"), tmp.resolve("estate"));
        Files.createSymbolicLink(root.resolve("payments/back-up"), root);
        Files.createSymbolicLink(root.resolve("gone.json"), tmp.resolve("nowhere.json"));
        Files.writeString(root.resolve("README.md"), "how this export was made");
        Files.createSymbolicLink(root.resolve("health-again"), root.resolve("health"));

        InventoryFiles walked = InventoryFiles.walk(root);
        Snapshot snapshot = SnapshotLoader.load(walked);

        assertEquals(clusters(Path.of("examples/estate")), snapshot.clusters().size());
        assertTrue(snapshot.problems().stream().anyMatch(p -> p.path().endsWith("back-up") && p.message().contains("loop")),
                snapshot.problems().toString());
        assertTrue(snapshot.problems().stream().anyMatch(p -> p.path().endsWith("gone.json") && p.message().contains("does not exist")),
                snapshot.problems().toString());
        String summary = walked.summary();
        assertTrue(summary.contains("1 file not named *.json (README.md)"), summary);
        assertTrue(summary.contains("already read through another link"), summary);
        assertTrue(summary.contains("2 that could not be read or followed"), summary);
    }

    @Test
    void aRootThatIsABrokenLink_isRefusedSayingSo() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("export"), tmp.resolve("missing"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InventoryFiles.walk(link));
        assertTrue(e.getMessage().contains("symbolic link to something that does not exist"), e.getMessage());
    }
}
