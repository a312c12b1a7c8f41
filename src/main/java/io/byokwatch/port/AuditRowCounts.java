package io.byokwatch.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** How many Key Vault audit events a workspace holds per vault in a recent window: the proof logs arrive. */
public interface AuditRowCounts {

    /** Rows of one vault in the window and the newest one's time. */
    record Rows(long count, Instant latest) {
    }

    /** @return rows per vault ARM id (lower-cased), or unknown with what to grant when the workspace refuses */
    Lookup<Map<String, Rows>> recentRows(Duration window);

    /** Where the rows were read, for messages: "workspace <customer id>". */
    String describe();
}
