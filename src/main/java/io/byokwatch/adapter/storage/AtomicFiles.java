package io.byokwatch.adapter.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Whole-file replacement that readers never see half done: the text goes to a temp file in the same folder, is forced
 * to disk, and is then renamed over the target. A crash leaves either the old file or the new one, plus at worst a
 * stray temp file that listings ignore.
 */
final class AtomicFiles {
    /** Temp files start with this so that every listing can skip them. */
    static final String TEMP_PREFIX = ".tmp-";

    /**
     * A temp file older than this belongs to a writer that died (a write takes milliseconds); a younger one may be a
     * live writer's in another process sharing the folder, and is left alone.
     */
    static final Duration STALE = Duration.ofMinutes(10);
    private static final System.Logger LOG = System.getLogger(AtomicFiles.class.getName());

    private AtomicFiles() {
    }

    /**
     * Deletes the temp files crashed writers left in {@code dir} (not below it): each store calls this when it opens
     * its folder, so a process killed mid-write leaves nothing behind for longer than until the next start.
     */
    static int removeStaleTemps(Path dir) {
        int removed = 0;
        Instant cutoff = Instant.now().minus(STALE);
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
            for (Path temp : temps) {
                try {
                    if (Files.getLastModifiedTime(temp).toInstant().isBefore(cutoff) && Files.deleteIfExists(temp)) {
                        removed++;
                    }
                } catch (IOException e) {
                    // gone meanwhile, or not ours to delete: the next start tries again
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not look for stale temp files in {0}: {1}", dir, e.getMessage());
        }
        if (removed > 0) {
            LOG.log(System.Logger.Level.INFO, "Removed {0} temp file(s) that crashed writers left in {1}.", removed, dir);
        }
        return removed;
    }

    static void write(Path target, String text) throws IOException {
        Path temp = target.resolveSibling(TEMP_PREFIX + UUID.randomUUID() + "-" + target.getFileName());
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                // without this a power cut after the rename can leave an empty file under the final name
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system under " + target.getParent()
                        + " cannot rename atomically; put the state folder on a local disk", e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
