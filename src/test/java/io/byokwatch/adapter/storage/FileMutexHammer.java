package io.byokwatch.adapter.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One process of {@link FileMutexTest}: two threads, each taking its own lock file over and over (as serve's request
 * threads take the verdict lock while its delivery thread takes the outbox lock). Prints how many rounds succeeded
 * and exits 1 with the first failure's message when any lock was refused.
 */
public final class FileMutexHammer {
    private FileMutexHammer() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        long until = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000L;
        AtomicInteger rounds = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            Path dir = Files.createDirectories(root.resolve(t == 0 ? "verdicts" : "outbox"));
            FileMutex mutex = new FileMutex(dir.resolve(".lock"));
            threads[t] = new Thread(() -> {
                while (System.nanoTime() < until && failure.get() == null) {
                    try {
                        mutex.withLock(() -> {
                            Thread.onSpinWait();
                            return null;
                        });
                        rounds.incrementAndGet();
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e.getMessage());
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("rounds=" + rounds.get());
        if (failure.get() != null) {
            System.out.println("failed: " + failure.get());
            System.exit(1);
        }
    }
}
