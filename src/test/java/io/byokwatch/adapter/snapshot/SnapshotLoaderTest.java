package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.ResourceId;
import org.junit.jupiter.api.Test;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotLoaderTest {
    private static final String SUB = "/subscriptions/s1/resourceGroups/rg/providers/";

    @TempDir
    Path dir;

    private static String cluster(String name) {
        return "{\"id\": \"" + SUB + "Microsoft.ContainerService/managedClusters/" + name + "\","
                + " \"type\": \"Microsoft.ContainerService/managedClusters\", \"properties\": {}}";
    }

    private static String vnet(String name) {
        return "{\"id\": \"" + SUB + "Microsoft.Network/virtualNetworks/" + name + "\","
                + " \"type\": \"Microsoft.Network/virtualNetworks\"}";
    }

    private Path write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static List<String> clusterNames(Snapshot s) {
        return s.clusters().stream().map(c -> c.name()).toList();
    }

    @Test
    void singleResourceFile_loads() throws IOException {
        Snapshot s = SnapshotLoader.load(write("one.json", cluster("aks1")));
        assertEquals(List.of("aks1"), clusterNames(s));
        assertEquals(1, s.files());
        assertEquals(List.of(), s.problems());
    }

    @Test
    void jsonArray_loadsEveryElement() throws IOException {
        Snapshot s = SnapshotLoader.load(write("list.json", "[" + cluster("aks1") + "," + cluster("aks2") + "]"));
        assertEquals(List.of("aks1", "aks2"), clusterNames(s));
    }

    @Test
    void armListWithNextLink_loadsItsValue() throws IOException {
        Snapshot s = SnapshotLoader.load(write("page.json", "{\"value\": [" + cluster("aks1") + "],"
                + " \"nextLink\": \"https://management.azure.com/...&$skipToken=abc\"}"));
        assertEquals(List.of("aks1"), clusterNames(s));
    }

    @Test
    void resourceGraphOutput_loadsItsData() throws IOException {
        Snapshot s = SnapshotLoader.load(write("graph.json", "{\"count\": 2, \"data\": [" + cluster("aks1") + ","
                + cluster("aks2") + "], \"skip_token\": null, \"total_records\": 2}"));
        assertEquals(List.of("aks1", "aks2"), clusterNames(s));
    }

    @Test
    void olderResourceGraphTable_loadsEachRowByColumnName() throws IOException {
        Snapshot s = SnapshotLoader.load(write("table.json", "{\"totalRecords\": 1, \"data\": {\"columns\":"
                + " [{\"name\": \"id\", \"type\": \"string\"}, {\"name\": \"type\", \"type\": \"string\"},"
                + " {\"name\": \"properties\", \"type\": \"object\"}], \"rows\": [[\"" + SUB
                + "Microsoft.ContainerService/managedClusters/aks1\", \"microsoft.containerservice/managedclusters\","
                + " {\"diskEncryptionSetID\": \"" + SUB + "Microsoft.Compute/diskEncryptionSets/des1\"}]]}}"));
        assertEquals(List.of("aks1"), clusterNames(s));
        assertEquals(ResourceId.parse(SUB + "Microsoft.Compute/diskEncryptionSets/des1"),
                s.clusters().get(0).diskEncryptionSetId());
    }

    @Test
    void folder_isWalkedRecursivelyInSortedOrder_readingOnlyJsonFiles() throws IOException {
        write("b/deeper/c.json", cluster("aks3"));
        write("a.json", cluster("aks1"));
        write("b/b.JSON", cluster("aks2"));
        write("b/notes.txt", "not json");
        write("b/lines.jsonl", cluster("aks9"));
        Snapshot s = SnapshotLoader.load(dir);
        assertEquals(List.of("aks1", "aks2", "aks3"), clusterNames(s));
        assertEquals(3, s.files());
        assertEquals(List.of(), s.problems());
    }

    @Test
    void explicitlyNamedFile_loadsWhateverItsExtension() throws IOException {
        Snapshot s = SnapshotLoader.load(write("export.txt", cluster("aks1")));
        assertEquals(List.of("aks1"), clusterNames(s));
    }

    @Test
    void unknownTypes_areSkippedAndCountedPerType() throws IOException {
        Snapshot s = SnapshotLoader.load(write("mixed.json", "[" + vnet("v1") + "," + cluster("aks1") + "," + vnet("v2")
                + ", {\"id\": \"" + SUB + "Microsoft.Storage/storageAccounts/sa1\"}, {\"hello\": \"world\"}]"));
        assertEquals(List.of("aks1"), clusterNames(s));
        assertEquals(Map.of("microsoft.network/virtualnetworks", 2, "microsoft.storage/storageaccounts", 1,
                "(no ARM type)", 1), s.skippedTypes());
        assertEquals(List.of(), s.problems());
    }

    @Test
    void aRoleAssignmentWhosePropertiesIsText_isAProblemOnThatRecord_notACrashOfTheLoad() throws IOException {
        // found by the fuzzer: classifying the record read its properties as an object and threw out of the load
        Snapshot s = SnapshotLoader.load(write("roles.json", "[{\"id\": \"" + SUB + "Microsoft.KeyVault/vaults/kv"
                + "/providers/Microsoft.Authorization/roleAssignments/a1\", \"type\": \"Microsoft.Authorization/roleAssignments\","
                + " \"properties\": \"ServicePrincipal\"}, " + cluster("aks1") + "]"));
        assertEquals(List.of("aks1"), clusterNames(s));
        assertEquals(1, s.problems().size(), s.problems().toString());
        assertTrue(s.problems().get(0).toString().contains("properties"), s.problems().toString());
    }

    @Test
    void malformedFile_isReportedWithPathLineAndColumn_whileOtherFilesLoad() throws IOException {
        write("a.json", cluster("aks1"));
        Path broken = write("b.json", "{\n  \"id\": \"x\",\n  \"name\" \"missing colon\"\n}\n");
        write("c.json", cluster("aks2"));
        Snapshot s = SnapshotLoader.load(dir);
        assertEquals(List.of("aks1", "aks2"), clusterNames(s));
        assertEquals(1, s.problems().size());
        LoadProblem p = s.problems().get(0);
        assertEquals(broken, p.path());
        assertEquals("3:11", p.position(), "gson's position, just past the offending quote");
        assertEquals(broken + ":3:11: invalid JSON: Expected ':'", p.toString());
    }

    @Test
    void truncatedFile_isReportedWithItsEndPosition() throws IOException {
        Path broken = write("cut.json", "[" + cluster("aks1") + ",\n");
        Snapshot s = SnapshotLoader.load(broken);
        assertEquals(List.of(), s.clusters(), "a file that does not parse contributes nothing");
        assertTrue(s.problems().get(0).toString().matches(".*cut\\.json:2:1: invalid JSON: .+"), s.problems().toString());
    }

    @Test
    void lenientJson_isRejectedRatherThanGuessed() throws IOException {
        Path commented = write("commented.json", "// exported by hand\n" + cluster("aks1"));
        LoadProblem p = SnapshotLoader.load(commented).problems().get(0);
        assertEquals("1:2", p.position());
        assertTrue(p.message().startsWith("invalid JSON: malformed JSON (not strict RFC 8259"), p.message());
    }

    @Test
    void textAfterTheJsonValue_isReported() throws IOException {
        Path twice = write("twice.json", cluster("aks1") + "\n" + cluster("aks2"));
        LoadProblem p = SnapshotLoader.load(twice).problems().get(0);
        assertEquals("invalid JSON: unexpected text after the JSON value", p.message());
        assertEquals("2:2", p.position());
    }

    @Test
    void emptyFile_isReported() throws IOException {
        Path empty = write("empty.json", "  \n");
        assertEquals(List.of(new LoadProblem(empty, "", "the file holds no JSON value (empty, or just null)")),
                SnapshotLoader.load(empty).problems());
    }

    @Test
    void topLevelScalar_isReported() throws IOException {
        Path scalar = write("scalar.json", "42");
        assertEquals("expected a JSON object or array, got 42", SnapshotLoader.load(scalar).problems().get(0).message());
    }

    @Test
    void badFieldInOneResource_isReportedForThatResourceOnly() throws IOException {
        String bad = "{\"id\": \"" + SUB + "Microsoft.ContainerService/managedClusters/aks2\","
                + " \"type\": \"Microsoft.ContainerService/managedClusters\","
                + " \"properties\": {\"securityProfile\": {\"azureKeyVaultKms\": {\"enabled\": \"maybe\"}}}}";
        Path file = write("list.json", "{\"value\": [" + cluster("aks1") + "," + bad + ", 7," + cluster("aks3") + "]}");
        Snapshot s = SnapshotLoader.load(file);
        assertEquals(List.of("aks1", "aks3"), clusterNames(s));
        assertEquals(List.of(
                new LoadProblem(file, "value[1]", "managed cluster " + SUB + "Microsoft.ContainerService/managedClusters/aks2"
                        + ": properties.securityProfile.azureKeyVaultKms.enabled: expected true or false, got \"maybe\""),
                new LoadProblem(file, "value[2]", "expected a JSON object, got 7")), s.problems());
        assertEquals(file + ":value[1]: managed cluster " + SUB + "Microsoft.ContainerService/managedClusters/aks2"
                + ": properties.securityProfile.azureKeyVaultKms.enabled: expected true or false, got \"maybe\"",
                s.problems().get(0).toString());
    }

    @Test
    void byteOrderMark_isSkipped() throws IOException {
        Path file = dir.resolve("bom.json");
        byte[] json = cluster("aks1").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        Files.write(file, withBom);
        Snapshot s = SnapshotLoader.load(file);
        assertEquals(List.of(), s.problems());
        assertEquals(List.of("aks1"), clusterNames(s));
    }

    @Test
    void utf16WithByteOrderMark_asWindowsPowerShellRedirectsWriteIt_loads() throws IOException {
        Path file = dir.resolve("ps51.json");
        byte[] json = cluster("aks1").getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[json.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(json, 0, withBom, 2, json.length);
        Files.write(file, withBom);
        Snapshot s = SnapshotLoader.load(file);
        assertEquals(List.of(), s.problems());
        assertEquals(List.of("aks1"), clusterNames(s));
    }

    @Test
    void bytesThatAreNotText_areReportedInsteadOfBecomingReplacementCharacters() throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, cluster("aké1").getBytes(StandardCharsets.ISO_8859_1));
        Snapshot s = SnapshotLoader.load(file);
        assertEquals(List.of(new LoadProblem(file, "", "cannot read: not UTF-8 (or UTF-16 with a byte order mark) text")),
                s.problems());
        assertEquals(List.of(), s.clusters());
    }

    @Test
    void missingPath_isAnIllegalArgument() {
        Path missing = dir.resolve("nope");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SnapshotLoader.load(missing));
        assertEquals("inventory path " + missing + " does not exist", e.getMessage());
    }

    @Test
    void corpusFolder_loadsEveryResourceAndSkipsTheSecurityProfileSnippet(@TempDir Path dir) throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.path("corpus"))) {
            for (Path f : files.filter(p -> ArmMapperCorpusTest.isResourcePayload(p.getFileName().toString())).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Snapshot s = SnapshotLoader.load(dir);
        assertEquals(14, s.files());
        assertEquals(List.of(), s.problems());
        assertEquals(3, s.clusters().size());
        assertEquals(2, s.agentPools().size());
        assertEquals(4, s.diskEncryptionSets().size());
        assertEquals(2, s.vaults().size());
        assertEquals(1, s.keys().size());
        assertEquals(1, s.rotationPolicies().size());
        assertEquals(Map.of("(no ARM type)", 1), s.skippedTypes());
        assertEquals(13, s.resourceCount());
    }

    @Test
    void snapshotFixtureFolder_loadsAzAndArmShapesTogether() {
        Snapshot s = SnapshotLoader.load(Fixtures.path("snapshot"));
        assertEquals(List.of(), s.problems());
        assertEquals(3, s.clusters().size(), "az/ and the two KMS records of kms/");
        assertEquals(1, s.agentPools().size());
        assertEquals(2, s.diskEncryptionSets().size());
        assertEquals(3, s.vaults().size());
        assertEquals(4, s.keys().size());
        assertEquals(1, s.rotationPolicies().size());
        assertEquals(5, s.roleAssignments().size());
    }
}
