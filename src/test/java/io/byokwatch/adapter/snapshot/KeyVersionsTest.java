package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVersion;
import io.byokwatch.port.Lookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key versions from {@code az keyvault key list-versions} and ARM {@code vaults/keys/{name}/versions} files. */
class KeyVersionsTest {
    @TempDir
    Path dir;

    @Test
    void listVersionsItems_areVersions_whileListAndShowItemsStayKeys() {
        assertEquals(ResourceKind.KEY_VERSION, ArmMapper.kindOf(Fixtures.parse(
                "{\"kid\": \"https://kv.vault.azure.net/keys/k/0a1b\", \"attributes\": {\"enabled\": true}}")));
        assertEquals(ResourceKind.VAULT_KEY, ArmMapper.kindOf(Fixtures.parse(
                "{\"kid\": \"https://kv.vault.azure.net/keys/k\", \"attributes\": {\"enabled\": true}}")));
        assertEquals(ResourceKind.VAULT_KEY, ArmMapper.kindOf(Fixtures.json("snapshot/az/keyvault_key_show.json")));
        assertEquals(ResourceKind.KEY_VERSION, ArmMapper.kindOf(Fixtures.json("snapshot/arm/key_list_versions.json")
                .getAsJsonArray("value").get(0).getAsJsonObject()));
    }

    @Test
    void azListVersions_readsEachVersionsDates_newestFirst() throws IOException {
        Files.copy(Fixtures.path("snapshot/az/keyvault_key_list_versions.json"), dir.resolve("versions.json"));

        List<KeyVersion> versions = found(SnapshotInventory.load(dir)
                .keyVersions(KeyRef.parse("https://kv-byok-prod.vault.azure.net/keys/DES-KEY")));

        assertEquals(List.of("0f1e2d3c4b5a69788796a5b4c3d2e1f0", "1a2b3c4d5e6f708192a3b4c5d6e7f801"),
                versions.stream().map(KeyVersion::version).toList());
        assertEquals(Instant.parse("2026-06-01T00:00:00Z"), versions.get(0).created());
        assertEquals(Instant.parse("2027-06-01T00:00:00Z"), versions.get(0).expires());
        assertTrue(versions.get(0).enabled());
    }

    @Test
    void armVersions_readEpochSecondDates_andTheVersionFromTheIdWhenNoKeyUriWithVersion() throws IOException {
        Files.copy(Fixtures.path("snapshot/arm/key_list_versions.json"), dir.resolve("versions.json"));

        List<KeyVersion> versions = found(SnapshotInventory.load(dir)
                .keyVersions(KeyRef.parse("https://sample-vault-name.vault.azure.net/keys/sample-key-name")));

        assertEquals(2, versions.size());
        assertEquals("c2296aa24acf4daf86942bff5aca73dd", versions.get(0).version());
        assertEquals(Instant.ofEpochSecond(1630069051), versions.get(0).created());
        assertEquals("sample-vault-name.vault.azure.net", versions.get(1).ref().vaultHost());
    }

    @Test
    void aVersionWithoutACreationTime_hasNoAge_andSortsLast() {
        KeyVersion v = ArmMapper.keyVersion(Fixtures.parse(
                "{\"kid\": \"https://kv.vault.azure.net/keys/k/0a1b\", \"attributes\": {\"enabled\": null}}"));

        assertNull(v.created());
        assertNull(v.enabled());
    }

    @Test
    void aKeyWhoseVersionsWereNotExported_isUnknown_sayingWhichCommandAddsThem() throws IOException {
        Files.copy(Fixtures.path("snapshot/az/keyvault_key_show.json"), dir.resolve("key.json"));

        Lookup<List<KeyVersion>> versions = SnapshotInventory.load(dir)
                .keyVersions(KeyRef.parse("https://sample-vault-name.vault.azure.net/keys/sample-key-name"));

        String reason = assertInstanceOf(Lookup.Unknown.class, versions).reason();
        assertTrue(reason.contains("az keyvault key list-versions --vault-name sample-vault-name -n sample-key-name"), reason);
    }

    private static <T> T found(Lookup<T> lookup) {
        assertInstanceOf(Lookup.Found.class, lookup, () -> "expected found, got " + lookup);
        return lookup.orNull();
    }
}
