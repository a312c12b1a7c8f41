package io.byokwatch.adapter.storage;

import io.byokwatch.port.DeliveryLog;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

class FileDeliveryLogTest extends DeliveryLogContract {
    @TempDir
    Path dir;

    @Override
    DeliveryLog newLog() {
        return new FileDeliveryLog(dir.resolve("delivery"));
    }

    @Override
    void damageProgress(String alertId) {
        try {
            Files.writeString(dir.resolve("delivery/alerts").resolve(Hashes.sha256Hex(alertId).substring(0, 32) + ".json"), "{\"schema\": 1, \"alertId\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
