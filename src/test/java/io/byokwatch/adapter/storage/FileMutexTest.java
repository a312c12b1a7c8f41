package io.byokwatch.adapter.storage;

import io.byokwatch.testsupport.Reliability;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state folder's locks between threads and between processes. */
@Tag("reliability")
class FileMutexTest {
    @TempDir
    Path dir;

    /**
     * The kernel refused locks with "Resource deadlock avoided" when two processes each had one thread holding one lock
     * file and another waiting for the other file. Two real processes doing exactly that must never see a refusal.
     */
    @Test
    void twoProcesses_eachWithThreadsOnTwoLockFiles_neverGetADeadlockRefusal() throws Exception {
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("hammer-" + i + ".out");
            outputs.add(out);
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    FileMutexHammer.class.getName(), dir.resolve("state").toString(), "3000")
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start());
        }
        long rounds = 0;
        for (int i = 0; i < processes.size(); i++) {
            assertTrue(processes.get(i).waitFor(60, TimeUnit.SECONDS), "hammer " + i + " did not finish");
            String printed = Files.readString(outputs.get(i), StandardCharsets.UTF_8);
            assertEquals(0, processes.get(i).exitValue(), printed);
            assertTrue(printed.matches("(?s)rounds=[1-9]\\d*.*"), printed);
            rounds += Long.parseLong(printed.lines().findFirst().orElseThrow().substring("rounds=".length()));
        }
        Reliability.record("Concurrency: serve processes sharing state", "2 processes x 2 threads taking the verdict and"
                + " outbox locks of one state folder for 3 s", (int) rounds, rounds + " locks taken, 0 refused"
                + " (the old per-file gate got 'Resource deadlock avoided' within 0.2 s)", "none");
    }

    @Test
    void withinOneProcess_aThreadWaitsForAnyOtherStateLock_soNoProcessEverHoldsOneWhileWaitingForAnother() throws Exception {
        FileMutex verdicts = mutex("verdicts");
        FileMutex outbox = mutex("outbox");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean outboxRanWhileVerdictsHeld = new AtomicBoolean();
        AtomicBoolean verdictsHeld = new AtomicBoolean();
        Thread holder = new Thread(() -> verdicts.withLock(() -> {
            verdictsHeld.set(true);
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            verdictsHeld.set(false);
            return null;
        }));
        holder.start();
        holding.await();
        Thread other = new Thread(() -> outbox.withLock(() -> {
            outboxRanWhileVerdictsHeld.set(verdictsHeld.get());
            return null;
        }));
        other.start();
        other.join(300);
        assertTrue(other.isAlive(), "the outbox lock waited while the verdict lock was held in this process");
        release.countDown();
        holder.join();
        other.join();
        assertFalse(outboxRanWhileVerdictsHeld.get());
    }

    @Test
    void takingASecondStateLockInsideTheFirst_isRefusedAsABug() {
        FileMutex verdicts = mutex("verdicts");
        FileMutex outbox = mutex("outbox");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> verdicts.withLock(() -> outbox.withLock(() -> null)));
        assertTrue(e.getMessage().contains("nested lock"), e.getMessage());
    }

    private FileMutex mutex(String folder) {
        try {
            return new FileMutex(Files.createDirectories(dir.resolve(folder)).resolve(".lock"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
