package io.byokwatch.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.testsupport.TreeCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The command an incident responder runs before disabling a key: never a false all-clear. */
class BlastRadiusCommandTest {
    private static final String LEGACY_VAULT = "/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg-keys-legacy"
            + "/providers/Microsoft.KeyVault/vaults/kv-shared-legacy";

    private static MainTest.Result run(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "blast-radius";
        System.arraycopy(args, 0, argv, 1, args.length);
        return MainTest.run(argv);
    }

    @Test
    void aTargetWithOneWrongLetter_isAnError_withTheClosestMatches_neverAnAllClear() {
        for (String typo : List.of(LEGACY_VAULT.replace("kv-shared-legacy", "kv-shared-legacu"), "kv-shared-legaci",
                "https://kv-shared-legaci.vault.azure.net/keys/disk-shared")) {
            MainTest.Result r = run("--inventory", "examples/estate", typo);
            assertEquals(2, r.code(), typo);
            assertEquals("", r.out(), typo);
            assertTrue(r.err().startsWith("byokwatch: no key, vault, disk encryption set or user-assigned identity in the inventory matches"), r.err());
            assertTrue(r.err().contains("kv-shared-legacy"), "the closest match is named: " + r.err());
            assertFalse(r.err().contains("Nothing"), r.err());
        }
        MainTest.Result flag = run("--inventory", "examples/estate", "--vault", LEGACY_VAULT.replace("legacy", "legasy"));
        assertEquals(2, flag.code());
        assertTrue(flag.err().contains("no vault in the inventory matches"), flag.err());
    }

    @Test
    void everyFormPeopleHaveAtHand_givesTheSameAnswer() {
        for (String[] target : List.of(new String[]{"kv-shared-legacy"}, new String[]{"--vault", "kv-shared-legacy"},
                new String[]{"--vault", LEGACY_VAULT}, new String[]{"kv-shared-legacy.vault.azure.net"},
                new String[]{"kv-shared-legacy/disk-shared"}, new String[]{"https://kv-shared-legacy.vault.azure.net/keys/disk-shared"},
                new String[]{"--key", "https://kv-shared-legacy.vault.azure.net/keys/disk-shared/97b301a9cd31a8b37b5b0b843b479c37"})) {
            String[] argv = concat(new String[]{"--inventory", "examples/estate", "--format", "json"}, target);
            MainTest.Result r = run(argv);
            assertEquals(0, r.code(), String.join(" ", target) + ": " + r.err());
            JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
            assertEquals(2, o.getAsJsonArray("diskEncryptionSets").size(), String.join(" ", target));
            assertEquals(3, o.getAsJsonArray("clusters").size(), String.join(" ", target));
            assertTrue(o.get("complete").getAsBoolean());
        }
        MainTest.Result set = run("--inventory", "examples/estate", "--format", "json", "des-shared-a");
        assertEquals(2, JsonParser.parseString(set.out()).getAsJsonObject().getAsJsonArray("clusters").size());
    }

