package io.byokwatch.adapter.storage;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import io.byokwatch.port.ReportArchive;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reports as blobs in a container of the function's storage account, with their content type so that a browser shows
 * the HTML. People open them in the portal's storage browser or at the blob URL with their own Entra sign-in (Storage
 * Blob Data Reader on the container); the account allows no anonymous access.
 */
public final class BlobReportArchive implements ReportArchive {
    private final BlobContainerClient container;
    private volatile boolean ensured;

    public BlobReportArchive(BlobContainerClient container) {
        this.container = Objects.requireNonNull(container, "container");
    }

    /** With an account connection string (Azurite, or a key-based account). */
    public static BlobReportArchive connect(String connectionString, String containerName) {
        BlobContainerClient c;
        try {
            c = new BlobServiceClientBuilder().connectionString(connectionString).buildClient()
                    .getBlobContainerClient(containerName);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(ConnectionStrings.rejected("Blob Storage", e));
        }
        return new BlobReportArchive(c);
    }

    /**
     * With an identity (managed identity in Azure): it needs Storage Blob Data Contributor or Owner on the account.
     *
     * @param endpoint e.g. {@code https://<account>.blob.core.windows.net}
     */
    public static BlobReportArchive connect(String endpoint, TokenCredential credential, String containerName) {
        return new BlobReportArchive(new BlobServiceClientBuilder().endpoint(endpoint)
                .credential(Objects.requireNonNull(credential, "credential")).buildClient().getBlobContainerClient(containerName));
    }

    @Override
    public String save(String fileName, String contentType, String text) {
        BlobClient blob = container.getBlobClient(fileName);
        try {
            if (!ensured) {
                container.createIfNotExists();
                ensured = true;
            }
            BlobParallelUploadOptions upload = new BlobParallelUploadOptions(BinaryData.fromString(text))
                    .setHeaders(new BlobHttpHeaders().setContentType(contentType + "; charset="
                            + StandardCharsets.UTF_8.name().toLowerCase(java.util.Locale.ROOT)));
            blob.uploadWithResponse(upload, null, Context.NONE);
        } catch (RuntimeException e) {
            String detail = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new ReportArchiveException("cannot store the access report as " + blob.getBlobUrl() + ": "
                    + e.getClass().getSimpleName() + ": " + detail, e);
        }
        return blob.getBlobUrl();
    }
}
