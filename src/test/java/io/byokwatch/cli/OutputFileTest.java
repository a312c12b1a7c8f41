package io.byokwatch.cli;

import io.byokwatch.testsupport.TreeCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An {@code --output} that names an input is refused before anything is written, whichever way it names it. */
class OutputFileTest {
    private static final String NOW = "2026-12-01T00:00:00Z";

    @TempDir
    Path tmp;

    @Test
    void scanOutput_thatIsAnExportFileOfTheInventoryFolder_isRefused_andTheExportKept() throws Exception {
        Path estate = TreeCopy.copy(Path.of("examples/estate"), tmp.resolve("estate"));
        Path export = estate.resolve("payments/aks-shipped-nobyok.az.json");
        byte[] before = Files.readAllBytes(export);
        ScanCommandTest.Result r = ScanCommandTest.run("scan", "--inventory", estate.toString(), "--now", NOW,
                "--format", "json", "--output", export.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("inside --inventory"), r.err());
        assertArrayEquals(before, Files.readAllBytes(export));
    }

    @Test
    void scanOutput_equalToTheInventoryFile_orThePolicy_orASymlinkToThem_isRefused() throws Exception {
        Path export = Files.copy(Path.of("examples/estate/payments/aks-shipped-nobyok.az.json"), tmp.resolve("one.json"));
        Path policy = Files.copy(Path.of("examples/policy.json"), tmp.resolve("policy.json"));
        Path link = Files.createSymbolicLink(tmp.resolve("link.json"), export);
        byte[] exportBefore = Files.readAllBytes(export);
        byte[] policyBefore = Files.readAllBytes(policy);
        for (Path output : new Path[] {export, policy, link, tmp.resolve("sub/../one.json")}) {
            ScanCommandTest.Result r = ScanCommandTest.run("scan", "--inventory", export.toString(), "--policy", policy.toString(),
                    "--now", NOW, "--output", output.toString());
            assertEquals(2, r.code(), output + ": " + r.err());
            assertTrue(r.err().contains("which this command reads"), r.err());
        }
        assertArrayEquals(exportBefore, Files.readAllBytes(export));
        assertArrayEquals(policyBefore, Files.readAllBytes(policy));
    }

    @Test
    void scanOutput_besideTheInputs_isWritten() throws Exception {
        Path export = Files.copy(Path.of("examples/estate/payments/aks-shipped-nobyok.az.json"), tmp.resolve("one.json"));
        Path report = tmp.resolve("report.json");
        Files.writeString(report, "an older report");
        ScanCommandTest.Result r = ScanCommandTest.run("scan", "--inventory", export.toString(), "--now", NOW,
                "--format", "json", "--fail-on", "none", "--output", report.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(report).startsWith("{"));
    }

    @Test
    void accessReportOutput_equalToALogFile_isRefused() throws Exception {
        Path logs = Files.writeString(tmp.resolve("audit.json"), "[]");
        ScanCommandTest.Result r = ScanCommandTest.run("access-report", "--logs", logs.toString(), "--output", logs.toString(),
                "--now", NOW);
        assertEquals(2, r.code(), r.err());
        assertEquals("[]", Files.readString(logs));
    }
}
