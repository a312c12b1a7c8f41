package io.byokwatch.adapter.storage;

import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.StoredVerdict;
import io.byokwatch.port.VerdictStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileVerdictStoreTest extends VerdictStoreContract {
    @TempDir
    Path dir;

    private FileVerdictStore fileStore;

    @Override
    VerdictStore newStore() {
        fileStore = new FileVerdictStore(dir.resolve("verdicts"));
        return fileStore;
    }

    @Override
    void damage(ResourceId clusterId) throws Exception {
        Path file = fileStore.fileFor(clusterId);
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() / 2));
    }

    @Override
    String whereDamaged(ResourceId clusterId) {
        return fileStore.fileFor(clusterId).toString();
    }

    @Override
    String whyDamaged() {
        return "not valid JSON";
    }

    @Test
    void fileName_isAHashOfTheLowerCasedId_followedByTheClusterName() {
        ResourceId id = ResourceId.parse("/subscriptions/S/resourceGroups/RG/providers/Microsoft.ContainerService"
                + "/managedClusters/AKS_Prod#1");

        String name = fileStore.fileFor(id).getFileName().toString();

        assertEquals(Hashes.sha256Hex(id.key()).substring(0, 32) + "-aks_prod-1.json", name);
    }

    @Test
    void strayTempFiles_andLockFiles_areNotVerdicts() throws Exception {
        ResourceId id = Verdicts.clusterId("aks-prod");
        store.put(Verdicts.noncompliant(id));
        Path folder = dir.resolve("verdicts");
        Files.writeString(folder.resolve(AtomicFiles.TEMP_PREFIX + "crashed-writer.json"), "{\"half\":");

        List<StoredVerdict> all = store.all();

        assertEquals(List.of(id), all.stream().map(StoredVerdict::clusterId).toList());
        assertTrue(Files.exists(folder.resolve(".lock")));
    }
}
