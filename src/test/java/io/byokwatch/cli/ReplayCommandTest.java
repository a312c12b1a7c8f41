package io.byokwatch.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.testsupport.TreeCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ReplayCommandTest {
    private static final String EVENT = "examples/events/01-cluster-shipped-without-byok.json";

    private static List<JsonObject> alerts(ScanCommandTest.Result r) {
        return r.out().lines().filter(l -> !l.isBlank()).map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    private static Path copyEstate(Path tmp) throws IOException {
        return TreeCopy.copy(Path.of("examples/estate"), tmp.resolve("estate"));
    }

    @Test
    void successiveRuns_withPersistentState_openThenStaySilentThenResolve(@TempDir Path tmp) throws IOException {
        Path estate = copyEstate(tmp);
        String state = tmp.resolve("state").toString();
        ScanCommandTest.Result first = ScanCommandTest.run("replay", "--inventory", estate.toString(), "--events", EVENT, "--state", state,
                "--policy", "examples/policy.json", "--now", "2026-12-01T00:00:00Z", "--notify", "json");
        assertEquals(0, first.code(), first.err());
        List<JsonObject> opened = alerts(first);
        assertEquals(1, opened.size());
        assertEquals("opened", opened.get(0).get("kind").getAsString());
        assertEquals(1, opened.get(0).get("schemaVersion").getAsInt());

        ScanCommandTest.Result again = ScanCommandTest.run("replay", "--inventory", estate.toString(), "--events", EVENT, EVENT, "--state", state,
                "--policy", "examples/policy.json", "--notify", "json");
        assertEquals(0, alerts(again).size(), again.err());

        Path file = estate.resolve("payments/aks-shipped-nobyok.az.json");
        Files.writeString(file, Files.readString(file).replace("\"diskEncryptionSetId\": null",
                "\"diskEncryptionSetId\": \"/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg-keys-prod/providers/Microsoft.Compute/diskEncryptionSets/des-pay-prod\""));
        ScanCommandTest.Result changed = ScanCommandTest.run("replay", "--inventory", estate.toString(), "--events", EVENT, "--state", state,
                "--policy", "examples/policy.json", "--notify", "json");
        List<JsonObject> c = alerts(changed);
        assertEquals(1, c.size(), changed.out());
        assertEquals("changed", c.get(0).get("kind").getAsString(), "still failing kms and host encryption, but no longer aks-no-byok");
        assertTrue(c.get(0).getAsJsonArray("resolvedFindings").toString().contains("aks-no-byok"));
    }

    @Test
    void badInput_exitsTwoWithAReason(@TempDir Path tmp) throws IOException {
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "[{\"eventType\": ");
        ScanCommandTest.Result r = ScanCommandTest.run("replay", "--inventory", "examples/estate", "--events", broken.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("broken.json"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals(2, ScanCommandTest.run("replay", "--inventory", "examples/estate").code());
        assertEquals(2, ScanCommandTest.run("replay", "--inventory", "examples/estate", "--events", EVENT, "--notify", "https://hooks.example").code());
    }
}