    @Test
    void anAmbiguousName_listsTheCandidates(@TempDir Path dir) throws Exception {
        Path estate = TreeCopy.copy(Path.of("examples/estate"), dir.resolve("estate"));
        // a disk encryption set named like the vault: the name alone no longer says which is meant
        String set = Files.readString(estate.resolve("health/des-ehr.json")).replace("des-ehr", "kv-shared-legacy");
        Files.writeString(estate.resolve("health/des-ehr.json"), set);
        MainTest.Result r = run("--inventory", estate.toString(), "kv-shared-legacy");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("'kv-shared-legacy' fits 2 resources"), r.err());
        assertTrue(r.err().contains("vault kv-shared-legacy (") && r.err().contains("disk encryption set kv-shared-legacy ("), r.err());
        assertEquals(0, run("--inventory", estate.toString(), "--vault", "kv-shared-legacy").code(), "--vault picks the kind");
    }

    @Test
    void anInventoryNotReadCompletely_saysSo_exitsOne_andNeverPrintsNothingDependsOnIt(@TempDir Path dir) throws Exception {
        Path estate = TreeCopy.copy(Path.of("examples/estate"), dir.resolve("estate"));
        Files.writeString(estate.resolve("payments/clusters-more.json"), "[{\"id\": \"/subscriptions/x\",\n  \"name\": ]");
        MainTest.Result key = run("--inventory", estate.toString(), "kv-phi-prod");
        assertEquals(1, key.code(), key.err());
        assertTrue(key.err().contains("clusters-more.json"), key.err());
        assertTrue(key.out().contains("could not be read completely"), key.out());
        // a key no cluster in the readable files uses: exactly where a false all-clear would come from
        Path lonely = Files.writeString(estate.resolve("health/lonely.key.json"), Files.readString(estate.resolve("health/phi-disk.key.json"))
                .replace("phi-disk", "phi-spare"));
        assertTrue(Files.exists(lonely));
        MainTest.Result spare = run("--inventory", estate.toString(), "kv-phi-prod/phi-spare");
        assertEquals(1, spare.code(), spare.err());
        assertFalse(spare.out().contains("Nothing in this inventory depends on it"), spare.out());
        assertTrue(spare.out().contains("This is not an all-clear."), spare.out());
        MainTest.Result json = run("--inventory", estate.toString(), "--format", "json", "kv-phi-prod/phi-spare");
        JsonObject o = JsonParser.parseString(json.out()).getAsJsonObject();
        assertFalse(o.get("complete").getAsBoolean());
        assertEquals(1, o.getAsJsonArray("unreadable").size());
        Files.delete(estate.resolve("payments/clusters-more.json"));
        MainTest.Result whole = run("--inventory", estate.toString(), "kv-phi-prod/phi-spare");
        assertEquals(0, whole.code(), whole.err());
        assertTrue(whole.out().contains("Nothing in this inventory depends on it."), whole.out());
    }

    @Test
    void setsNoClusterUses_areNotFollowedByNothingDependsOnIt(@TempDir Path dir) throws Exception {
        Path estate = Files.createDirectories(dir.resolve("estate"));
        Files.copy(Path.of("examples/estate/payments/disk-encryption-sets.graph.json"), estate.resolve("sets.json"));
        Files.copy(Path.of("examples/estate/payments/vaults/kv-shared-legacy.json"), estate.resolve("vault.json"));
        MainTest.Result r = run("--inventory", estate.toString(), "kv-shared-legacy");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2 disk encryption sets and 0 clusters depend on it."), r.out());
        assertTrue(r.out().contains("used by no AKS cluster in the inventory"), r.out());
        assertFalse(r.out().contains("Nothing in this inventory depends on it"), r.out());
    }

    @Test
    void persistentVolumeDisks_behindTheSets_makeTheirClustersDependToo() {
        MainTest.Result r = run("--inventory", "examples/estate", "--format", "json", "kv-phi-prod");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertTrue(o.get("persistentVolumeDisksRead").getAsBoolean());
        assertEquals(2, o.getAsJsonArray("persistentVolumeDisks").size());
        JsonObject disk = o.getAsJsonArray("persistentVolumeDisks").get(0).getAsJsonObject();
        assertTrue(disk.getAsJsonArray("clusterIds").get(0).getAsString().endsWith("/aks-ehr"), disk.toString());
        String via = null;
        for (var c : o.getAsJsonArray("clusters")) {
            if (c.getAsJsonObject().get("name").getAsString().equals("aks-ehr")) {
                via = c.getAsJsonObject().get("via").getAsString();
            }
        }
        assertEquals("disk+pv+kms", via);
        MainTest.Result table = run("--inventory", "examples/estate", "kv-phi-prod");
        assertTrue(table.out().contains("2 persistent-volume disks use these sets"), table.out());
    }

    @Test
    void markdown_isTheRunbook_andCanBeWrittenToAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("runbook.md");
        MainTest.Result r = run("--inventory", "examples/estate", "kv-shared-legacy", "--format", "markdown", "--output", file.toString(),
                "--now", "2026-12-01T00:00:00Z");
        assertEquals(0, r.code(), r.err());
        String md = Files.readString(file);
        assertTrue(md.startsWith("# Revocation runbook: vault `kv-shared-legacy`"), md);
        assertTrue(md.contains("written 2026-12-01T00:00:00Z"), md);
    }

    @Test
    void theTargetIsRequired_once() {
        assertEquals(2, run("--inventory", "examples/estate").code());
        MainTest.Result two = run("--inventory", "examples/estate", "kv-shared-legacy", "--vault", "kv-pay-prod");
        assertEquals(2, two.code());
        assertTrue(two.err().contains("exactly one target"), two.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
