package io.byokwatch.adapter.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Whole-file replacement that readers never see half done: the text goes to a temp file in the same folder, is forced
 * to disk, and is then renamed over the target. A crash leaves either the old file or the new one, plus at worst a
 * stray temp file that listings ignore.
 */
final class AtomicFiles {
    /** Temp files start with this so that every listing can skip them. */
    static final String TEMP_PREFIX = ".tmp-";

    private AtomicFiles() {
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
