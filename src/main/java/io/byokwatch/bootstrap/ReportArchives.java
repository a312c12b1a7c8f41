package io.byokwatch.bootstrap;

import io.byokwatch.adapter.storage.BlobReportArchive;
import io.byokwatch.adapter.storage.FolderReportArchive;
import io.byokwatch.port.ReportArchive;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the access report and the KPI page are kept, from their settings: a folder, a blob container, both, or neither. */
final class ReportArchives {
    private ReportArchives() {
    }

    static List<ReportArchive> from(AccessSettings s, String cloud) {
        return from(s.reportStore(), s.reportDir(), cloud);
    }

    /** A blob container (or null), a folder (or null), or both: the KPI page is kept the same way. */
    static List<ReportArchive> from(AccessSettings.BlobPlace store, Path dir, String cloud) {
        List<ReportArchive> archives = new ArrayList<>();
        if (store != null) {
            archives.add(store.connectionString() != null
                    ? BlobReportArchive.connect(store.connectionString(), store.container())
                    : BlobReportArchive.connect(store.endpoint(), Credentials.managed(cloud), store.container()));
        }
        if (dir != null) {
            archives.add(new FolderReportArchive(dir));
        }
        return archives;
    }
}
