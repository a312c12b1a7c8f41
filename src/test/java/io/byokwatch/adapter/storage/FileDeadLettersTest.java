package io.byokwatch.adapter.storage;

import io.byokwatch.port.DeadLetters;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class FileDeadLettersTest extends DeadLettersContract {
    @TempDir
    Path dir;

    @Override
    DeadLetters newLetters() {
        return new FileDeadLetters(dir.resolve("deadletter"));
    }
}
