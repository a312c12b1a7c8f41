package io.byokwatch.adapter.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Temp files a killed writer left behind are removed when a store next opens its folder; a live writer's are not. */
class StaleTempFilesTest {
    @TempDir
    Path state;

    private static Path temp(Path dir, String name, Duration age) throws Exception {
        Files.createDirectories(dir);
        Path p = Files.writeString(dir.resolve(AtomicFiles.TEMP_PREFIX + name), "half a message");
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(age)));
        return p;
    }

    @Test
    void eachFileStore_removesStaleTempsAtStart_andKeepsFreshOnes() throws Exception {
        List<Path> stale = List.of(temp(state.resolve("outbox"), "a-0001.json", Duration.ofHours(2)),
                temp(state.resolve("verdicts"), "b-x.json", Duration.ofDays(3)),
                temp(state.resolve("delivery/alerts"), "c.json", Duration.ofHours(1)),
                temp(state.resolve("delivery/clusters"), "d.json", Duration.ofHours(1)),
                temp(state.resolve("deadletter"), "e.json", Duration.ofHours(1)));
        Path fresh = temp(state.resolve("outbox"), "f-0002.json", Duration.ofSeconds(5));

        new FileOutbox(state.resolve("outbox"), Clock.systemUTC());
        new FileVerdictStore(state.resolve("verdicts"));
        new FileDeliveryLog(state.resolve("delivery"));
        new FileDeadLetters(state.resolve("deadletter"));

        for (Path p : stale) {
            assertFalse(Files.exists(p), "left behind: " + p);
        }
        assertTrue(Files.exists(fresh), "a temp file young enough to be a live writer's was removed");
    }
}
