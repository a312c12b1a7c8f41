package io.byokwatch.app;

import io.byokwatch.access.ByokEstate;
import io.byokwatch.adapter.snapshot.SnapshotInventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The access report's view of the estate: whose identities are expected callers of which disk keys. */
class DiskKeyEstateTest {
    private static final String PV_ONLY_PRINCIPAL = "0b7d4e2a-91c3-4f58-a6e0-3c2d1b0a9f87";

    @Test
    void aSetOnlyPersistentVolumesUse_isAnExpectedCallerOfItsKey_forTheClusterOwningThem(@TempDir Path tmp) throws IOException {
        Path estate = Path.of("examples/estate");
        try (Stream<Path> files = Files.walk(estate)) {
            for (Path f : files.toList()) {
                Path target = tmp.resolve(estate.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        // a set of its own for the imaging-cache PVC of aks-ehr, which no cluster names for its node disks
        Path health = tmp.resolve("health");
        Files.writeString(health.resolve("des-pv-imaging.json"), Files.readString(health.resolve("des-claims.json"))
                .replace("des-claims", "des-pv-imaging").replace("ee635697-9fc7-47d4-a6d1-bae204ace4f0", PV_ONLY_PRINCIPAL));
        Files.writeString(health.resolve("pv-disks.graph.json"), Files.readString(health.resolve("pv-disks.graph.json"))
                .replace("diskEncryptionSets/des-claims", "diskEncryptionSets/des-pv-imaging"));
        ByokEstate byok = DiskKeyEstate.from(SnapshotInventory.load(tmp));
        ByokEstate.DiskKey key = byok.diskKey("kv-phi-prod", "phi-disk");
        assertEquals("des-pv-imaging", key.setByPrincipal().get(PV_ONLY_PRINCIPAL), key.setByPrincipal().toString());
        assertTrue(key.clusters().contains("aks-ehr"), key.clusters().toString());
    }
}
