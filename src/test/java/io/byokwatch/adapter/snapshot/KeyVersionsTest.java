package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Lookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When each key version was created, which rotation age is measured from, read from every shape that says it. */
class KeyVersionsTest {
    @TempDir
    Path dir;

    @Test
    void azListVersions_giveEachVersionItsCreationTime() throws IOException {
        Files.copy(Fixtures.path("snapshot/az/keyvault_key_list_versions.json"), dir.resolve("versions.json"));

        List<VaultKey> versions = found(SnapshotInventory.load(dir)
                .keyVersions(KeyRef.parse("https://kv-byok-prod.vault.azure.net/keys/DES-KEY"))).stream()
                .sorted(Comparator.comparing(VaultKey::created).reversed()).toList();

        assertEquals(List.of("0f1e2d3c4b5a69788796a5b4c3d2e1f0", "1a2b3c4d5e6f708192a3b4c5d6e7f801"),
                versions.stream().map(VaultKey::currentVersion).toList());
        assertEquals(Instant.parse("2026-06-01T00:00:00Z"), versions.get(0).created());
        assertEquals(Instant.parse("2025-06-01T00:00:00Z"), versions.get(1).created());
    }

    @Test
    void armVersions_readEpochSecondCreationTimes() {
        VaultKey v = ArmMapper.keyVersion(Fixtures.json("snapshot/arm/key_list_versions.json").getAsJsonArray("value")
                .get(1).getAsJsonObject());

        assertEquals("c2296aa24acf4daf86942bff5aca73dd", v.currentVersion());
        assertEquals(Instant.ofEpochSecond(1630069051), v.created());
    }

    @Test
    void aVersionWithoutACreationTime_hasNoAge() {
        VaultKey v = ArmMapper.keyVersion(Fixtures.parse(
                "{\"kid\": \"https://kv.vault.azure.net/keys/k/0a1b\", \"attributes\": {\"enabled\": true}}"));

        assertNull(v.created());
    }

    @Test
    void aVersionlessListItem_saysNothingOfWhenTheCurrentVersionWasMade() {
        VaultKey k = ArmMapper.key(Fixtures.parse("{\"kid\": \"https://kv.vault.azure.net/keys/k\", \"attributes\":"
                + " {\"enabled\": true, \"created\": \"2025-06-01T00:00:00+00:00\"}}"));

        assertNull(k.created(), "which version those attributes describe is not said");
    }

    @Test
    void aKeyWhoseVersionsWereNotExported_isUnknown_sayingWhichCommandAddsThem() throws IOException {
        Files.copy(Fixtures.path("snapshot/az/keyvault_key_show.json"), dir.resolve("key.json"));

        Lookup<List<VaultKey>> versions = SnapshotInventory.load(dir)
                .keyVersions(KeyRef.parse("https://sample-vault-name.vault.azure.net/keys/sample-key-name"));

        String reason = assertInstanceOf(Lookup.Unknown.class, versions).reason();
        assertTrue(reason.contains("az keyvault key list-versions --vault-name sample-vault-name -n sample-key-name"), reason);
    }

    private static <T> T found(Lookup<T> lookup) {
        assertInstanceOf(Lookup.Found.class, lookup, () -> "expected found, got " + lookup);
        return lookup.orNull();
    }
}
