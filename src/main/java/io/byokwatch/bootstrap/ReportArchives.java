package io.byokwatch.bootstrap;

import io.byokwatch.adapter.storage.BlobReportArchive;
import io.byokwatch.adapter.storage.FolderReportArchive;
import io.byokwatch.port.ReportArchive;

import java.util.ArrayList;
import java.util.List;

/** Where the access report is kept, from its settings: a folder, a blob container, both, or neither. */
final class ReportArchives {
    private ReportArchives() {
    }

    static List<ReportArchive> from(AccessSettings s, String cloud) {
        List<ReportArchive> archives = new ArrayList<>();
        if (s.reportStore() != null) {
            AccessSettings.BlobPlace place = s.reportStore();
            archives.add(place.connectionString() != null
                    ? BlobReportArchive.connect(place.connectionString(), place.container())
                    : BlobReportArchive.connect(place.endpoint(), Credentials.managed(cloud), place.container()));
        }
        if (s.reportDir() != null) {
            archives.add(new FolderReportArchive(s.reportDir()));
        }
        return archives;
    }
}
