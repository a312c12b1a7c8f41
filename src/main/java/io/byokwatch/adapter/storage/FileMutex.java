package io.byokwatch.adapter.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion on a lock file, between threads of this JVM and between processes.
 *
 * <p>An OS file lock alone is not enough: the JVM holds file locks per process, so a second thread asking for the same
 * lock gets an {@link java.nio.channels.OverlappingFileLockException} instead of waiting, and closing any channel on the
 * file would drop the lock for the whole process. Threads therefore queue on an in-JVM lock first, and only the thread
 * that holds it takes the OS lock.
 *
 * <p>That in-JVM lock is one for the whole process, not one per lock file. Linux checks {@code fcntl} locks for deadlock
 * per process, not per thread: while one thread held the verdict lock and another waited for the outbox lock, a second
 * process doing the opposite made the kernel refuse a lock with "Resource deadlock avoided" although no thread waited
 * for itself. A process that holds at most one of these locks at any moment can never be part of such a cycle. The
 * locked work is a few small file writes, so serialising it within a process costs little.
 */
final class FileMutex {
    private static final ReentrantLock ONE_PER_PROCESS = new ReentrantLock();

    private final Path lockFile;

    /** The lock file's folder must exist; the file itself is created on first use and never deleted. */
    FileMutex(Path lockFile) {
        try {
            // the real path, so that two spellings of one folder (a symlink, "a/../b") share one in-JVM lock
            this.lockFile = lockFile.toAbsolutePath().getParent().toRealPath().resolve(lockFile.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the folder of lock file " + lockFile, e);
        }
    }

    interface IoAction<T> {
        T run() throws IOException;
    }

    <T> T withLock(IoAction<T> action) {
        if (ONE_PER_PROCESS.isHeldByCurrentThread()) {
            // holding two at once is exactly what lets processes deadlock; no store needs another while it works
            throw new IllegalStateException("nested lock on " + lockFile + " while holding another state lock");
        }
        ONE_PER_PROCESS.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("could not work under lock " + lockFile + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } finally {
            ONE_PER_PROCESS.unlock();
        }
    }
}
