package io.byokwatch.bootstrap;

import io.byokwatch.adapter.arm.LiveInventory;
import io.byokwatch.adapter.snapshot.SnapshotInventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class RuntimeTest {

    @Test
    void liveSettings_wireTheArmInventory_withoutTouchingTheNetworkAtStartUp(@TempDir Path state) {
        Runtime r = Runtime.build(Map.of("BYOKWATCH_SUBSCRIPTIONS", "6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01",
                "BYOKWATCH_ARM_ENDPOINT", "https://127.0.0.1:9/", "BYOKWATCH_STATE", "files",
                "BYOKWATCH_STATE_DIR", state.toString()), Clock.systemUTC());
        assertInstanceOf(LiveInventory.class, r.inventory());
        assertFalse(r.inventory().inScope(io.byokwatch.domain.ResourceId.parse("/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/x")));
    }

    @Test
    void fileSettings_wireTheSnapshotInventory(@TempDir Path state) {
        Runtime r = Runtime.build(Map.of("BYOKWATCH_INVENTORY", "files", "BYOKWATCH_INVENTORY_PATH", "examples/estate",
                "BYOKWATCH_STATE_DIR", state.toString()), Clock.systemUTC());
        assertInstanceOf(SnapshotInventory.class, r.inventory());
        assertEquals(21, r.inventory().clusters().size());
    }

    @Test
    void plainHttpArmEndpoint_isRefusedBeforeAnyTokenIsSent() {
        SettingsException e = assertThrows(SettingsException.class, () -> Runtime.build(Map.of(
                "BYOKWATCH_SUBSCRIPTIONS", "6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01", "BYOKWATCH_ARM_ENDPOINT", "http://127.0.0.1:9/",
                "BYOKWATCH_STATE", "files"), Clock.systemUTC()));
        assertTrue(e.getMessage().contains("https"), e.getMessage());
    }
}
