package io.byokwatch.adapter.storage;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.byokwatch.port.ReportArchive;
import io.byokwatch.testsupport.Azurite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the nightly report is kept: a blob container (the real SDK against Azurite) or a folder. */
class BlobReportArchiveTest {
    @TempDir
    Path dir;

    @Test
    void aReport_isKeptAsABlob_withItsContentType_createsTheContainer_andReplacesTheSameName() {
        String container = "reports-" + UUID.randomUUID();
        String connection = Azurite.get().connectionString();
        ReportArchive archive = BlobReportArchive.connect(connection, container);

        archive.save("access-report-20261201T0200Z.html", "text/html", "<p>first</p>");
        String url = archive.save("access-report-20261201T0200Z.html", "text/html", "<p>second \u2713</p>");

        assertTrue(url.endsWith("/" + container + "/access-report-20261201T0200Z.html"), url);
        BlobClient blob = new BlobServiceClientBuilder().connectionString(connection).buildClient()
                .getBlobContainerClient(container).getBlobClient("access-report-20261201T0200Z.html");
        assertEquals("<p>second \u2713</p>", blob.downloadContent().toString());
        assertEquals("text/html; charset=utf-8", blob.getProperties().getContentType());
        assertFalse(url.contains("AccountKey") || url.contains("sig="), "the URL carries no key: " + url);
    }

    @Test
    void aFolderThatCannotBeWritten_isAReportArchiveError_namingThePath() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("reports"), "a file where the folder should be");
        ReportArchive.ReportArchiveException e = assertThrows(ReportArchive.ReportArchiveException.class,
                () -> new FolderReportArchive(notAFolder).save("r.html", "text/html", "x"));
        assertTrue(e.getMessage().startsWith("cannot write the access report to " + notAFolder.resolve("r.html")), e.getMessage());
    }

    @Test
    void aFolder_keepsTheReport_andSaysWhere() throws Exception {
        String where = new FolderReportArchive(dir.resolve("new/reports")).save("r.md", "text/markdown", "# r");
        assertEquals(dir.resolve("new/reports/r.md").toString(), where);
        assertEquals("# r", Files.readString(Path.of(where)));
    }
}
