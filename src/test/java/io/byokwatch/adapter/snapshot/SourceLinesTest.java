package io.byokwatch.adapter.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Where each resource's object starts, in every file shape the loader reads, and never a crash. */
class SourceLinesTest {
    private static final String SET = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des-a";
    private static final String CLUSTER = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-a";

    @Test
    void theLineOfEachResourceObject_inArraysArmListsAndGraphOutput(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a-list.json"), "{\n  \"value\": [\n    {\n      \"id\": \"" + CLUSTER + "\",\n"
                + "      \"name\": \"aks-a\",\n      \"properties\": {\"diskEncryptionSetID\": \"" + SET + "\",\n"
                + "        \"sourceVault\": {\"id\": \"/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv\"}}\n"
                + "    }\n  ]\n}\n");
        SourceLines lines = SourceLines.of(dir);
        assertEquals(new SourceLines.Line(dir.resolve("a-list.json"), 3), lines.find(CLUSTER));
        assertEquals(3, lines.find(CLUSTER.toUpperCase()).line(), "ids compare case-insensitively");
        assertEquals(6, lines.find(SET).line(), "a set no file holds: the line that names it");
        assertEquals(7, lines.find("/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv").line(),
                "an {id} reference is a mention, not the vault's object");
        Files.writeString(dir.resolve("b-set.json"), "{\"data\": [\n\n {\"id\": \"" + SET + "\", \"type\": \"x\"}]}");
        SourceLines again = SourceLines.of(dir);
        assertEquals(new SourceLines.Line(dir.resolve("b-set.json"), 3), again.find(SET), "its own object beats a mention");
        assertNull(again.find("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/other"));
    }

    @Test
    void brokenAndHostileFiles_giveWhatWasReadBeforeTheError_andNeverThrow(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), "[{\"id\": \"" + CLUSTER + "\", \"name\": \"aks-a\"},\n {\"id\": ");
        Files.writeString(dir.resolve("deep.json"), "[".repeat(200_000) + "]".repeat(200_000));
        Files.write(dir.resolve("binary.json"), new byte[]{(byte) 0xff, (byte) 0xfe, 0, (byte) 0xd8});
        Files.writeString(dir.resolve("scalar.json"), "\"/subscriptions/s\"");
        SourceLines lines = SourceLines.of(dir);
        assertEquals(1, lines.find(CLUSTER).line());
    }
}
