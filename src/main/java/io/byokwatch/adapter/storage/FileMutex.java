package io.byokwatch.adapter.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion on a lock file, between threads of this JVM and between processes.
 *
 * <p>An OS file lock alone is not enough: the JVM holds file locks per process, so a second thread asking for the same
 * lock gets an {@link java.nio.channels.OverlappingFileLockException} instead of waiting, and closing any channel on the
 * file would drop the lock for the whole process. Threads therefore queue on one in-JVM lock per lock file first, and
 * only the thread that holds it takes the OS lock.
 */
final class FileMutex {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path lockFile;
    private final ReentrantLock threads;

    /** The lock file's folder must exist; the file itself is created on first use and never deleted. */
    FileMutex(Path lockFile) {
        try {
            // the real path, so that two spellings of one folder (a symlink, "a/../b") share one in-JVM lock
            this.lockFile = lockFile.toAbsolutePath().getParent().toRealPath().resolve(lockFile.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the folder of lock file " + lockFile, e);
        }
        this.threads = IN_PROCESS.computeIfAbsent(this.lockFile, p -> new ReentrantLock());
    }

    interface IoAction<T> {
        T run() throws IOException;
    }

    <T> T withLock(IoAction<T> action) {
        if (threads.isHeldByCurrentThread()) {
            // the OS lock is not reentrant; a nested call would deadlock against ourselves in another process's eyes
            throw new IllegalStateException("nested lock on " + lockFile);
        }
        threads.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("could not work under lock " + lockFile + ": " + e.getMessage(), e);
        } finally {
            threads.unlock();
        }
    }
}
